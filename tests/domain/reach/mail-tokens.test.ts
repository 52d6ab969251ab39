/** The mailed links' signatures: real HMAC-SHA-256 (checked against node:crypto), single-purpose, expiring. */
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settings } from '../../../db/schema';
import { mailSigner } from '../../../src/domain/reach/mail-tokens';
import { makeTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

const fromB64 = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

describe('mail link tokens', () => {
  it('are HMAC-SHA-256 with the deployment secret, kept in settings on first use', async () => {
    const now = t.clock.now();
    const token = await (await mailSigner(t.db, now)).sign({ purpose: 'unsubscribe', userId: 7, communityIds: [3, 9] });
    const [row] = await t.db.select().from(settings).where(eq(settings.key, 'mail_token_secret'));
    const [payload, signature] = token.split('.');
    expect(fromB64(payload!).toString()).toBe('u.7.3-9');
    expect(fromB64(signature!).toString('hex')).toBe(createHmac('sha256', row!.value).update(fromB64(payload!)).digest('hex'));
    // A second signer reads the same secret.
    expect(await (await mailSigner(t.db, now)).verify(token, 'unsubscribe', now)).toEqual({ purpose: 'unsubscribe', userId: 7, communityIds: [3, 9] });
  });

  it('refuse another purpose, an expired answer link, and any changed byte', async () => {
    const now = t.clock.now();
    const signer = await mailSigner(t.db, now);
    const answer = await signer.sign({ purpose: 'answer', userId: 7, promptId: 5, expiresAt: now.getTime() + 1000 });
    expect(await signer.verify(answer, 'answer', now)).toMatchObject({ promptId: 5 });
    expect(await signer.verify(answer, 'unsubscribe', now)).toBeNull();
    expect(await signer.verify(answer, 'answer', new Date(now.getTime() + 1000))).toBeNull();
    const [payload, signature] = answer.split('.');
    const other = Buffer.from('a.8.5.' + (now.getTime() + 1000)).toString('base64url');
    expect(await signer.verify(`${other}.${signature}`, 'answer', now)).toBeNull();
    expect(await signer.verify(`${payload}.${signature}x`, 'answer', now)).toBeNull();
    expect(await signer.verify(`${payload}`, 'answer', now)).toBeNull();
    expect(await signer.verify('', 'answer', now)).toBeNull();
  });
});
