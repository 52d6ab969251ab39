/** Live sessions in a browser (issue 15): a facilitator schedules an office hour; it shows on the today page and in the .ics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, expectAccessible, launchBrowser, signInThroughEmail, startKindling, type RunningKindling } from './support';

describe.runIf(browserAvailable())('live sessions in a browser', () => {
  let k: RunningKindling;
  let browser: Browser;
  beforeAll(async () => {
    [k, browser] = await Promise.all([startKindling(), launchBrowser()]);
    const fran = await k.tokenFor('fran@example.org', 'Fran');
    const made = await k.api('POST', '/api/communities', fran, { slug: 'ateliers', name: 'Ateliers', timeZone: 'Europe/Paris', visibility: 'public' });
    expect(made.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await k?.stop();
  });

  it('a facilitator schedules an office hour; the today page counts down to it and the .ics holds its UTC time', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInThroughEmail(k, page, 'fran@example.org', 'Fran');
    await page.goto(`${k.base}/c/ateliers`);
    await page.getByRole('link', { name: 'Live sessions and help' }).click();
    await page.waitForURL(`${k.base}/c/ateliers/live`);
    // Two days ahead: in the future whatever the hour, and within the today page's week.
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Kind of session').selectOption('office_hour');
    await page.getByLabel('Title', { exact: true }).fill('Ask Ana: glazes, kilns; anything');
    await page.getByLabel('Date (community time)').fill(day);
    await page.getByLabel('Start time (community time)').fill('10:00');
    await page.getByLabel('Video-call link, https (optional)').fill('https://meet.example.org/ana');
    // The session's own prompt, easy and hard.
    await page.getByLabel('What members are asked during it (optional)').fill('Show a glaze you like');
    await page.getByLabel('Its harder option (optional: the same question otherwise)').fill('Show a glaze and say how it was fired');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByText('Done.').waitFor();

    await page.goto(`${k.base}/c/ateliers`);
    const card = page.locator('.live-strip');
    await card.getByRole('link', { name: 'Ask Ana: glazes, kilns; anything' }).waitFor();
    await card.getByText(/10:00–11:00 \(Europe\/Paris\)/).waitFor();
    await card.getByText(/Starts in/).waitFor();
    await expectAccessible(page);

    const listed = await k.api('GET', '/api/communities/ateliers/live-sessions', await k.tokenFor('fran@example.org', 'Fran'));
    const session = listed.json.upcoming[0];
    expect(session.promptId).toEqual(expect.any(Number));
    expect(session.prompt).toBe('Show a glaze you like');
    // The stored instant reads 10:00 on Paris's wall clock that day, summer or winter time.
    const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(paris.format(new Date(session.startsAt))).toBe('10:00');

    const ics = await page.request.get(`${k.base}/c/ateliers/live/${session.id}/session.ics`);
    expect(ics.status()).toBe(200);
    const text = await ics.text();
    const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain(`DTSTART:${utc(session.startsAt)}\r\n`);
    expect(text).toContain(`DTEND:${utc(session.endsAt)}\r\n`);
    expect(text).toContain('SUMMARY:Ask Ana: glazes\\, kilns\\; anything\r\n');
    expect(text).toContain('LOCATION:https://meet.example.org/ana\r\n');
    expect(errors).toEqual([]);
  });
});
