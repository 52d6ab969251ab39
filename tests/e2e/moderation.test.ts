/** Moderation in a browser: a member reports an answer from its page; a facilitator hides it from the moderation page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, signInThroughEmail, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('moderation in a browser', () => {
  let k: RunningKindling;
  let browser: Browser;
  let answerId: number;
  let promptId: number;
  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    promptId = await publicCommunityWithPromptToday(k, fran, { slug: 'potters', name: 'Potters' }, { title: 'Clay', easy: 'Show a bowl', hard: 'Show a teapot' });
    const mo = await k.tokenFor('mo@example.org', 'Mo');
    const posted = await k.api('POST', `/api/prompts/${promptId}/submissions`, mo, { level: 'easy', body: 'Buy cheap pots at my shop', visibility: 'public', anonymous: false });
    expect(posted.status).toBe(201);
    answerId = posted.json.id;
    const rhi = await k.tokenFor('rhi@example.org', 'Rhiannon');
    expect((await k.api('POST', '/api/communities/potters/join', rhi, {})).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('a member reports an answer, and the facilitator hides it; the member no longer sees it', async () => {
    const member = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    member.on('pageerror', (e) => errors.push(e.message));
    await signInThroughEmail(k, member, 'rhi@example.org', 'Rhiannon');
    await member.goto(`${k.base}/c/potters/p/${promptId}`);
    await member.getByRole('link', { name: 'Report' }).first().click();
    await member.waitForURL(`${k.base}/a/${answerId}#report`);
    await member.getByText('Report', { exact: true }).click();
    await member.getByLabel('Spam or advertising').check();
    await member.getByLabel(/Anything the facilitators should know/).fill('An advert');
    await expectAccessible(member);
    await member.getByRole('button', { name: 'Send the report' }).click();
    await member.getByText('Thank you. The facilitators will have a look.').waitFor();

    const facilitator = await (await browser.newContext()).newPage();
    facilitator.on('pageerror', (e) => errors.push(e.message));
    await signInThroughEmail(k, facilitator, 'fran@example.org', 'Fran');
    await facilitator.goto(`${k.base}/c/potters`);
    await facilitator.getByRole('link', { name: 'Moderation' }).click();
    await facilitator.waitForURL(`${k.base}/c/potters/moderation`);
    await facilitator.getByText('Spam or advertising (1)').waitFor();
    await facilitator.getByText('An advert').waitFor();
    expect(await facilitator.getByText('Rhiannon').count()).toBe(0);
    await expectAccessible(facilitator);
    await facilitator.getByRole('button', { name: 'Hide' }).first().click();
    await facilitator.getByText('Done.').waitFor();
    await facilitator.getByText(`Fran hid answer #${answerId}`).waitFor();
    expect(await facilitator.getByText('No open reports.').count()).toBe(1);

    await member.goto(`${k.base}/c/potters/p/${promptId}`);
    expect(await member.getByText('Buy cheap pots at my shop').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
