/**
 * Helper credits (issue 15): the balance is always the ledger's sum and never below zero, whatever the order
 * of earning and spending, and spends sent at once cannot double-spend; featured help prompts: asking (paid),
 * deciding (refund on decline), answering (earns), with bad input and authorisation.
 */
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditsLedger, helpRequests } from '../../db/schema';
import { creditEntry } from '../../src/domain/credits/ledger';
import { CREDIT_RULES, HELP_PROMPT_COST } from '../../src/domain/credits/reasons';
import { LIMITS } from '../../src/domain/limits/table';
import { makeTestApp, type TestApp } from '../helpers/app';
import { createCommunity, join } from '../helpers/fixtures';

let t: TestApp;
let communityId: number;
let fac: { token: string; userId: number };
let users = 0;

beforeAll(async () => {
  t = await makeTestApp('2026-03-20T12:00:00Z');
  fac = await t.userToken('fran@example.org', 'Fran');
  communityId = (await createCommunity(t, fac.token, { slug: 'bank' })).id;
  await createCommunity(t, fac.token, { slug: 'hush', visibility: 'private' });
});
afterAll(() => t.close());

async function newMember() {
  const m = await t.userToken(`m${++users}@example.org`, `Member ${users}`);
  await join(t, m.token, 'bank');
  return m;
}
/** Earning through the ledger's own entry (what hosting and answering write), `ref` unique per earning. */
const earn = (userId: number, ref: string) => creditEntry(t.db, { communityId, userId, reason: 'session_hosted', ref }, t.clock.now());
const ask = (token: string, question = 'How do you keep a sketchbook going?', slug = 'bank') =>
  t.call('POST', `/api/communities/${slug}/help-prompts`, { token, body: { question } });
const balance = async (token: string) => (await t.call('GET', '/api/communities/bank/credits/me', { token })).json.balance as number;
async function ledgerSum(userId: number) {
  const [row] = await t.db
    .select({ sum: sql<number>`coalesce(sum(${creditsLedger.delta}), 0)` })
    .from(creditsLedger)
    .where(and(eq(creditsLedger.communityId, communityId), eq(creditsLedger.userId, userId)));
  return Number(row!.sum);
}

