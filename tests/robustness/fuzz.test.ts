/**
 * Generated bodies for every JSON write the API documents: whatever arrives, the answer is never a 5xx and
 * every refusal is the error envelope. Bodies are shaped by each operation's documented schema (its field
 * names, with values of every type, enum members, edge-case strings and numbers) and mixed with arbitrary JSON.
 * FUZZ_RUNS bodies per operation: 60 in `npm test`, 10,000 in `npm run test:soak`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/openapi';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt } from '../helpers/fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let t: TestApp;
let doc: any;
let world: Awaited<ReturnType<typeof communityWithOpenPrompt>> & { answerId: number };

beforeAll(async () => {
  t = await makeTestApp();
  doc = (await t.call('GET', '/api/openapi.json')).json;
  const base = await communityWithOpenPrompt(t);
  const answer = await t.call('POST', `/api/prompts/${base.prompt.id}/submissions`, { token: base.member.token, body: { level: 'easy', body: 'Seed' } });
  world = { ...base, answerId: answer.json.id };
});
afterAll(() => t.close());

/** Real ids, so generated bodies reach the handlers rather than stopping at a 404. */
function pathFor(path: string): string {
  const id = path.startsWith('/api/prompts/') ? world.prompt.id : path.startsWith('/api/series/') ? world.series.id : world.answerId;
  const values: Record<string, string> = { slug: world.community.slug, id: String(id), userId: String(world.member.userId), weekOf: '2026-03-16' };
  return path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? '1');
}

const edgeStrings = fc.constantFrom('', ' ', '\u0000', '\u202e', '😀'.repeat(300), 'a'.repeat(5000), '2026-02-30', '9999-12-31', '-1', '1e309', '__proto__', '<script>');
const edgeNumbers = fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, 1e-300);

/** A value for a field: any JSON type, the schema's enum members, or an edge case. */
function fieldValue(schema: any): fc.Arbitrary<unknown> {
  const enums = schema?.enum ?? schema?.items?.enum;
  return fc.oneof(
    ...(enums ? [fc.constantFrom(...enums)] : []),
    edgeStrings,
    edgeNumbers,
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.string())), { maxLength: 60 }),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

function bodyFor(name: string): fc.Arbitrary<unknown> {
  const schema = doc.components.schemas[name];
  const fields = Object.entries<any>(schema.properties ?? {});
  const shaped = fc.record(Object.fromEntries(fields.map(([key, s]) => [key, fieldValue(s)])), { requiredKeys: [] });
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) });
}

const writes = ROUTES.filter((r) => r.path.startsWith('/api/') && r.body && r.method !== 'get');

describe(`fuzzed bodies (${RUNS} per operation)`, () => {
  it.each(writes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: never a 5xx, every refusal in the envelope', async (_name, r) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodyFor(r.body!), fc.boolean(), async (body, asFacilitator) => {
        const token = asFacilitator ? world.facilitator.token : world.member.token;
        const res = await t.call(r.method.toUpperCase(), pathFor(r.path), { token, body: JSON.stringify(body) });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, res.text).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.json?.error, res.text).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: RUNS },
    );
    // The generator reaches refusals at least (a fuzz that only ever succeeded would test little).
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  }, 20_000 + RUNS * 50);
});
