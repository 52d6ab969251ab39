// @vitest-environment happy-dom
/**
 * The answer form in a browser-like DOM. Only the network boundary is replaced (fetch, via vi.stubGlobal):
 * the form, the typed client and the error mapping run as they do in the page.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswerForm, COUNT_ANNOUNCE_MS, type Posted } from '../../web/src/components/AnswerForm';
import { I18n, translator, type Lang } from '../../web/src/i18n';
import type { Level, PromptView } from '../../web/src/lib/answer-types';

const prompt: PromptView = {
  id: 12,
  seriesId: 3,
  seriesTitle: 'Warm-ups',
  opensOn: '2026-03-02',
  easy: { text: 'Name a cup you like', points: 1 },
  hard: { text: 'Say why you like it, in two sentences', points: 3 },
  answered: [],
};

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}
let calls: Call[];
let replies: (() => Response | Promise<Response>)[];
/** The celebration's look-ups (GET rhythm/me, ladder/me), answered apart from the form's own requests. */
let progress: { rhythm: unknown; ladder: unknown } | null;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  calls = [];
  replies = [];
  progress = null;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const lookUp = /\/(rhythm|ladder)\/me$/.exec(String(url));
      if (lookUp) return progress ? json(200, progress[lookUp[1] as 'rhythm' | 'ladder']) : json(404, { error: { code: 'not_found', message: 'Not found' } });
      calls.push({ url: String(url), method: init.method!, headers: new Headers(init.headers), body: init.body });
      const reply = replies.shift();
      if (!reply) throw new Error(`unexpected fetch ${url}`);
      return reply();
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function setUp(opts: { answered?: Level[]; lang?: Lang; prompt?: PromptView } = {}) {
  const shown = opts.prompt ?? prompt;
  const answeredSeen: Posted[] = [];
  function Harness() {
    const [level, setLevel] = useState<Level | null>(null);
    const [answered, setAnswered] = useState<Level[]>(opts.answered ?? []);
    const lang = opts.lang ?? 'en';
    return (
      <I18n.Provider value={{ lang, t: translator(lang) }}>
        <AnswerForm
          slug="sketchers"
          prompt={{ ...shown, answered }}
          answered={answered}
          level={level}
          onLevel={setLevel}
          onAnswered={(posted) => {
            answeredSeen.push(posted);
            setAnswered((a) => [...a, posted.level]);
          }}
          galleryHref="/c/sketchers/p/12"
          postingAs={{ community: 'Sketchers', name: 'Priya' }}
        />
      </I18n.Provider>
    );
  }
  render(<Harness />);
  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const type = (id: string, value: string) => fireEvent.input(byId<HTMLInputElement>(id), { target: { value } });
  const submit = () => fireEvent.submit(document.querySelector('form')!);
  return { answeredSeen, byId, type, submit };
}

const lastJson = () => JSON.parse(String(calls[calls.length - 1]!.body));

