/**
 * The resident's report flow on a phone, against the real API over a fresh test database
 * with the demo data: a blocked ditch drawn as a line with a photo, in English, and a
 * litter report in Polish. The server's database is the judge of what arrived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '@groundswell/api/test-server';
import { sql } from '@groundswell/db/testing';
import { buildWeb, launchBrowser, pastSimilarReports, phone, photoWithGps, screenshot, tapFlowMap, waitForDrawing, watchErrors } from './phone.ts';

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

interface ReportRow {
  publicId: string;
  geomType: string;
  locale: string;
  answers: Record<string, unknown>;
  showName: boolean;
  photos: number;
  email: string | null;
}

async function reportsWith(description: string): Promise<ReportRow[]> {
  return server.database.rows<ReportRow>(sql`
    select r.public_id as "publicId", r.geom_type as "geomType", r.locale, r.answers, r.show_name as "showName",
      (select count(*)::int from photos p where p.report_id = r.id) as photos,
      (select c.email from report_contacts c where c.report_id = r.id) as email
    from reports r where r.description = ${description}`);
}

/** An open blocked-ditch line from the demo data: somewhere a duplicate is likely. */
async function openDitch(): Promise<{ id: string; first: [number, number] }> {
  const [row] = await server.database.rows<{ id: string; g: string }>(sql`
    select r.public_id as id, st_asgeojson(r.geom) as g from reports r join categories c on c.id = r.category_id
    where c.code = 'blocked_ditch' and r.geom_type = 'LineString' and r.state in ('new', 'acknowledged', 'in_progress') order by r.id limit 1`);
  if (!row) throw new Error('the demo data has no open ditch line');
  const geometry = JSON.parse(row.g) as { coordinates: [number, number][] };
  return { id: row.id, first: geometry.coordinates[0]! };
}

const heading = (page: Page) => page.locator('h1.flow-title');
async function expectStep(page: Page, title: string) {
  await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe(title);
  // Focus moved to the step's heading, so a screen reader starts there.
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('flow-title'))).toBe(true);
}
const next = (page: Page) => page.locator('button.flow-next').click();

// The steps of the English ditch report, in the order the resident goes through them.

async function chooseMyLocation(page: Page) {
  // 1. Where: the phone's location.
  await expectStep(page, 'Where is the problem?');
  expect(await page.locator('.flow-progress-text').textContent()).toBe('Step 1 of 7: Where');
  await next(page);
  // Nothing chosen yet: the error is listed and linked, and shown beside the button.
  await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Choose a place');
  expect(await page.locator('#where-locate').getAttribute('aria-describedby')).toContain('where-locate-error');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect.poll(() => page.locator('#where-locate-status').textContent()).toContain('Found your location');
  await expect.poll(() => page.locator('.chosen').textContent()).toContain('Chosen place');
  await screenshot(page, 'en-where');
  await next(page);
}

async function drawTheDitch(page: Page) {
  // 2. What.
  await expectStep(page, 'What is the problem?');
  await screenshot(page, 'en-what');
  await page.getByRole('button', { name: 'Blocked ditch or drain' }).click();

  // 3. Draw a line: three taps along the ditch, then finish.
  await expectStep(page, 'Show it on the map');
  expect(await page.getByRole('radio', { name: 'A line' }).isChecked()).toBe(true);
  await waitForDrawing(page);
  await tapFlowMap(page, [
    [-90, 60],
    [0, 10],
    [90, -50],
  ]);
  await expect.poll(() => page.locator('.step-draw .chosen').textContent()).toBe('Points so far: 3.');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => page.locator('.step-draw .chosen').textContent()).toBe('Points so far: 2.');
  await tapFlowMap(page, [[90, -50]]);
  await page.getByRole('button', { name: 'Finish line' }).click();
  await expect.poll(() => page.locator('.step-draw .chosen').textContent()).toMatch(/^Line drawn: 3 points, about \d+ m long\.$/);
  await screenshot(page, 'en-draw');
  await next(page);
}

async function passTheSimilarReports(page: Page) {
  // 4. The ditch is already reported: offered, but this one is different.
  await expectStep(page, 'Is it one of these?');
  expect(await page.locator('.flow-progress-text').textContent()).toBe('Step 4 of 8: Similar reports');
  const similar = page.locator('.similar-card');
  expect(await similar.count()).toBeGreaterThan(0);
  expect(await page.locator('.step-similar').textContent()).toContain('Support this instead');
  await screenshot(page, 'en-similar');
  await page.getByRole('button', { name: 'Mine is different, continue' }).click();
}