describe('the ledger', () => {
  it('keeps the balance equal to the ledger sum and never below zero, for any order of earning and spending', async () => {
    await fc.assert(
      // At most as many operations as a member may ask an hour (refused asks count too): an eleventh spend in a row
      // was answered 429 by the help-post limit, which another test covers, instead of the ledger's 409.
      fc.asyncProperty(fc.array(fc.constantFrom('earn', 'spend'), { minLength: 1, maxLength: LIMITS.helpPosts.max }), async (ops) => {
        const m = await newMember();
        let model = 0;
        for (const [i, op] of ops.entries()) {
          if (op === 'earn') {
            await earn(m.userId, `prop:${i}`);
            model += CREDIT_RULES.session_hosted;
          } else {
            const res = await ask(m.token);
            if (model >= HELP_PROMPT_COST) {
              expect(res.status, res.text).toBe(201);
              model -= HELP_PROMPT_COST;
            } else {
              expect(res.status).toBe(409);
              expect(res.json.error.code).toBe('credits_insufficient');
            }
          }
          const shown = await balance(m.token);
          expect(shown).toBe(model);
          expect(await ledgerSum(m.userId)).toBe(shown);
          expect(shown).toBeGreaterThanOrEqual(0);
        }
        // Every successful spend left exactly one help prompt; a refused one left nothing.
        const asked = await t.db.select().from(helpRequests).where(eq(helpRequests.userId, m.userId));
        expect(asked.length).toBe(ops.filter((o) => o === 'spend').length - (await refusedSpends(m.userId, ops)));
      }),
      { numRuns: 25 },
    );
  });

  it('lets only one of several spends sent at once pass when the balance covers one', async () => {
    const m = await newMember();
    await earn(m.userId, 'once:1');
    await earn(m.userId, 'once:2'); // 4 credits: one help prompt (3), not two
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => ask(m.token, `Question ${i}`)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await balance(m.token)).toBe(1);
    expect(await ledgerSum(m.userId)).toBe(1);
    expect((await t.db.select().from(helpRequests).where(eq(helpRequests.userId, m.userId))).length).toBe(1);
  });

  it('spends once for a retried request with the same Idempotency-Key', async () => {
    const m = await newMember();
    await earn(m.userId, 'retry:1');
    await earn(m.userId, 'retry:2');
    await earn(m.userId, 'retry:3'); // 6 credits: two prompts' worth
    const send = () => t.call('POST', '/api/communities/bank/help-prompts', { token: m.token, body: { question: 'Once?' }, headers: { 'Idempotency-Key': 'ask-once' } });
    const [first, retry] = [await send(), await send()];
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.json.id).toBe(first.json.id);
    expect(await balance(m.token)).toBe(6 - HELP_PROMPT_COST);
    expect((await t.db.select().from(helpRequests).where(eq(helpRequests.userId, m.userId))).length).toBe(1);
  });

  it('refuses to edit or delete an entry', async () => {
    const m = await newMember();
    await earn(m.userId, 'fixed');
    const refusal = async (write: Promise<unknown>) => {
      const err = await write.then(() => null, (e: unknown) => e);
      const messages: string[] = [];
      for (let e = err; e instanceof Error; e = e.cause) messages.push(e.message);
      return messages.join(' / ');
    };
    expect(await refusal(t.db.update(creditsLedger).set({ delta: 100 }).where(eq(creditsLedger.userId, m.userId)))).toMatch(/append-only/);
    expect(await refusal(t.db.delete(creditsLedger).where(eq(creditsLedger.userId, m.userId)))).toMatch(/append-only/);
    expect(await ledgerSum(m.userId)).toBe(CREDIT_RULES.session_hosted);
  });
});

/** Spends the model refused: replayed from the ledger's story (earnings before each spend). */
async function refusedSpends(_userId: number, ops: string[]) {
  let model = 0;
  let refused = 0;
  for (const op of ops) {
    if (op === 'earn') model += CREDIT_RULES.session_hosted;
    else if (model >= HELP_PROMPT_COST) model -= HELP_PROMPT_COST;
    else refused++;
  }
  return refused;
}

