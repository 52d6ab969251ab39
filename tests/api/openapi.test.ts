import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapiPath } from '../../src/openapi';
import { makeTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await makeTestApp();
  const res = await t.call('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.json;
});
afterAll(() => t.close());

/** What the app really serves: Hono's route list, less the middleware entries (method ALL). */
function servedRoutes() {
  const seen = new Set<string>();
  for (const r of t.app.routes) if (r.method !== 'ALL') seen.add(`${r.method.toLowerCase()} ${openapiPath(r.path)}`);
  return [...seen].map((key) => {
    const [method, path] = key.split(' ') as [string, string];
    return { method, path };
  });
}

const resolve = (schema: any) => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').at(-1)] : schema);

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with paths, schemas and both security schemes', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
  });

  it('documents every /api route the app serves, with its method', () => {
    const api = servedRoutes().filter((r) => r.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(10);
    const missing = api.filter((r) => !doc.paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('documents no route the app does not serve', () => {
    const served = new Set(servedRoutes().map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`));
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it('declares every path parameter and an error response on every operation', () => {
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values<any>(ops)) {
        const declared = op.parameters.filter((p: any) => p.in === 'path').map((p: any) => p.name);
        expect(declared.sort(), path).toEqual(names.sort());
        expect(op.responses.default.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
      }
    }
  });

  it('generates request bodies from the zod schemas: an answer is 1-500 characters, or an image alone', () => {
    const op = doc.paths['/api/prompts/{id}/submissions'].post;
    expect(Object.keys(op.responses)).toContain('201');
    const body = resolve(op.requestBody.content['application/json'].schema);
    expect(body.properties.body).toMatchObject({ type: 'string', minLength: 1, maxLength: 500 });
    expect(body.properties.level.enum).toEqual(['easy', 'hard']);
    // Written as clients send it: fields with defaults are optional.
    expect(body.required).toEqual(['level']);
    expect(body.anyOf).toEqual([{ required: ['body'] }, { required: ['imageId'] }]);
  });

  it('describes query parameters, such as the gallery filter', () => {
    const params = doc.paths['/api/prompts/{id}/gallery'].get.parameters;
    const level = params.find((p: any) => p.name === 'level');
    expect(level).toMatchObject({ in: 'query', required: false, schema: { enum: ['easy', 'hard'] } });
    expect(params.find((p: any) => p.name === 'limit').schema).toMatchObject({ minimum: 1, maximum: 100 });
  });
});