async function fillTheDetails(page: Page): Promise<string> {
  // 5. Details: the description and the category's questions, checked as the API does.
  await expectStep(page, 'Tell us about it');
  await next(page);
  await expect.poll(() => page.locator('.error-summary li').allTextContents()).toEqual(['Describe the problem.', 'How blocked is it? Answer this question.']);
  expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
  expect(await page.locator('#details-description').getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#details-description').getAttribute('aria-describedby')).toContain('details-description-error');
  expect(await page.locator('#q-how_blocked legend').textContent()).toContain('How blocked is it?');
  await screenshot(page, 'en-details-errors');
  const description = `Ditch full of reeds behind the farm track ${Date.now()}`;
  await page.getByLabel(/Describe the problem/).fill(description);
  await page.getByRole('radio', { name: 'Blocked, water is not flowing' }).check();
  // A question shown only for some answers of another.
  expect(await page.locator('#q-water_depth_cm').count()).toBe(0);
  await page.locator('#q-backing_up').getByRole('radio', { name: 'Yes' }).check();
  await page.getByLabel(/Roughly how deep is the water/).fill('400');
  await page.getByRole('checkbox', { name: 'Reeds, weeds or branches' }).check();
  await next(page);
  await expect.poll(() => page.locator('.error-summary li').allTextContents()).toEqual(['Roughly how deep is the water (cm)? Enter a number of at most 300.']);
  await page.getByLabel(/Roughly how deep is the water/).fill('25');
  await screenshot(page, 'en-details');
  await next(page);
  return description;
}

async function addThePhoto(page: Page, here: [number, number]) {
  // 6. Photos: resized on the phone; its GPS is offered.
  await expectStep(page, 'Add photos');
  await page.locator('#photo-gallery').setInputFiles({ name: 'ditch.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps(here[0], here[1]) });
  await page.locator('.photo-item').waitFor({ timeout: 10_000 });
  expect(await page.locator('.photo-item').textContent()).toContain('This photo knows where it was taken.');
  expect(await page.getByRole('button', { name: 'Use this photo’s location' }).count()).toBe(1);
  await screenshot(page, 'en-photos');
  await next(page);
}

async function giveContactDetails(page: Page) {
  // 7. Contact: email is required for ditches.
  await expectStep(page, 'Your contact details');
  expect(await page.locator('.privacy').textContent()).toContain('Only council staff see your contact details. They are never published.');
  expect(await page.getByRole('checkbox', { name: 'Show my name publicly with the report' }).isChecked()).toBe(false);
  await next(page);
  await expect.poll(() => page.locator('.error-summary li').allTextContents()).toEqual(['Enter your email address.']);
  await page.getByLabel(/^Email/).fill('resident@example.org');
  await page.getByLabel(/^Name/).fill('Morag Fraser');
  await screenshot(page, 'en-contact');
  await next(page);
}

async function reviewAndSend(page: Page, description: string) {
  // 8. Review and send.
  await expectStep(page, 'Check and send');
  const review = (await page.locator('.review').textContent()) ?? '';
  expect(review).toContain('Blocked ditch or drain');
  expect(review).toContain(description);
  expect(review).toContain('How blocked is it? Blocked, water is not flowing');
  expect(review).toContain('Your name will not be shown publicly.');
  await screenshot(page, 'en-review');
  await page.getByRole('button', { name: 'Send report' }).click();
}

async function expectTheConfirmation(page: Page) {
  // The confirmation: the link, what happens next and the promised response time.
  await expect.poll(() => page.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('Thank you, your report was sent');
  const link = page.getByRole('link', { name: 'Your report’s page' });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^#\/reports\/[a-z0-9]+$/);
  expect(await page.locator('.next-steps').textContent()).toContain('They aim to respond within 10 working days.');
  await screenshot(page, 'en-sent');
  return { link, href };
}

let context: BrowserContext;
let page: Page;
let errors: string[];

describe('report flow on a phone', () => {
  it('reports a blocked ditch drawn as a line, with a photo, exactly once', async () => {
    const ditch = await openDitch();
    // Standing beside a ditch that is already reported, a little way along it.
    const here: [number, number] = [ditch.first[0] + 0.0002, ditch.first[1] - 0.0001];
    context = await phone(browser, { geolocation: { longitude: here[0], latitude: here[1], accuracy: 8 }, permissions: ['geolocation'] });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(server.url);

    const report = page.getByRole('link', { name: 'Report a problem' });
    await report.waitFor({ timeout: 15_000 });
    await screenshot(page, 'en-home');
    await report.click();

    await chooseMyLocation(page);
    await drawTheDitch(page);
    await passTheSimilarReports(page);
    const description = await fillTheDetails(page);
    await addThePhoto(page, here);
    await giveContactDetails(page);
    await reviewAndSend(page, description);
    const { link, href } = await expectTheConfirmation(page);

    const rows = await reportsWith(description);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ geomType: 'LineString', locale: 'en', photos: 1, showName: false, email: 'resident@example.org' });
    expect(rows[0]!.answers).toEqual({ how_blocked: 'blocked', backing_up: true, water_depth_cm: 25, blocked_by: ['vegetation'] });
    expect(href).toBe(`#/reports/${rows[0]!.publicId}`);
    // The outbox is empty and the report is in "My reports".
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('groundswell.myReports') ?? '[]').length)).toBe(1);

    // The report page: the photo as a thumbnail linking to the display size.
    await link.click();
    await page.locator('h1#report-heading').waitFor();
    const thumb = page.locator('.photos a');
    expect(await thumb.getAttribute('href')).toMatch(/\/api\/photos\/[0-9a-f-]+\/display$/);
    expect(await thumb.locator('img').getAttribute('src')).toMatch(/\/thumbnail$/);
    await expect.poll(() => thumb.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'en-report-page');
    expect(errors).toEqual([]);
  });

  it('supports a report and follows it from its page', async () => {
    const ditch = await openDitch();
    await page.goto(`${server.url}/#/reports/${ditch.id}`);
    await page.locator('h1#report-heading').waitFor();
    const before = await server.database.rows<{ n: number }>(sql`select support_count as n from reports where public_id = ${ditch.id}`);
    await page.getByRole('button', { name: 'This affects me too' }).click();
    await expect.poll(() => page.locator('.support-message').textContent()).toBe('Thank you. Your support was added.');
    expect(await page.getByRole('button', { name: 'You support this report' }).getAttribute('aria-pressed')).toBe('true');
    const after = await server.database.rows<{ n: number }>(sql`select support_count as n from reports where public_id = ${ditch.id}`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);

    await page.getByLabel('Your email address').fill('neighbour@example.org');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect.poll(() => page.locator('.follow').textContent()).toContain('Check your email to confirm.');
    const subs = await server.database.rows<{ email: string }>(sql`select email from subscriptions s join reports r on r.id = s.report_id where r.public_id = ${ditch.id}`);
    expect(subs.map((s) => s.email)).toContain('neighbour@example.org');
    await screenshot(page, 'en-report-followed');

    // "Following" lists it, one tap from the home screen.
    await page.goto(`${server.url}/#/`);
    await page.getByRole('link', { name: 'Following' }).click();
    await expect.poll(() => page.locator('.cards').textContent()).toContain(ditch.id);
    expect(errors).toEqual([]);
  });
});

