import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, seedCategory, seedReport, testApp } from './helpers.ts';

/** Issue 12: the server's problems speak the resident's language, with the same codes and fields. */
let ctx: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  ctx = await testApp();
  await seedCategory(ctx.database, 'litter');
  await seedCategory(ctx.database, 'blocked_ditch', ['LineString']);
  const litter = await seedCategory(ctx.database, 'graffiti');
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'fixedpl1', state: 'fixed', locale: 'pl' });
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'fixeden1', state: 'fixed', locale: 'en' });
  await seedReport(ctx.database, litter.id, { type: 'Point', coordinates: [-3.2, 56.4] }, { publicId: 'openpl01', locale: 'pl' });
});
afterAll(() => ctx?.close());

const badReport = { category: 'litter', geometry: { type: 'Point', coordinates: [-3.2, 56.4] }, description: '', contact: { email: 'not an address' }, locale: 'pl' };

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('problems in the resident language', () => {
  it('answers a Polish bad report in Polish, naming the same fields with the same code', async () => {
    const pl = await post('/api/reports', badReport, { 'accept-language': 'pl-PL,pl;q=0.9,en;q=0.5' });
    const en = await post('/api/reports', badReport, { 'accept-language': 'en-GB' });
    expect(pl.status).toBe(400);
    expect(pl.headers.get('content-type')).toContain('application/problem+json');
    expect(pl.headers.get('content-language')).toBe('pl');
    expect(en.headers.get('content-language')).toBe('en');
    const [p, e] = [await json(pl), await json(en)];
    expect(p.code).toBe('validation_failed');
    expect(e.code).toBe('validation_failed');
    expect(p.errors.map((x: { field: string }) => x.field)).toEqual(e.errors.map((x: { field: string }) => x.field));
    expect(p.errors.map((x: { field: string }) => x.field)).toEqual(expect.arrayContaining(['body.description', 'body.contact.email']));
    const message = (body: { errors: { field: string; message: string }[] }, field: string) => body.errors.find((x) => x.field === field)?.message;
    expect(message(p, 'body.description')).toBe('Opisz, proszę, problem');
    expect(message(p, 'body.contact.email')).toBe('Podaj, proszę, adres e-mail w postaci imie@example.org');
    expect(message(e, 'body.description')).toBe('Please describe the problem');
    expect(p.title).toBe('Część przesłanych danych jest nieprawidłowa');
    expect(p.detail).toMatch(/^Sprawdź, proszę, body\.description, body\.contact\.email: /);
    expect(e.detail).toMatch(/^Please check body\.description, body\.contact\.email: /);
    // Field messages carry only the field and the words, never how they were made.
    expect(Object.keys(p.errors[0]).sort()).toEqual(['field', 'message']);
  });

  it('speaks English when the request does not say', async () => {
    const res = await post('/api/reports', badReport);
    expect(res.headers.get('content-language')).toBe('en');
    const body = await json(res);
    expect(body.detail).toMatch(/^Please check /);
    expect(body.errors.find((x: { field: string }) => x.field === 'body.description').message).toBe('Please describe the problem');
  });

  it('translates what the use-case refuses: the shape kind and a required contact', async () => {
    const res = await post(
      '/api/reports',
      { category: 'blocked_ditch', geometry: { type: 'Point', coordinates: [-3.2, 56.4] }, description: 'Zapchany rów', locale: 'pl' },
      { 'accept-language': 'pl' },
    );
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.code).toBe('validation_failed');
    const byField = Object.fromEntries(body.errors.map((x: { field: string; message: string }) => [x.field, x.message]));
    expect(byField['geometry.type']).toBe('pl blocked_ditch: można narysować jako linię, nie jako punkt');
    expect(byField['contact.email']).toBe('Podaj, proszę, adres e-mail, abyśmy mogli informować Cię o postępach');
    expect(body.detail).toBe(`Sprawdź, proszę, geometry.type, contact.email: ${byField['geometry.type']}`);
  });

  it('falls back to the words of the issue kind for a field with no message of its own, never to English', async () => {
    const res = await post('/api/reports', { ...badReport, description: 'ok', contact: {}, showName: 'yes' }, { 'accept-language': 'pl' });
    const body = await json(res);
    expect(body.errors).toEqual([{ field: 'body.showName', message: 'Ta wartość ma zły typ' }]);
    expect(body.detail).toBe('Sprawdź, proszę, body.showName: Ta wartość ma zły typ');
  });

  it("uses the report's language for a support that does not say, and the request's when it does", async () => {
    const device = { deviceId: 'device-000000000000pl01' };
    const pl = await post('/api/reports/fixedpl1/supports', device);
    expect(pl.status).toBe(409);
    expect(pl.headers.get('content-language')).toBe('pl');
    expect((await json(pl)).detail).toBe('To zgłoszenie jest już zamknięte; jeśli problem wrócił, zgłoś go, proszę, na nowo');
    const asked = await post('/api/reports/fixedpl1/supports', device, { 'accept-language': 'en' });
    expect((await json(asked)).detail).toBe('This report is already closed; please make a new report if the problem is back');
    const en = await post('/api/reports/fixeden1/supports', device);
    expect(en.headers.get('content-language')).toBe('en');
  });

  it("uses the report's language for a photo the server refuses", async () => {
    const form = new FormData();
    form.set('photo', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'p.jpg');
    const res = await ctx.app.request('/api/reports/openpl01/photos', { method: 'POST', headers: { 'x-upload-token': 'not-the-token' }, body: form });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-language')).toBe('pl');
    const body = await json(res);
    expect(body.code).toBe('forbidden');
    expect(body.detail).toBe('Zdjęcia do tego zgłoszenia może dodać tylko osoba, która je zgłosiła');
    expect(body.errors).toEqual([{ field: 'header.x-upload-token', message: 'Brak tokenu przesyłania lub jest on błędny' }]);
  });

  it("uses a follow's own language, then the followed report's", async () => {
    const own = await post('/api/subscriptions', { email: 'nope', locale: 'pl', report: 'fixeden1' });
    expect(own.status).toBe(400);
    expect(own.headers.get('content-language')).toBe('pl');
    expect((await json(own)).errors[0]).toEqual({ field: 'body.email', message: 'Podaj, proszę, adres e-mail w postaci imie@example.org' });
    const reports = await post('/api/subscriptions', { email: 'nope', report: 'fixedpl1' });
    expect(reports.headers.get('content-language')).toBe('pl');
    const english = await post('/api/subscriptions', { email: 'nope', report: 'fixeden1' });
    expect(english.headers.get('content-language')).toBe('en');
  });
});
