import { serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import autocannon from 'autocannon';
import { securityHeaders } from './src/middleware/security-headers';
import { COMMON_HEADERS, RESOURCE_CSP } from './src/security-headers';
const sync: MiddlewareHandler = (c, next) => { for (const [k, v] of COMMON_HEADERS) c.header(k, v); c.header('Content-Security-Policy', RESOURCE_CSP); return next(); };
const mk = (mw?: MiddlewareHandler) => { const a = new Hono(); if (mw) a.use(mw); a.get('/healthz', (c) => c.json({ ok: true })); return a; };
const apps = { none: mk(), after: mk(securityHeaders(undefined)), before: mk(sync) } as const;
const ports: Record<string, number> = { none: 9311, after: 9312, before: 9313 };
import { createServer } from 'node:http';
const base: Record<string,string> = Object.fromEntries([...COMMON_HEADERS, ['Content-Security-Policy', RESOURCE_CSP]]);
const names = Object.keys(base);
for (const [n, a] of Object.entries(apps)) serve({ fetch: a.fetch, port: ports[n]!, hostname: '127.0.0.1' });
(apps as any).node = mk(); ports.node = 9314;
serve({ fetch: (apps as any).node.fetch, port: 9314, hostname: '127.0.0.1', createServer: ((opts: any, listener: any) => createServer(opts, (req, res) => { for (const k of names) res.setHeader(k, base[k]!); listener(req, res); })) as any });
const best: Record<string, number> = {};
for (let round = 0; round < 6; round++) for (const n of Object.keys(apps)) {
  const r = await autocannon({ url: `http://127.0.0.1:${ports[n]}/healthz`, connections: 10, duration: 2 });
  best[n] = Math.max(best[n] ?? 0, r.requests.average);
}
console.log(best); process.exit(0);
