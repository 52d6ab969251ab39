/**
 * Lighthouse 12.2.3 (mobile, its default: simulated slow 4G and a 4× slower CPU) in Debian's Chromium against
 * the server `npm start` runs (dist/node.mjs, the built web app) over a freshly seeded demo database: home,
 * today and gallery as a visitor, today and the profile as a new member (with the answer form; the heat map), each scored for performance, accessibility, best practices and SEO, with the text
 * compression audit. Part of `npm run bench`; alone: `npm run bench:lighthouse`. Reports go to
 * tests/artifacts/lighthouse/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from './processes';

export const CHROMIUM = '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

/** What issue 18 asks of each page. */
export const LIGHTHOUSE_TARGETS: Record<Category, number> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

export interface LighthousePage {
  page: string;
  path: string;
  scores: Record<Category, number>;
  /** The "enable text compression" audit: 1 when every text response was compressed. */
  textCompression: number | null;
  /** Audits that cost points, for reading a failure without opening the report. */
  failing: string[];
  pass: boolean;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A new member of the demo community, as the CLI and the API make one: their Bearer token. */
async function newMember(base: string, databaseUrl: string): Promise<string> {
  const out = execFileSync(process.execPath, ['bin/kindling.mjs', 'token', 'create', '--email', 'newcomer@example.org'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: 'never' },
  }).toString();
  const token = out.trim().split('\n').at(-1)!;
  const joined = await fetch(`${base}/api/communities/kindling-demo/join`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (!joined.ok) throw new Error(`the new member could not join the demo: ${joined.status}`);
  return token;
}

/** The demo's today page and the gallery of its first prompt with answers, found as a visitor finds them. */
async function demoPages(base: string): Promise<{ page: string; path: string; member?: true }[]> {
  const today = '/c/kindling-demo';
  const html = await (await fetch(`${base}${today}`)).text();
  const gallery = /href="(\/c\/kindling-demo\/p\/\d+)"/.exec(html)?.[1];
  if (!gallery) throw new Error('the demo today page links no gallery');
  return [
    { page: 'home', path: '/' },
    { page: 'today', path: today },
    { page: 'gallery', path: gallery },
    // What a new member meets: the answer form, its sketch pad and timer.
    { page: 'today-member', path: today, member: true },
    // The new member's profile: the rhythm heat map, badges and ladder (issue 17).
    { page: 'profile-member', path: '/me', member: true },
  ];
}

export async function measureLighthouse(options: { build?: boolean; log?: (line: string) => void } = {}): Promise<LighthousePage[]> {
  const log = options.log ?? (() => {});
  if (!existsSync(CHROMIUM)) throw new Error(`Lighthouse needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  if (options.build !== false) {
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });
  }
  const work = mkdtempSync(join(tmpdir(), 'kindling-lighthouse-'));
  const out = join(root, 'tests/artifacts/lighthouse');
  mkdirSync(out, { recursive: true });
  const databaseUrl = `file:${join(work, 'kindling.db')}`;
  const env = { DATABASE_URL: databaseUrl, SEED_DEMO: 'auto', MAIL_TRANSPORT: 'none' };
  const server = await startServer(join(root, 'dist/node.mjs'), root, env, /running at/);
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const results: LighthousePage[] = [];
    const token = await newMember(server.url, databaseUrl);
    for (const { page, path, member } of await demoPages(server.url)) {
      const runner = await lighthouse(`${server.url}${path}`, {
        port: chrome.port,
        ...(member && { extraHeaders: { Authorization: `Bearer ${token}` } }),
        output: ['json', 'html'],
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!runner) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr, report } = runner;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${path}: ${lhr.runtimeError.message}`);
      const [json, html] = report as string[];
      writeFileSync(join(out, `${page}.json`), json!);
      writeFileSync(join(out, `${page}.html`), html!);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<Category, number>;
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
        .filter((a) => CATEGORIES.some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
        .map((a) => `${a.id} (${a.score})`);
      const textCompression = lhr.audits['uses-text-compression']?.score ?? null;
      const pass = CATEGORIES.every((c) => scores[c] >= LIGHTHOUSE_TARGETS[c]) && textCompression === 1;
      results.push({ page, path, scores, textCompression, failing, pass });
      log(`  ${page.padEnd(12)} ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}; text compression ${textCompression}${failing.length ? `; below 1: ${failing.join(', ')}` : ''}`);
    }
    return results;
  } finally {
    chrome.kill();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// Alone: prints the scores and exits 1 when a page misses a target.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pages = await measureLighthouse({ log: console.log });
  const missed = pages.filter((p) => !p.pass);
  console.log(missed.length ? `Below target: ${missed.map((p) => p.page).join(', ')}` : 'Every page meets its Lighthouse targets.');
  process.exit(missed.length ? 1 : 0);
}
