/**
 * The Node home's recognition drain in a thread of its own (src/node/recognition-thread.ts): it refreshes a
 * member's badges after an answer with nobody draining on the test's thread, its writes are handed to the
 * server's client and wait for its group commit (held here by its write gate), and a thread that cannot start
 * takes no drains (they run on the server's thread then: tests/jobs/recognition.test.ts).
 */
import type { InStatement } from '@libsql/client';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badgeGrants, recognitionQueue } from '../../db/schema';
import { writeGateOf } from '../../db/group-commit';
import { readsOnly } from '../../db/statement-kind';
import { recognitionThread, type RecognitionThread } from '../../src/node/recognition-thread';
import { makeTestApp, type TestApp } from '../helpers/app';
import { eventually } from '../helpers/eventually';
import { communityWithOpenPrompt } from '../helpers/fixtures';

let t: TestApp;
let thread: RecognitionThread | undefined;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await thread?.stop();
  thread = undefined;
  t.close();
});

async function answered() {
  const { member, prompt, community } = await communityWithOpenPrompt(t);
  const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, { token: member.token, body: { level: 'easy', body: 'x' } });
  expect(res.status).toBe(201);
  const firstAnswer = () =>
    t.db
      .select()
      .from(badgeGrants)
      .where(and(eq(badgeGrants.communityId, community.id), eq(badgeGrants.userId, member.userId), eq(badgeGrants.badgeId, 'first-answer')));
  return { firstAnswer };
}

describe("the recognition drain's thread", () => {
  it("refreshes the member's badges, its writes sent to the server's connection and its group commit", async () => {
    const { firstAnswer } = await answered();
    // The server's client, with the batches it is handed kept.
    const handed: InStatement[][] = [];
    const writer = new Proxy(t.client, {
      get(target, prop) {
        if (prop !== 'batch') return Reflect.get(target, prop, target);
        return (...args: Parameters<typeof target.batch>) => {
          handed.push(args[0] as InStatement[]);
          return target.batch(...args);
        };
      },
    });
    thread = recognitionThread(writer, `file:${t.file}`);
    const gate = writeGateOf(t.client)!;

    await gate.pause();
    expect(thread.drainSoon()).toBe(true);
    // The thread read the member's facts through its own connection and handed its writes to the server, where
    // they wait while the gate holds the group commit.
    expect(await eventually(async () => handed.length > 0)).toBe(true);
    expect(await firstAnswer()).toEqual([]);
    expect(await t.db.select().from(recognitionQueue)).toHaveLength(1);

    gate.resume();
    // The grants are one batch, the member's dequeuing the pass's last one: done once the queue is empty.
    expect(await eventually(async () => (await t.db.select().from(recognitionQueue)).length === 0)).toBe(true);
    expect(await firstAnswer()).toHaveLength(1);
    // Only writes crossed: the reads ran on the thread's own connection.
    expect(handed.filter((statements) => statements.every(readsOnly))).toEqual([]);
  });

  it("leaves the drains to the server's thread when it cannot open the database", async () => {
    thread = recognitionThread(t.client, `file:${t.file}-missing-folder/none.db`);
    expect(await eventually(async () => thread!.drainSoon() === false)).toBe(true);
  });
});
