/**
 * Issue 12, "server messages in the resident's language": a phone whose browser speaks
 * English, with the app switched to Polish, sends a report from outside the council's area.
 * Only the server can tell; it refuses, and both the refusal page and the message beside the
 * map are the server's own words, in Polish, because the app asks for its language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { buildWeb, launchBrowser, phone, screenshot, waitForDrawing, watchErrors } from './phone.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  await buildWeb();
  server = await startTestServer({ demo: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const heading = (page: Page) => page.locator('h1.flow-title');
const expectStep = (page: Page, title: string) => expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe(title);
const next = (page: Page) => page.locator('button.flow-next').click();

describe('a Polish report the server refuses', () => {
  it('shows the server refusal in Polish, on the refusal page and beside the map', async () => {
    // The browser says English; only the app's language is Polish.
    const away = await phone(browser, { locale: 'en-GB', geolocation: { longitude: -1.5, latitude: 57.8, accuracy: 10 }, permissions: ['geolocation'] });
    const p = await away.newPage();
    const errors = watchErrors(p);
    const sent: { language: string | undefined; status: number; contentLanguage: string | null }[] = [];
    p.on('response', (res) => {
      if (res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/reports') {
        sent.push({ language: res.request().headers()['accept-language'], status: res.status(), contentLanguage: res.headers()['content-language'] ?? null });
      }
    });
    try {
      await p.goto(server.url);
      await p.getByRole('button', { name: /^PL/ }).click();
      await expect.poll(() => p.locator('html').getAttribute('lang')).toBe('pl');
      await p.getByRole('link', { name: 'Zgłoś problem' }).click();
      await expectStep(p, 'Gdzie jest problem?');
      await p.getByRole('button', { name: 'Użyj mojej lokalizacji' }).click();
      await expect.poll(() => p.locator('#where-locate-status').textContent()).toContain('Znaleziono Twoją lokalizację');
      await next(p);
      await expectStep(p, 'Na czym polega problem?');
      await p.getByRole('button', { name: 'Śmieci' }).click();
      await expectStep(p, 'Pokaż to na mapie');
      await waitForDrawing(p);
      await next(p);
      await expect.poll(() => heading(p).textContent(), { timeout: 10_000 }).not.toBe('Pokaż to na mapie');
      if ((await heading(p).textContent()) === 'Czy to któryś z tych problemów?') await p.getByRole('button', { name: 'Mój problem jest inny, dalej' }).click();
      await expectStep(p, 'Opowiedz nam o tym');
      await p.getByLabel(/Opisz problem/).fill(`Śmieci po złej stronie wzgórza ${Date.now()}`);
      for (const step of ['Dodaj zdjęcia', 'Twoje dane kontaktowe', 'Sprawdź i wyślij']) {
        await next(p);
        await expectStep(p, step);
      }
      await p.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();

      await expect.poll(() => p.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('Nie udało się wysłać zgłoszenia');
      // The server was asked in Polish and answered in Polish.
      expect(sent).toEqual([{ language: 'pl', status: 400, contentLanguage: 'pl' }]);
      const refusal = (await p.locator('.sent').textContent()) ?? '';
      expect(refusal).toContain('poza obszarem');
      expect(refusal).not.toMatch(/outside|Please|area we look after/);
      await screenshot(p, 'pl-refused');

      await p.getByRole('button', { name: 'Popraw zgłoszenie i wyślij ponownie' }).click();
      await expectStep(p, 'Pokaż to na mapie');
      await expect.poll(() => p.locator('#draw-add-error').textContent()).toContain('To miejsce leży poza obszarem, którym się zajmujemy; sprawdź, proszę, mapę');
      await screenshot(p, 'pl-refused-draw');
      expect(errors).toEqual([]);
    } finally {
      await away.close();
    }
  });
});