describe('report flow on a phone', () => {
  it('makes a report in Polish, with a place found by name', async () => {
    const pl = await phone(browser, { locale: 'pl-PL' });
    const p = await pl.newPage();
    const plErrors = watchErrors(p);
    try {
      await p.goto(server.url);
      await p.getByRole('link', { name: 'Zgłoś problem' }).click();
      await expectStep(p, 'Gdzie jest problem?');
      expect(await p.locator('html').getAttribute('lang')).toBe('pl');
      await p.getByLabel('Wyszukaj miejscowość, ulicę lub obszar').fill('Megginch');
      await p.getByRole('button', { name: 'Szukaj' }).click();
      await p.getByRole('button', { name: /^Megginch/ }).click();
      await expect.poll(() => p.locator('.chosen').textContent()).toContain('Wybrane miejsce');
      await screenshot(p, 'pl-where');
      await next(p);

      await expectStep(p, 'Na czym polega problem?');
      await p.getByRole('button', { name: 'Śmieci' }).click();

      await expectStep(p, 'Pokaż to na mapie');
      expect(await p.getByRole('radio', { name: 'Punkt' }).isChecked()).toBe(true);
      await waitForDrawing(p);
      // The point starts where the place is; the resident can keep it.
      await expect.poll(() => p.locator('.step-draw .chosen').textContent()).toContain('Zaznaczono — Punkt');
      await screenshot(p, 'pl-draw');
      await next(p);

      // Similar litter nearby or not, the details come next.
      await expect.poll(() => heading(p).textContent(), { timeout: 10_000 }).not.toBe('Pokaż to na mapie');
      if ((await heading(p).textContent()) === 'Czy to któryś z tych problemów?') await p.getByRole('button', { name: 'Mój problem jest inny, dalej' }).click();
      await expectStep(p, 'Opowiedz nam o tym');
      const description = `Przepełniony kosz przy przystanku ${Date.now()}`;
      await p.getByLabel(/Opisz problem/).fill(description);
      await p.getByRole('radio', { name: 'Około jednego worka' }).check();
      await screenshot(p, 'pl-details');
      await next(p);
      await expectStep(p, 'Dodaj zdjęcia');
      await next(p);
      await expectStep(p, 'Twoje dane kontaktowe');
      expect(await p.locator('.privacy').textContent()).toContain('Twoje dane kontaktowe widzą tylko pracownicy urzędu.');
      await next(p);
      await expectStep(p, 'Sprawdź i wyślij');
      await screenshot(p, 'pl-review');
      await p.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
      await expect.poll(() => p.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('Dziękujemy, zgłoszenie zostało wysłane');
      expect(await p.locator('.next-steps').textContent()).toContain('Odpowiedź powinna nadejść w ciągu 5 dni roboczych.');
      await screenshot(p, 'pl-sent');

      const rows = await reportsWith(description);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ geomType: 'Point', locale: 'pl', photos: 0, email: null });
      expect(rows[0]!.answers).toEqual({ amount: 'bag' });
      expect(plErrors).toEqual([]);
    } finally {
      await pl.close();
    }
  });
});

