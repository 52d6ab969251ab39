/** Unknown paths: people get the friendly 404 page in their language; programs calling /api keep the JSON envelope. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('an unknown path', () => {
  it.each(['/nothing-here', '/c', '/c/x/y/z/w', '/apiary', '/favicon.ico'])('%s is the friendly 404 page', async (path) => {
    const res = await t.app.request(path, { headers: { 'Accept-Language': 'fr' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Page introuvable</h1>');
    expect(html).toContain('<main id="main"');
  });

  it('is the page for a form posted to a path that does not exist', async () => {
    const res = await t.app.request('/nowhere', { method: 'POST', body: new FormData() });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/text\/html/);
  });

  it.each(['/api/nothing-here', '/api'])('%s stays JSON', async (path) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
