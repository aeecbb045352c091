import { describe, expect, it, vi } from 'vitest';
import { createHttp, fieldErrors, NetworkError, parseRetryAfter, ProblemError, problemOf, query } from '../../src/api/http.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });

describe('ProblemError', () => {
  it('carries the RFC 9457 problem: status, code, detail and field errors', async () => {
    const problem = {
      title: 'Invalid',
      status: 422,
      code: 'validation_failed',
      detail: 'Please check the form',
      errors: [
        { field: 'body.email', message: 'Not an email' },
        { field: 'body.email', message: 'second' },
        { field: 'idempotency-key', message: 'reused' },
      ],
    };
    const err = await problemOf(json(422, problem, { 'retry-after': '30' }), '/api/x');
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation_failed');
    expect(err.detail).toBe('Please check the form');
    expect(err.message).toBe('Please check the form');
    expect(err.retryAfter).toBe(30);
    expect(err.errors.map((e) => e.field)).toEqual(['body.email', 'body.email', 'idempotency-key']);
    expect(err.fieldErrors()).toEqual({ email: 'Not an email', 'idempotency-key': 'reused' });
    expect(fieldErrors(err)).toEqual(err.fieldErrors());
  });

  it('keeps only the status when the body is not JSON', async () => {
    const err = await problemOf(new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }), '/api/y');
    expect(err.status).toBe(502);
    expect(err.problem).toEqual({});
    expect(err.message).toBe('/api/y answered 502');
    expect(fieldErrors(new Error('other'))).toEqual({});
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('createHttp', () => {
  it('sends JSON with the language, and the CSRF token only with changes', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { ok: true }));
    const http = createHttp({ language: () => 'pl', csrf: () => 'token-1', fetch });
    expect(await http.get('/api/a')).toEqual({ ok: true });
    await http.post('/api/b', { n: 1 });
    const [getInit, postInit] = fetch.mock.calls.map((c) => c[1]!) as [RequestInit, RequestInit];
    expect(getInit.headers).toEqual({ accept: 'application/json', 'accept-language': 'pl' });
    expect(postInit.method).toBe('POST');
    expect(postInit.body).toBe('{"n":1}');
    expect(postInit.headers).toMatchObject({ 'content-type': 'application/json', 'x-csrf-token': 'token-1', 'accept-language': 'pl' });
  });

  it('throws the problem, telling the session first when it is a 401', async () => {
    const onUnauthorized = vi.fn();
    const http = createHttp({ language: () => 'en', onUnauthorized, fetch: async () => json(401, { detail: 'Signed out' }) });
    await expect(http.get('/api/staff/me')).rejects.toMatchObject({ status: 401, detail: 'Signed out' });
    expect(onUnauthorized).toHaveBeenCalledWith('/api/staff/me');
  });

  it('turns no answer at all into a NetworkError, but lets an abort through', async () => {
    const offline = createHttp({ language: () => 'en', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.get('/api/config')).rejects.toBeInstanceOf(NetworkError);
    const aborted = createHttp({ language: () => 'en', fetch: async () => Promise.reject(new DOMException('stop', 'AbortError')) });
    await expect(aborted.get('/api/config')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('builds a query string without empty values', () => {
    expect(query({ from: '2026-01-01', to: '', size: 500, area: undefined })).toBe('from=2026-01-01&size=500');
  });
});