describe('the answer form', () => {
  it('starts with the low-stakes defaults: my community, with my name, the first open level', () => {
    const { byId } = setUp();
    expect(byId<HTMLInputElement>('visibility-community').checked).toBe(true);
    expect(byId<HTMLInputElement>('visibility-facilitators').checked).toBe(false);
    expect(byId<HTMLInputElement>('visibility-public').checked).toBe(false);
    expect(byId<HTMLInputElement>('anonymous-false').checked).toBe(true);
    expect(byId<HTMLInputElement>('anonymous-true').checked).toBe(false);
    expect(byId<HTMLInputElement>('level-easy').checked).toBe(true);
    // Each choice is explained next to it, in plain words, and read with it.
    const community = byId<HTMLInputElement>('visibility-community');
    expect(byId(community.getAttribute('aria-describedby')!).textContent).toBe(
      'Members of this community see it. This is the usual choice.',
    );
    expect(screen.getByRole('group', { name: 'Who can see it?' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Show my name?' })).toBeTruthy();
  });

  it('counts characters as you type and announces the count once typing pauses', async () => {
    const { byId, type } = setUp();
    const textarea = byId<HTMLTextAreaElement>('answer-body');
    expect(textarea.getAttribute('aria-describedby')).toBe('answer-body-hint answer-body-count');
    expect(textarea.maxLength).toBe(500);
    expect(byId('answer-body-count').textContent).toBe('0 of 500 characters');

    type('answer-body', 'A cup');
    expect(byId('answer-body-count').textContent).toBe('5 of 500 characters');
    const live = screen.getByTestId('count-announcement');
    expect(live.getAttribute('aria-live')).toBe('polite');
    await waitFor(() => expect(live.textContent).toBe('5 of 500 characters'), { timeout: COUNT_ANNOUNCE_MS * 3 });
    type('answer-body', 'A cup, slightly wobbly');
    expect(byId('answer-body-count').textContent).toBe('22 of 500 characters');
    await waitFor(() => expect(live.textContent).toBe('22 of 500 characters'), { timeout: COUNT_ANNOUNCE_MS * 3 });
  });

  it('posts the answer as JSON through the typed client with an Idempotency-Key, and shows the result', async () => {
    const { byId, type, submit, answeredSeen } = setUp();
    type('answer-body', 'A wobbly cup');
    type('answer-link', ' https://example.org/cup ');
    fireEvent.click(byId('visibility-public'));
    fireEvent.click(byId('anonymous-true'));
    replies.push(() => json(201, { id: 40, points: 2, onTime: true }));
    submit();

    await waitFor(() => expect(byId('answer-result').textContent).toContain('Posted on the day! You earned 2 points, including the on-time bonus.'));
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect([call!.method, call!.url]).toEqual(['POST', '/api/prompts/12/submissions']);
    expect(call!.headers.get('Content-Type')).toBe('application/json');
    expect(call!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(lastJson()).toEqual({
      level: 'easy',
      body: 'A wobbly cup',
      link: 'https://example.org/cup',
      visibility: 'public',
      anonymous: true,
    });
    expect(byId('answer-result').getAttribute('aria-live')).toBe('polite');
    expect(answeredSeen).toEqual([{ level: 'easy', points: 2, onTime: true }]);
    // Ready for the other level; the choices of who sees it are kept, the text is cleared.
    expect(byId<HTMLInputElement>('level-easy').disabled).toBe(true);
    expect(byId<HTMLInputElement>('level-hard').checked).toBe(true);
    expect(byId<HTMLTextAreaElement>('answer-body').value).toBe('');
    expect(byId<HTMLInputElement>('visibility-public').checked).toBe(true);
  });

  it('reuses the Idempotency-Key when retrying the same answer, and takes a new one for the next answer', async () => {
    const { byId, type, submit } = setUp();
    type('answer-body', 'Third time lucky');
    replies.push(() => Promise.reject(new TypeError('Failed to fetch')));
    submit();
    await waitFor(() => expect(byId('answer-status').textContent).toBe('Kindling could not be reached. Your answer is still here: try again.'));
    expect(byId<HTMLTextAreaElement>('answer-body').value).toBe('Third time lucky');

    replies.push(() => json(201, { id: 41, points: 1, onTime: false }));
    submit();
    await waitFor(() => expect(byId('answer-result').textContent).toContain('Posted! You earned 1 point.'));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers.get('Idempotency-Key')).toBe(calls[0]!.headers.get('Idempotency-Key'));

    type('answer-body', 'And the hard one');
    replies.push(() => json(201, { id: 42, points: 3, onTime: false }));
    submit();
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(lastJson()).toMatchObject({ level: 'hard' });
    expect(calls[2]!.headers.get('Idempotency-Key')).not.toBe(calls[0]!.headers.get('Idempotency-Key'));
  });

  it('celebrates with the week’s rhythm and the next ladder step, fetched once the answer is in', async () => {
    const { byId, type, submit } = setUp();
    progress = {
      rhythm: { thisWeek: { days: 2, goal: 3, met: false }, currentRun: 1 },
      ladder: { stage: 'sharing_community' },
    };
    type('answer-body', 'A cup');
    replies.push(() => json(201, { id: 41, points: 1, onTime: false }));
    submit();
    await waitFor(() => expect(byId('answer-result').textContent).toContain('This week: 2 of 3 answer-days'));
    expect(byId('answer-result').textContent).toContain('Current run: 1 week.');
    expect(byId('answer-result').textContent).toContain('Next step on your ladder: share an answer publicly');
  });

  it('shows each API error next to the field named in error.issues[].path, in the page language', async () => {
    const { byId, type, submit } = setUp({ lang: 'fr' });
    type('answer-body', 'Une tasse');
    type('answer-link', 'ftp://example.org/x');
    replies.push(() =>
      json(400, {
        error: {
          code: 'invalid_input',
          message: 'link: must be an http(s) URL',
          issues: [{ path: 'link', message: 'must be an http(s) URL' }],
        },
      }),
    );
    submit();
    await waitFor(() => expect(byId('answer-link-error')).toBeTruthy());
    const link = byId<HTMLInputElement>('answer-link');
    expect(byId('answer-link-error').textContent).toBe('Indiquez une adresse web commençant par http:// ou https://.');
    // Next to its own field: inside the link's field, and read with the input.
    expect(link.closest('.field')!.contains(byId('answer-link-error'))).toBe(true);
    expect(link.getAttribute('aria-invalid')).toBe('true');
    expect(link.getAttribute('aria-describedby')).toBe('answer-link-hint answer-link-error');
    expect(byId('answer-body-error')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(link));

    replies.push(() => json(409, { error: { code: 'already_answered', message: 'You already answered', existingId: 3 } }));
    type('answer-link', '');
    submit();
    await waitFor(() =>
      expect(byId('answer-status').textContent).toBe("Vous avez déjà répondu à cette option. Vous pouvez encore répondre à l'autre."),
    );
    expect(byId('answer-link-error')).toBeNull();
  });

  it('uploads a photo to /api/images first, then sends its id with the answer', async () => {
    const { byId, type, submit } = setUp();
    type('answer-body', 'My desk');
    const photo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'desk.png', { type: 'image/png' });
    const input = byId<HTMLInputElement>('answer-photo');
    expect(input.accept).toBe('image/png,image/jpeg,image/webp');
    Object.defineProperty(input, 'files', { value: [photo], configurable: true });
    fireEvent.change(input);
    expect(screen.getByText('Photo chosen: desk.png')).toBeTruthy();

    const imageId = 'abcdefghijklmnopqrstuv';
    replies.push(() => json(201, { id: imageId, url: `/api/images/${imageId}`, width: 1, height: 1, contentType: 'image/png' }));
    replies.push(() => json(201, { id: 50, points: 2, onTime: true }));
    submit();
    await waitFor(() => expect(calls).toHaveLength(2));
    expect([calls[0]!.method, calls[0]!.url]).toEqual(['POST', '/api/images']);
    expect(calls[0]!.headers.get('Content-Type')).toBe('image/png');
    expect(calls[0]!.body).toBe(photo);
    expect(calls[1]!.url).toBe('/api/prompts/12/submissions');
    expect(lastJson()).toEqual({ level: 'easy', body: 'My desk', visibility: 'community', anonymous: false, imageId });
  });

  it('uploads a drawn sketch as a PNG, and puts an image error next to the picture', async () => {
    const { byId, type, submit } = setUp();
    // happy-dom has no 2D canvas: stand in for the browser's painting and PNG encoding.
    const ctx = new Proxy({}, { get: () => () => undefined, set: () => true });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((cb: BlobCallback, type?: string) =>
      cb(new Blob(['png'], { type: type ?? 'image/png' })),
    );
    type('answer-body', 'A quick sketch');
    fireEvent.click(screen.getByRole('button', { name: 'Draw a sketch' }));
    const canvas = screen.getByRole('img', { name: 'Sketch pad' });
    fireEvent.pointerDown(canvas, { clientX: 1, clientY: 1, pointerId: 1, pointerType: 'touch' });
    fireEvent.pointerMove(canvas, { clientX: 5, clientY: 5, pointerId: 1, pointerType: 'touch' });
    fireEvent.pointerUp(canvas, { pointerId: 1, pointerType: 'touch' });

    replies.push(() =>
      json(415, { error: { code: 'unsupported_image', message: 'The body must be a PNG', issues: [{ path: 'body', message: 'x' }] } }),
    );
    submit();
    await waitFor(() => expect(byId('answer-image-error')).toBeTruthy());
    expect(byId('answer-image-error').textContent).toBe(
      'This picture cannot be used. Choose a PNG, JPEG or WebP image of 1 MB at most.',
    );
    expect(byId('answer-body-error')).toBeNull(); // the upload's `body` is the picture, not the text
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/images');
    expect(calls[0]!.headers.get('Content-Type')).toBe('image/png');

    replies.push(() => json(201, { id: 'A'.repeat(22), url: '/api/images/x', width: 800, height: 600, contentType: 'image/png' }));
    replies.push(() => json(201, { id: 51, points: 2, onTime: true }));
    submit();
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(lastJson()).toMatchObject({ body: 'A quick sketch', imageId: 'A'.repeat(22) });
  });

  it('says so when both levels are answered instead of showing a form', () => {
    setUp({ answered: ['easy', 'hard'] });
    expect(document.querySelector('form')).toBeNull();
    expect(screen.getByText('You answered both options of this prompt. Thank you!')).toBeTruthy();
  });

  it('leads with the sketch pad for a drawing prompt, quotes the prompt, and posts a sketch alone', async () => {
    const drawing = { ...prompt, easy: { text: 'Draw a cup', points: 1 }, hard: { text: 'Draw it from above', points: 3 } };
    const { byId, submit } = setUp({ prompt: drawing });
    const ctx = new Proxy({}, { get: () => () => undefined, set: () => true });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((cb: BlobCallback, type?: string) =>
      cb(new Blob(['png'], { type: type ?? 'image/png' })),
    );
    expect(byId('answer-prompt').textContent).toBe('Draw a cup');
    // Open at once, before the text box, with no "Draw a sketch" button to find first.
    const canvas = await screen.findByRole('img', { name: 'Sketch pad' });
    expect(screen.queryByRole('button', { name: 'Draw a sketch' })).toBeNull();
    expect(canvas.compareDocumentPosition(byId('answer-body')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByLabelText('A few words (optional)')).toBe(byId('answer-body'));
    expect(byId('posting-as-line').textContent).toBe('Posting to Sketchers as Priya');

    fireEvent.pointerDown(canvas, { clientX: 1, clientY: 1, pointerId: 1, pointerType: 'touch' });
    fireEvent.pointerMove(canvas, { clientX: 5, clientY: 5, pointerId: 1, pointerType: 'touch' });
    fireEvent.pointerUp(canvas, { pointerId: 1, pointerType: 'touch' });
    replies.push(() => json(201, { id: 'B'.repeat(22), url: '/api/images/x', width: 800, height: 600, contentType: 'image/png' }));
    replies.push(() => json(201, { id: 60, points: 2, onTime: true }));
    submit();
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(lastJson()).toEqual({ level: 'easy', visibility: 'community', anonymous: false, imageId: 'B'.repeat(22) });
  });

  it('says what a text-or-picture refusal means, next to the text box', async () => {
    const { byId, submit } = setUp();
    replies.push(() =>
      json(400, { error: { code: 'invalid_input', message: 'body: give a text', issues: [{ path: 'body', message: 'give a text' }] } }),
    );
    submit();
    await waitFor(() => expect(byId('answer-body-error')).toBeTruthy());
    expect(byId('answer-body-error').textContent).toBe('Write a few words (500 characters at most), or add a sketch or a photo.');
    expect(lastJson()).toEqual({ level: 'easy', visibility: 'community', anonymous: false });
  });
});
