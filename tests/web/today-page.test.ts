/** The today page as the server renders it (no JavaScript), and its plain form POST, against a real database. */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { images, memberships, submissions } from '../../db/schema';
import { makeTestApp, type TestApp } from '../helpers/app';
import { communityWithOpenPrompt, createCommunity, createSeries } from '../helpers/fixtures';
import { png } from '../helpers/images';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp(); // Monday 2026-03-02 12:00 UTC
});
afterEach(() => t.close());

async function page(path: string, opts: { token?: string; lang?: string } = {}) {
  const headers: Record<string, string> = { 'Accept-Language': opts.lang ?? 'en' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const res = await t.app.request(path, { headers });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

function post(path: string, body: Record<string, string | Blob>, token?: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) form.append(k, v);
  return t.app.request(path, { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

/** Every <input> tag of a radio group, and which one is checked. */
function radios(html: string, name: string) {
  const tags = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'g')) ?? [];
  return {
    values: tags.map((tag) => /value="([^"]*)"/.exec(tag)?.[1]),
    checked: tags.filter((tag) => /\schecked(?=[\s/>=])/.test(tag)).map((tag) => /value="([^"]*)"/.exec(tag)?.[1]),
  };
}

/** Today's series plus an older one whose prompt opened yesterday and is still open. */
async function setUp() {
  const setup = await communityWithOpenPrompt(t);
  const older = await createSeries(t, setup.facilitator.token, setup.community.slug, {
    title: 'Reflections',
    startDate: '2026-03-01',
    prompts: [{ easy: 'One word for your week', hard: 'One paragraph about your week', easyPoints: 2, hardPoints: 5 }],
  });
  return { ...setup, older: older.prompts[0]! };
}

