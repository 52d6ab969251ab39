/**
 * `/`: a plain server-rendered home page until the web app lands. It lists the communities the caller can
 * see (the same rule as GET /api/communities: public ones plus the private ones they belong to) and the
 * prompts open in each today. hono/html escapes every interpolated value.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { communityForViewer } from '../domain/access';
import { listCommunities } from '../domain/communities';
import { todayInCommunity } from '../domain/today';
import type { AppEnv } from '../middleware/env';

/** A home page is an overview; past this many communities, the API lists them all. */
const MAX_COMMUNITIES = 50;

type Today = Awaited<ReturnType<typeof todayInCommunity>>;
type Prompt = Today['prompts'][number];

const promptItem = (p: Prompt) => html`<li>
<h4>${p.seriesTitle} · ${p.opensOn}</h4>
<dl>
<dt>Easy (${p.easy.points} pt)</dt><dd>${p.easy.text}</dd>
<dt>Hard (${p.hard.points} pt)</dt><dd>${p.hard.text}</dd>
</dl>
<p><a href="/api/prompts/${p.id}/gallery">Gallery (JSON)</a> · answer with <code>POST /api/prompts/${p.id}/submissions</code></p>
</li>`;

const communitySection = (c: { slug: string; name: string; visibility: string; timeZone: string }, today: Today) => html`<section aria-labelledby="c-${c.slug}">
<h2 id="c-${c.slug}">${c.name}${c.visibility === 'private' ? ' (private)' : ''}</h2>
<p>Local day ${today.date} (${c.timeZone}) ·
<a href="/api/communities/${c.slug}/today">today (JSON)</a> ·
<a href="/api/communities/${c.slug}/leaderboard">leaderboard (JSON)</a></p>
<h3>Open today</h3>
${today.prompts.length ? html`<ul>${today.prompts.map(promptItem)}</ul>` : html`<p>No prompt opened today.</p>`}
${today.open.length
  ? html`<details><summary>${today.open.length} earlier prompt(s) still open: late answers are welcome</summary>
<ul>${today.open.map(promptItem)}</ul></details>`
  : ''}
</section>`;

export const pageRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, caller, now } = c.var;
  const listed = (await listCommunities(db, caller)).slice(0, MAX_COMMUNITIES);
  const sections = [];
  for (const item of listed) {
    // Re-checked through the access rule, so this page can never show more than the API would.
    const { community } = await communityForViewer(db, item.slug, caller);
    sections.push(communitySection(item, await todayInCommunity(db, community, now)));
  }
  const origin = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;

  return c.html(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kindling</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
section{border-top:1px solid #bbb;margin-top:2rem}dt{font-weight:600}code,pre{background:#f2f2f2;padding:0 .2rem}
pre{padding:.5rem;overflow-x:auto}a{color:#0645ad}</style>
</head>
<body>
<header><h1>Kindling</h1>
<p>A daily two-minute prompt for communities of practice: pick easy or hard, answer with something small and imperfect.</p></header>
<main>
${caller
  ? html`<p>Signed in as <strong>${caller.name}</strong>.</p>`
  : html`<section aria-labelledby="sign-in"><h2 id="sign-in">Sign in</h2>
<p>Ask for a sign-in link (the answer is the same whether or not the address is known):</p>
<pre><code>curl -X POST ${origin}/api/auth/email-link -H 'Content-Type: application/json' -d '{"email":"you@example.org"}'</code></pre>
<p>In development the link is printed in the server's console instead of being emailed. Open it and press Continue.</p></section>`}
${sections.length ? sections : html`<p>No communities to show yet.</p>`}
</main>
<footer><p><a href="/api/openapi.json">API description (OpenAPI)</a> · <a href="/healthz">health</a></p></footer>
</body>
</html>`);
});
