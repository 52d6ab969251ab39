/**
 * "Ask me about" and encouragement notes in a browser (issue 15): a member opts in to be asked about a topic,
 * another finds them on the community's "who can help" page and leaves a note on their answer, and the author
 * reads it and marks it helpful. Forms only: it works as a person with JavaScript uses it.
 */
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notes } from '../../db/schema';
import { browserAvailable, expectAccessible, launchBrowser, publicCommunityWithPromptToday, signInThroughEmail, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('ask me about and notes in a browser', () => {
  let k: RunningKindling;
  let browser: Browser;
  let answerId: number;
  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    const promptId = await publicCommunityWithPromptToday(k, fran, { slug: 'potters', name: 'Potters' }, { title: 'Clay basics', easy: 'Show a bowl', hard: 'Show a teapot' });
    const mo = await k.tokenFor('mo@example.org', 'Mo');
    const posted = await k.api('POST', `/api/prompts/${promptId}/submissions`, mo, { level: 'easy', body: 'A bowl with a runny glaze', visibility: 'community', anonymous: false });
    expect(posted.status).toBe(201);
    answerId = posted.json.id;
    const rhi = await k.tokenFor('rhi@example.org', 'Rhiannon');
    expect((await k.api('POST', '/api/communities/potters/join', rhi, {})).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('a member offers a topic, another finds them and leaves a note, the author marks it helpful', async () => {
    const errors: string[] = [];
    const author = await (await browser.newContext()).newPage();
    author.on('pageerror', (e) => errors.push(e.message));
    await signInThroughEmail(k, author, 'mo@example.org', 'Mo');
    await author.goto(`${k.base}/c/potters/helpers`);
    await author.getByLabel('I’m happy to be asked about these').check();
    await author.getByLabel('My topics (one per line, up to 5)').fill('Glazing\nWheel throwing');
    await author.getByRole('button', { name: 'Save' }).click();
    await author.getByText('Saved.').waitFor();
    await author.getByText('From your named answers: Clay basics (1 answer)').waitFor();

    const reader = await (await browser.newContext()).newPage();
    reader.on('pageerror', (e) => errors.push(e.message));
    await signInThroughEmail(k, reader, 'rhi@example.org', 'Rhiannon');
    await reader.goto(`${k.base}/c/potters`);
    await reader.getByRole('link', { name: 'Who can help' }).click();
    await reader.waitForURL(`${k.base}/c/potters/helpers`);
    await reader.getByLabel('Search topics').fill('glaz');
    await reader.getByRole('button', { name: 'Search' }).click();
    await reader.waitForURL(/q=glaz/);
    const card = reader.locator('#helpers li', { hasText: 'Mo' });
    await card.getByText('Ask about: Glazing, Wheel throwing').waitFor();
    await expectAccessible(reader);

    await reader.goto(`${k.base}/a/${answerId}`);
    await reader.getByLabel('This helped me because…').check();
    await reader.getByLabel('Your note (up to 280 characters)').fill('I finally understood why my glaze runs.');
    await expectAccessible(reader);
    await reader.getByRole('button', { name: 'Send note' }).click();
    await reader.waitForURL(`${k.base}/a/${answerId}#notes`);
    await reader.getByText('I finally understood why my glaze runs.').waitFor();
    expect(await reader.getByRole('button', { name: 'Send note' }).count()).toBe(0);

    await author.goto(`${k.base}/a/${answerId}`);
    const note = author.locator('#notes li', { hasText: 'I finally understood why my glaze runs.' });
    await note.getByText('Rhiannon', { exact: true }).waitFor();
    await expectAccessible(author);
    await note.getByRole('button', { name: 'Mark helpful' }).click();
    await author.getByText('Marked helpful').waitFor();
    const [row] = await k.db.select().from(notes).where(eq(notes.submissionId, answerId));
    expect(row!.helpfulAt).not.toBeNull();
    expect(errors).toEqual([]);
  }, 120_000);
});