describe('report flow on a phone', () => {
  it("shows the server's field errors beside their fields when it refuses a report, and sends the corrected one once", async () => {
    // Far outside the council's area: the phone cannot know, the API refuses.
    const away = await phone(browser, { geolocation: { longitude: -1.5, latitude: 57.8, accuracy: 10 }, permissions: ['geolocation'] });
    const p = await away.newPage();
    const awayErrors = watchErrors(p);
    try {
      await p.goto(`${server.url}/#/report`);
      await expectStep(p, 'Where is the problem?');
      await p.getByRole('button', { name: 'Use my location' }).click();
      await expect.poll(() => p.locator('#where-locate-status').textContent()).toContain('Found your location');
      await next(p);
      await p.getByRole('button', { name: 'Litter' }).click();
      await expectStep(p, 'Show it on the map');
      await waitForDrawing(p);
      await next(p);
      await expectStep(p, 'Tell us about it');
      const description = `Litter on the wrong side of the hill ${Date.now()}`;
      await p.getByLabel(/Describe the problem/).fill(description);
      await next(p);
      await expectStep(p, 'Add photos');
      await next(p);
      await expectStep(p, 'Your contact details');
      await next(p);
      await expectStep(p, 'Check and send');
      await p.getByRole('button', { name: 'Send report' }).click();

      await expect.poll(() => p.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('Your report could not be sent');
      expect(await p.locator('.sent').textContent()).toContain('outside the area');
      await screenshot(p, 'en-refused');
      await p.getByRole('button', { name: 'Change the report and send again' }).click();

      // Back on the map step, the server's message beside the drawing tools, the summary focused.
      await expect.poll(() => heading(p).textContent()).toBe('Show it on the map');
      await expect.poll(() => p.locator('#draw-add-error').textContent()).toContain('outside the area');
      expect(await p.locator('#draw-add').getAttribute('aria-describedby')).toContain('draw-add-error');
      await expect.poll(() => p.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      await screenshot(p, 'en-refused-draw');

      // Moved to a place in the council's area, it goes through, once.
      await p.getByRole('button', { name: 'Back', exact: true }).click();
      await p.getByRole('button', { name: 'Back', exact: true }).click();
      await expectStep(p, 'Where is the problem?');
      await p.getByLabel('Search for a village, street or area').fill('Megginch');
      await p.getByRole('button', { name: 'Search', exact: true }).click();
      await p.getByRole('button', { name: /^Megginch/ }).click();
      await next(p);
      await p.getByRole('button', { name: 'Litter' }).click();
      await expectStep(p, 'Show it on the map');
      await next(p);
      await expect.poll(() => heading(p).textContent(), { timeout: 10_000 }).not.toBe('Show it on the map');
      await pastSimilarReports(p);
      await expectStep(p, 'Tell us about it');
      expect(await p.getByLabel(/Describe the problem/).inputValue()).toBe(description);
      for (const step of ['Add photos', 'Your contact details', 'Check and send']) {
        await next(p);
        await expectStep(p, step);
      }
      await p.getByRole('button', { name: 'Send report' }).click();
      await expect.poll(() => p.locator('h1.page-title').textContent(), { timeout: 20_000 }).toBe('Thank you, your report was sent');
      const rows = await reportsWith(description);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.geomType).toBe('Point');
      expect(awayErrors).toEqual([]);
    } finally {
      await away.close();
    }
  });

  afterAll(async () => {
    await context?.close();
  });
});
