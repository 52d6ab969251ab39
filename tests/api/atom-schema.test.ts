/**
 * Every Atom feed Kindling serves validates against RFC 4287's RELAX NG schema (tests/fixtures/atom.rng, run by
 * libxml2 compiled to WebAssembly), and meets the RFC's rules that the schema cannot express.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity } from '../helpers/fixtures';

const schema = readFileSync(join(import.meta.dirname, '../fixtures/atom.rng'), 'utf8');

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'feed.xml', contents: xml }],
    schema: [{ fileName: 'atom.rng', contents: schema }],
    extension: 'relaxng',
  });
  return result.errors.map((e) => e.rawMessage);
}

/** RFC 4287 §4.1.1's Schematron rules: an author for every entry (its own or the feed's), one alternate link per type. */
function ruleErrors(xml: string): string[] {
  const errors: string[] = [];
  const [head] = xml.split('<entry>');
  const feedHasAuthor = head!.includes('<author>');
  for (const entry of xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? []) {
    if (!feedHasAuthor && !entry.includes('<author>')) errors.push('an entry has no author');
  }
  const alternates = [...head!.matchAll(/<link rel="alternate" type="([^"]*)"/g)].map((m) => m[1]);
  if (new Set(alternates).size !== alternates.length) errors.push('two alternate links of one type');
  return errors;
}

let t: TestApp;
const feeds: Record<string, string> = {};
beforeAll(async () => {
  t = await makeTestApp('2026-03-02T12:00:00Z', { PUBLIC_URL: 'https://kindling.example.org' });
  const { community, prompt, member } = await communityWithOpenPrompt(t);
  for (const [body, anonymous] of [['Named <answer> & more', false], ['Anonymous one', true]] as const) {
    const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: anonymous ? 'hard' : 'easy', body, visibility: 'public', anonymous },
    });
    expect(res.status).toBe(201);
  }
  const fac = await t.userToken('eve@example.org', 'Eve');
  await createCommunity(t, fac.token, { slug: 'empty-room', name: 'Empty "Room" & co' });
  const secret = await t.call('POST', `/api/communities/${community.slug}/feed-token`, { token: member.token });
  const paths = {
    prompts: `/c/${community.slug}/prompts.atom`,
    gallery: `/c/${community.slug}/gallery.atom`,
    'empty prompts': '/c/empty-room/prompts.atom',
    'empty gallery': '/c/empty-room/gallery.atom',
    'secret gallery': new URL(secret.json.gallery).pathname,
  };
  for (const [name, path] of Object.entries(paths)) {
    const res = await t.call('GET', path);
    expect(res.status, name).toBe(200);
    feeds[name] = res.text;
  }
});
afterAll(() => t.close());

describe('Atom feeds against the Atom schema', () => {
  it('validates every kind of feed, full and empty', async () => {
    for (const [name, xml] of Object.entries(feeds)) {
      expect(await schemaErrors(xml), name).toEqual([]);
      expect(ruleErrors(xml), name).toEqual([]);
    }
    expect(feeds.gallery).toContain('<entry>');
  });

  it('rejects what breaks the schema, so a pass means something', async () => {
    const feed = feeds.gallery!;
    expect(await schemaErrors(feed.replace(/<updated>[^<]*<\/updated>/, ''))).not.toEqual([]);
    expect(await schemaErrors(feed.replace(/<updated>[^<]*</, '<updated>2 March 2026<'))).not.toEqual([]);
    expect(await schemaErrors(feed.replace('<content type="text">', '<content type="text"><b>raw</b>'))).not.toEqual([]);
    expect(await schemaErrors(feed.replace('xmlns="http://www.w3.org/2005/Atom"', ''))).not.toEqual([]);
    expect(ruleErrors(feed.replace(/<author>[\s\S]*?<\/author>/g, ''))).toEqual(['an entry has no author', 'an entry has no author']);
  });
});
