import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { seedCategory, seedReport, testApp } from './helpers.ts';

/**
 * Answers leave the API in the order the category's form asks its questions. Stored as jsonb,
 * they would come out with the shortest keys first ("depth" before "blocked_by"): the order a
 * resident never saw. Question ids here are chosen so that jsonb's order is the reverse.
 */
let ctx: Awaited<ReturnType<typeof testApp>>;
const FORM_ORDER = ['what_is_blocking', 'depth_cm', 'smell'];

beforeAll(async () => {
  ctx = await testApp();
  const category = await seedCategory(ctx.database, 'ditch_blocked');
  const question = (id: string) => ({ id, type: 'text', label: { en: id }, required: false, maxLength: 100 });
  await ctx.database.db
    .update(schema.categories)
    .set({ questions: FORM_ORDER.map(question) as never })
    .where(sql`id = ${category.id}`);
  await seedReport(
    ctx.database,
    category.id,
    { type: 'Point', coordinates: [-3.2, 56.41] },
    // An answer to a question since removed from the form comes last.
    { publicId: 'ordered1', answers: { smell: 'none', removed_q: 'old', depth_cm: '30', what_is_blocking: 'branches' } },
  );
});
afterAll(() => ctx?.close());

const expected = [...FORM_ORDER, 'removed_q'];

describe('answers in the form order', () => {
  it('in the public report', async () => {
    const body = (await (await ctx.app.request('/api/reports/ordered1')).json()) as { properties: { answers: Record<string, string> } };
    expect(Object.keys(body.properties.answers)).toEqual(expected);
  });

  it('in the GeoJSON export and the list', async () => {
    for (const path of ['/export/reports.geojson', '/api/reports?category=ditch_blocked']) {
      const body = (await (await ctx.app.request(path)).json()) as { features: Array<{ id: string; properties: { answers: Record<string, string> } }> };
      const feature = body.features.find((f) => f.id === 'ordered1' || (f.properties as { id?: string }).id === 'ordered1');
      expect(feature, path).toBeDefined();
      expect(Object.keys(feature!.properties.answers), path).toEqual(expected);
    }
  });

  it('in the CSV export', async () => {
    const text = await (await ctx.app.request('/export/reports.csv')).text();
    const line = text.split('\n').find((l) => l.startsWith('ordered1,'));
    expect(line).toBeDefined();
    const answers = /"(\{.*\})"/.exec(line!)![1]!.replaceAll('""', '"');
    expect(Object.keys(JSON.parse(answers))).toEqual(expected);
  });
});