describe('featured help prompts', () => {
  it('goes from asked (paid) to declined (refunded) or approved (answered, earning a credit)', async () => {
    const asker = await newMember();
    const helper = await newMember();
    await earn(asker.userId, 'h:1');
    await earn(asker.userId, 'h:2');
    await earn(asker.userId, 'h:3'); // 6 credits
    const first = await ask(asker.token, 'First question');
    const second = await ask(asker.token, 'Second question');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await balance(asker.token)).toBe(0);
    // Waiting for a decision: not featured, and not readable by other members.
    expect((await t.call('GET', '/api/communities/bank/help-prompts', { token: helper.token })).json.featured).toEqual([]);
    expect((await t.call('GET', `/api/help-prompts/${first.json.id}`, { token: helper.token })).status).toBe(404);
    const pending = (await t.call('GET', '/api/communities/bank/help-prompts', { token: fac.token })).json.pending;
    expect(pending.filter((h: { asker: { id: number } }) => h.asker.id === asker.userId)).toHaveLength(2);
    // Only facilitators decide.
    const byMember = await t.call('POST', `/api/help-prompts/${first.json.id}/decision`, { token: asker.token, body: { decision: 'approve' } });
    expect(byMember.status).toBe(403);
    // Declined: the credits come back, once.
    expect((await t.call('POST', `/api/help-prompts/${second.json.id}/decision`, { token: fac.token, body: { decision: 'decline' } })).status).toBe(200);
    const again = await t.call('POST', `/api/help-prompts/${second.json.id}/decision`, { token: fac.token, body: { decision: 'approve' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_decided');
    expect(await balance(asker.token)).toBe(HELP_PROMPT_COST);
    // Approved: featured, and answering it earns a credit, once; the asker cannot answer their own.
    expect((await t.call('POST', `/api/help-prompts/${first.json.id}/decision`, { token: fac.token, body: { decision: 'approve' } })).status).toBe(200);
    const featured = (await t.call('GET', '/api/communities/bank/help-prompts', { token: helper.token })).json.featured;
    expect(featured.map((h: { question: string }) => h.question)).toEqual(['First question']);
    const reply = (token: string, body = 'Ten minutes each morning') => t.call('POST', `/api/help-prompts/${first.json.id}/replies`, { token, body: { body } });
    expect((await reply(helper.token)).status).toBe(201);
    expect((await reply(helper.token)).json.error.code).toBe('already_answered');
    expect((await reply(asker.token)).json.error.code).toBe('own_help_prompt');
    expect(await balance(helper.token)).toBe(CREDIT_RULES.help_answered);
    const page = await t.call('GET', `/api/help-prompts/${first.json.id}`, { token: helper.token });
    expect(page.json.replies.map((r: { body: string }) => r.body)).toEqual(['Ten minutes each morning']);
    // Facilitators remove an answer (moderation); the credit it earned stays; members may not.
    const replyId = page.json.replies[0].id;
    expect((await t.call('DELETE', `/api/help-replies/${replyId}`, { token: helper.token })).status).toBe(403);
    expect((await t.call('DELETE', `/api/help-replies/${replyId}`, { token: fac.token })).status).toBe(200);
    expect((await t.call('GET', `/api/help-prompts/${first.json.id}`, { token: helper.token })).json.replies).toEqual([]);
    expect(await balance(helper.token)).toBe(CREDIT_RULES.help_answered);
    // A declined prompt is not open for answers, even to a facilitator who can read it.
    const closed = await t.call('POST', `/api/help-prompts/${second.json.id}/replies`, { token: fac.token, body: { body: 'Late' } });
    expect(closed.json.error.code).toBe('help_not_open');
  });

  it('answers bad input with 400 and the fields, and writes nothing', async () => {
    const m = await newMember();
    await earn(m.userId, 'bad:1');
    await earn(m.userId, 'bad:2');
    for (const body of [{}, { question: '' }, { question: 'x'.repeat(501) }, { question: 12 }]) {
      const res = await t.call('POST', '/api/communities/bank/help-prompts', { token: m.token, body });
      expect(res.status).toBe(400);
      expect(res.json.error.issues[0].path).toBe('question');
    }
    const decision = await t.call('POST', '/api/help-prompts/1/decision', { token: fac.token, body: { decision: 'maybe' } });
    expect(decision.status).toBe(400);
    expect(await balance(m.token)).toBe(4);
    expect((await t.db.select().from(helpRequests).where(eq(helpRequests.userId, m.userId))).length).toBe(0);
  });

  it('keeps a private community’s prompts from outsiders (404) and asks visitors to join first (403)', async () => {
    const outsider = await t.userToken('oz@example.org', 'Oz');
    expect((await ask(outsider.token, 'Hello?', 'hush')).status).toBe(404);
    expect((await t.call('GET', '/api/communities/hush/help-prompts', { token: outsider.token })).status).toBe(404);
    expect((await t.call('GET', '/api/communities/hush/credits/me', { token: outsider.token })).status).toBe(404);
    expect((await ask(outsider.token, 'Hello?')).status).toBe(403);
    expect((await t.call('GET', '/api/communities/bank/credits/me')).status).toBe(401);
  });

  it('limits how many help posts a member sends (429 with Retry-After)', async () => {
    const m = await newMember();
    let last = { status: 0, headers: new Headers() };
    for (let i = 0; i <= LIMITS.helpPosts.max && last.status !== 429; i++) last = await ask(m.token, `Q${i}`);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
