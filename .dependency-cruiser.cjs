/**
 * Import boundaries (issue #20), checked by tests/structure/boundaries.test.ts in every test run.
 * Imports run one way: entry points → app → routes → domain → db. The domain stays portable (no Hono, no
 * runtime), and the web app takes only request schemas and types from the server, never its code.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-not-hono',
      comment: 'src/domain holds the rules, callable from routes, jobs and the CLI alike: no HTTP framework inside.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '(^|/)node_modules/(hono|@hono)/' },
    },
    {
      name: 'domain-not-runtime',
      comment: 'src/domain runs on Node and on Workers: node:* and cloudflare:* belong to the homes (src/node.ts, src/node/, src/cli.ts, src/worker.ts, src/worker/).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-not-runtime-by-name',
      comment: 'The same, for the runtime modules a resolver cannot find (cloudflare:workers, node:sqlite …).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(node|cloudflare):' },
    },
    {
      name: 'node-apis-in-the-node-home',
      comment:
        'The app, its routes, middleware and jobs run on Workers too: Node\'s own modules are used only by the Node ' +
        'home (src/node.ts and what runs only on Node, src/node/) and the CLI.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(node\\.ts|cli\\.ts|node/)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-home-stays-outside-the-app',
      comment: 'src/node/ is the Node home\'s: the app and everything it imports must run without it (on Workers).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(node\\.ts|cli\\.ts|node/)' },
      to: { path: '^src/node/' },
    },
    {
      name: 'worker-home-stays-outside-the-app',
      comment: 'src/worker/ is the Workers home\'s (D1 sessions, R2): the app and everything it imports must run without it (on Node).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(worker\\.ts|worker/)' },
      to: { path: '^src/worker/' },
    },
    {
      name: 'domain-not-routes',
      comment: 'Routes and middleware call the domain, never the other way round.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(routes|middleware)/' },
    },
    {
      name: 'recognition-drain-off-the-read-path',
      comment:
        'Recognition is refreshed after writes (src/middleware/recognition.ts) and on the tick, never by a route ' +
        'or a read: only src/jobs may drain the queue, and only that middleware and the tick start a drain.',
      severity: 'error',
      from: { pathNot: '^src/jobs/' },
      to: { path: '^src/domain/recognition/drain\\.ts$' },
    },
    {
      name: 'recognition-drain-started-in-one-place',
      comment:
        'The one place a drain starts after a change: routes call nothing, so no write can forget it. The Node ' +
        "home's drain thread (src/node/recognition-worker.ts) only runs the drains that place hands it.",
      severity: 'error',
      from: { pathNot: '^src/(middleware/recognition|jobs/tick|jobs/recognition|node/recognition-worker)\\.ts$' },
      to: { path: '^src/jobs/recognition\\.ts$' },
    },
    {
      name: 'web-only-schemas-and-types',
      comment:
        'web/ may take from src/ only request schemas (src/schemas) and the API type (src/api-type.ts); the ' +
        'build config (web/vite.config.ts) runs on Node at build time and is not part of the web app.',
      severity: 'error',
      from: { path: '^web/', pathNot: '^web/vite\\.config\\.ts$' },
      to: { path: '^(src|db)/', pathNot: '^src/(schemas/|api-type\\.ts$)' },
    },
    {
      name: 'web-api-type-only',
      comment: 'src/api-type.ts reaches every route: the web app may import it for types only (erased at build).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/api-type\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'A circle of imports makes load order matter; types-only circles are harmless and allowed.',
      severity: 'error',
      from: { path: '^(src|web)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|tests)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