describe('the today page', () => {
  it('shows a member both cards with their points, the form with the low-stakes defaults, and what is still open', async () => {
    const { member, prompt, older } = await setUp();
    const { status, html, headers } = await page('/c/sketchers', { token: member.token });
    expect(status).toBe(200);
    expect(headers.get('Content-Type')).toMatch(/text\/html/);
    expect(html).toContain('<h1>Today in Sketchers</h1>');
    expect(html).toContain('Today is Monday 2 March');

    // Two cards: easy and hard, each with its text and points.
    expect(html).toMatch(/class="card level-card level-card-easy"[\s\S]*?Easy[\s\S]*?1 point<\/span>[\s\S]*?Draw a cup<\/p>/);
    expect(html).toMatch(/class="card level-card level-card-hard"[\s\S]*?Hard[\s\S]*?3 points<\/span>[\s\S]*?Draw a cup in two-point perspective<\/p>/);

    // The form posts without JavaScript, for today's prompt, with the defaults visible before posting.
    expect(html).toContain('<form method="post" action="/c/sketchers/answer" enctype="multipart/form-data"');
    expect(html).toContain(`<input type="hidden" name="promptId" value="${prompt.id}"`);
    expect(radios(html, 'visibility')).toEqual({ values: ['facilitators', 'community', 'public'], checked: ['community'] });
    expect(radios(html, 'anonymous')).toEqual({ values: ['false', 'true'], checked: ['false'] });
    expect(radios(html, 'level').checked).toEqual(['easy']);
    expect(html).toContain('Members of this community see it. This is the usual choice.');
    expect(html).toContain('Shown as &quot;A member&quot;. Only the facilitators can tell it is you.');
    expect(html).toMatch(/<legend>Who can see it\?<\/legend>/);
    // A drawing prompt: the picture leads (the photo until JavaScript brings the pad), the words are optional.
    expect(html).toMatch(/<blockquote class="prompt-quote" id="answer-prompt">Draw a cup<\/blockquote>\s*<fieldset class="picture lead"/);
    expect(html).toMatch(/<label for="answer-body">A few words \(optional\)<\/label>\s*<textarea[^>]*aria-describedby="answer-body-count"[^>]*maxlength="500"/);
    expect(html).not.toMatch(/<textarea[^>]*required/);
    // Who sees it and the name, folded into one line that opens the choices.
    expect(html).toContain('<span id="posting-as-line">Posting to Sketchers as Mo</span>');
    expect(html).toContain('<p class="count" id="answer-body-count">0 of 500 characters</p>');
    expect(html).toMatch(/<input[^>]*type="url"[^>]*name="link"/);
    expect(html).toMatch(/<input[^>]*type="file"[^>]*name="photo"[^>]*accept="image\/png,image\/jpeg,image\/webp"[^>]*capture/);

    // The older prompt is listed as still open, with a way to answer it.
    expect(html).toContain('Still open, answer any time');
    expect(html).toContain('One word for your week');
    expect(html).toContain(`href="/c/sketchers?prompt=${older.id}#answer"`);
  });

  it('marks the levels already answered, and focuses an older prompt on ?prompt=', async () => {
    const { member, prompt, older } = await setUp();
    const res = await t.call('POST', `/api/prompts/${prompt.id}/submissions`, {
      token: member.token,
      body: { level: 'easy', body: 'A cup' },
    });
    expect(res.status).toBe(201);
    const { html } = await page('/c/sketchers', { token: member.token });
    expect(html).toMatch(/level-card-easy[\s\S]*?You answered this one/);
    const level = radios(html, 'level');
    expect(level.checked).toEqual(['hard']);
    expect(html).toMatch(/<input[^>]*id="level-easy"[^>]*disabled/);

    const focused = await page(`/c/sketchers?prompt=${older.id}`, { token: member.token });
    expect(focused.html).toContain(`<input type="hidden" name="promptId" value="${older.id}"`);
    expect(focused.html).toContain('Opened on Sunday 1 March');
    expect(focused.html).toMatch(/level-card-easy[\s\S]*?2 points[\s\S]*?level-card-hard[\s\S]*?5 points/);
  });

  it('gives a visitor the prompts and sign-in links back to them; a signed-in outsider gets the form', async () => {
    const { prompt } = await setUp();
    const visitor = await page('/c/sketchers');
    expect(visitor.status).toBe(200);
    expect(visitor.html).toContain('Draw a cup in two-point perspective');
    expect(visitor.html).not.toContain('action="/c/sketchers/answer"');
    expect(visitor.html).not.toContain('name="body"');
    // Signing in comes back to this prompt, to the very option chosen.
    expect(visitor.html).toContain(`<a href="/sign-in?next=${encodeURIComponent(`/c/sketchers?prompt=${prompt.id}#answer`)}">Sign in to answer.</a>`);
    expect(visitor.html).toContain(`href="/sign-in?next=${encodeURIComponent(`/c/sketchers?prompt=${prompt.id}&level=hard#answer`)}"`);

    // A public community is joined with the first answer: a signed-in outsider gets the form, and is told.
    const outsider = await t.userToken('out@example.org', 'Out');
    const seen = await page('/c/sketchers', { token: outsider.token });
    expect(seen.html).toContain('action="/c/sketchers/answer"');
    expect(seen.html).toContain('Posting makes you a member of Sketchers.');
  });

  it('is 404 to outsiders of a private community, and the same for one that does not exist', async () => {
    const facilitator = await t.userToken('fran@example.org', 'Fran');
    await createCommunity(t, facilitator.token, { slug: 'inner', name: 'Inner circle', visibility: 'private' });
    const outsider = await t.userToken('out@example.org', 'Out');

    const asVisitor = await page('/c/inner');
    const asOutsider = await page('/c/inner', { token: outsider.token });
    const unknown = await page('/c/nowhere');
    for (const res of [asVisitor, asOutsider, unknown]) {
      expect(res.status).toBe(404);
      expect(res.html).not.toContain('Inner circle');
      expect(res.html).toContain('This page does not exist, or is not yours to see.');
    }
    expect((await page('/c/inner', { token: facilitator.token })).status).toBe(200);
  });

  it('speaks French to a browser that prefers it', async () => {
    const { member } = await setUp();
    const { html } = await page('/c/sketchers', { token: member.token, lang: 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("<h1>Aujourd'hui dans Sketchers</h1>");
    expect(html).toContain('Nous sommes le lundi 2 mars');
    expect(html).toContain('Encore ouvertes, répondez quand vous voulez');
    expect(html).toContain('Ma communauté');
    expect(html).toContain('Publier anonymement');
    expect(html).toContain('Publier ma réponse');
    expect(html).not.toContain('Post my answer');
  });
});

describe('answering without JavaScript', () => {
  it('creates the answer from a plain form POST and redirects (303) back with the result', async () => {
    const { member, prompt } = await setUp();
    const res = await post(
      '/c/sketchers/answer',
      {
        promptId: String(prompt.id),
        level: 'easy',
        body: 'A wobbly cup, but a cup',
        link: 'https://example.org/cup',
        visibility: 'public',
        anonymous: 'true',
        photo: new File([], '', { type: 'application/octet-stream' }),
      },
      member.token,
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('Location')!;
    expect(location).toBe(`/c/sketchers?prompt=${prompt.id}&posted=easy&points=2&onTime=1#answer`);

    const rows = await t.db.select().from(submissions).where(eq(submissions.userId, member.userId));
    expect(rows).toEqual([
      expect.objectContaining({
        promptId: prompt.id,
        level: 'easy',
        body: 'A wobbly cup, but a cup',
        link: 'https://example.org/cup',
        visibility: 'public',
        anonymous: true,
        points: 2,
        onTime: true,
        imageId: null,
      }),
    ]);

    const after = await page(location.replace(/#.*/, ''), { token: member.token });
    expect(after.html).toMatch(/role="status" aria-live="polite"[^>]*>[\s\S]*?Posted on the day! You earned 2 points, including the on-time bonus./);
    expect(after.html).toMatch(/level-card-easy[\s\S]*?You answered this one/);
    expect(radios(after.html, 'level').checked).toEqual(['hard']);
    // A calm celebration: what happened, the next step (the harder option is still open), the gallery.
    expect(after.html).toMatch(
      /class="status ok celebration"><p class="celebration-title">Nicely done\. You showed up today\.<\/p>[\s\S]*?the harder option is still open\.[\s\S]*?href="\/c\/sketchers\/p\/\d+">See what others made<\/a>/,
    );
  });

  it('invites to the easy card first: a primary button and "two minutes, no wrong answers"', async () => {
    const { member } = await setUp();
    const { html } = await page('/c/sketchers', { token: member.token });
    expect(html).toMatch(/level-card-easy"[\s\S]*?<p class="level-invite">Two minutes, no wrong answers\.<\/p><a class="button" href=/);
    expect(html).toMatch(/level-card-hard"[\s\S]*?<a class="button secondary" href=/);
    const fr = await page('/c/sketchers', { token: member.token, lang: 'fr' });
    expect(fr.html).toContain('Deux minutes, pas de mauvaise réponse.');
  });

  it('attaches a photo sent with the form', async () => {
    const { member, prompt } = await setUp();
    const photo = new File([png(40, 30)], 'cup.png', { type: 'image/png' });
    const res = await post(
      '/c/sketchers/answer',
      { promptId: String(prompt.id), level: 'hard', body: 'Perspective, sort of', visibility: 'community', anonymous: 'false', photo },
      member.token,
    );
    expect(res.status).toBe(303);
    const [row] = await t.db.select().from(submissions).where(eq(submissions.userId, member.userId));
    expect(row).toMatchObject({ level: 'hard', visibility: 'community', anonymous: false });
    expect(row!.imageId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [image] = await t.db.select().from(images).where(eq(images.id, row!.imageId!));
    expect(image).toMatchObject({ ownerId: member.userId, width: 40, height: 30, contentType: 'image/png' });
  });

  it('takes a photo alone as a whole answer, and joins a public community with it', async () => {
    const { prompt, community } = await setUp();
    const newcomer = await t.userToken('new@example.org', 'New');
    const photo = new File([png(40, 30)], 'cup.png', { type: 'image/png' });
    const res = await post('/c/sketchers/answer', { promptId: String(prompt.id), level: 'hard', body: '', photo }, newcomer.token);
    expect(res.status).toBe(303);
    const [row] = await t.db.select().from(submissions).where(eq(submissions.userId, newcomer.userId));
    expect(row).toMatchObject({ body: '', level: 'hard', communityId: community.id });
    expect(row!.imageId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, newcomer.userId))).toHaveLength(1);
  });

  it('shows the page again with the text kept and each error next to its field', async () => {
    const { member, prompt } = await setUp();
    const res = await post(
      '/c/sketchers/answer',
      { promptId: String(prompt.id), level: 'hard', body: '   ', link: 'ftp://example.org/x', visibility: 'facilitators', anonymous: 'true' },
      member.token,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<label for="answer-body">[\s\S]*?<p class="field-error" id="answer-body-error">Write a few words \(500 characters at most\), or add a sketch or a photo.<\/p>\s*<textarea[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<label for="answer-link">[\s\S]*?<p class="field-error" id="answer-link-error">Use a web address that starts with http:\/\/ or https:\/\/.<\/p>\s*<input[^>]*value="ftp:\/\/example.org\/x"/);
    expect(radios(html, 'visibility').checked).toEqual(['facilitators']);
    expect(radios(html, 'anonymous').checked).toEqual(['true']);
    expect(radios(html, 'level').checked).toEqual(['hard']);
    expect(await t.db.select().from(submissions)).toEqual([]);
  });

  it('says so when the level was already answered, and sends visitors to sign in', async () => {
    const { member, prompt } = await setUp();
    const fields = { promptId: String(prompt.id), level: 'easy', body: 'Once', visibility: 'community', anonymous: 'false' };
    expect((await post('/c/sketchers/answer', fields, member.token)).status).toBe(303);
    const again = await post('/c/sketchers/answer', { ...fields, body: 'Twice' }, member.token);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('You already answered this option. You can still answer the other one.');
    expect((await t.db.select().from(submissions)).length).toBe(1);

    const visitor = await post('/c/sketchers/answer', fields);
    expect([visitor.status, visitor.headers.get('Location')]).toEqual([303, `/sign-in?next=${encodeURIComponent('/c/sketchers#answer')}`]);
  });
});

describe('joining from the web', () => {
  it('joins a public community with one button and a private one with an invite code', async () => {
    const { facilitator } = await setUp();
    const newcomer = await t.userToken('new@example.org', 'New');
    const joinPage = await page('/c/sketchers/join', { token: newcomer.token });
    expect(joinPage.html).toContain('<h1>Join Sketchers</h1>');
    expect(joinPage.html).not.toContain('name="inviteCode"');
    const res = await post('/c/sketchers/join', {}, newcomer.token);
    expect([res.status, res.headers.get('Location')]).toEqual([303, '/c/sketchers?joined=1']);
    const welcome = await page('/c/sketchers?joined=1', { token: newcomer.token });
    expect(welcome.html).toContain('Welcome! You are a member now');
    expect(welcome.html).toContain('action="/c/sketchers/answer"');

    await createCommunity(t, facilitator.token, { slug: 'inner', name: 'Inner circle', visibility: 'private' });
    const invite = await t.call('POST', '/api/communities/inner/invites', { token: facilitator.token });
    const privatePage = await page('/c/inner/join', { token: newcomer.token });
    expect(privatePage.html).not.toContain('Inner circle');
    expect(privatePage.html).toContain('name="inviteCode"');
    const wrong = await post('/c/inner/join', { inviteCode: 'nope' }, newcomer.token);
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('This invite code is not valid or has expired.');
    expect(wrongHtml).not.toContain('Inner circle');
    const right = await post('/c/inner/join', { inviteCode: invite.json.code }, newcomer.token);
    expect([right.status, right.headers.get('Location')]).toEqual([303, '/c/inner?joined=1']);
    expect((await page('/c/inner', { token: newcomer.token })).status).toBe(200);
  });

  it('asks visitors to sign in first', async () => {
    await setUp();
    const { html } = await page('/c/sketchers/join');
    expect(html).toContain('Sign in first, then come back to join.');
    expect(html).not.toContain('<button type="submit">Join</button>');
  });
});
