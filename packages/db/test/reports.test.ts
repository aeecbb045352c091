import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '@groundswell/core';
import { testDatabase } from '../src/vitest.ts';
import type { Database } from '../src/connect.ts';
import { categories, reports, reportContacts } from '../src/schema.ts';
import { listPublicReports, getPublicReport } from '../src/reports.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  const [cat] = await database.db
    .insert(categories)
    .values({ code: 'litter', name: { en: 'Litter', pl: 'Śmieci' }, geometryTypes: ['Point', 'Polygon'], responseDays: 5, contactRequired: { name: false, email: true, phone: false } })
    .returning();
  const clockwise: Geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [-3.2, 56.4],
        [-3.2, 56.41],
        [-3.19, 56.41],
        [-3.19, 56.4],
        [-3.2, 56.4],
      ],
    ],
  };
  const [r] = await database.db
    .insert(reports)
    .values({ publicId: 'abc23456', categoryId: cat!.id, geom: clockwise, point: { type: 'Point', coordinates: [-3.195, 56.405] }, geomType: 'Polygon', description: 'Bags dumped' })
    .returning();
  await database.db.insert(reportContacts).values({ reportId: r!.id, name: 'Secret Name', email: 'secret@example.org' });
  await database.db.insert(reports).values({
    publicId: 'hid23456',
    categoryId: cat!.id,
    state: 'hidden',
    geom: { type: 'Point', coordinates: [-3.1, 56.42] },
    point: { type: 'Point', coordinates: [-3.1, 56.42] },
    geomType: 'Point',
    description: 'abuse',
  });
});
afterAll(() => database?.close());

describe('public reports', () => {
  it('reads geometry back as GeoJSON with the exterior ring counter-clockwise', async () => {
    const [row] = await database.db.select().from(reports).limit(1);
    expect(row!.geom.type).toBe('Polygon');
    const ring = (row!.geom as { coordinates: number[][][] }).coordinates[0]!;
    // Shoelace: positive area means counter-clockwise in lon/lat.
    let area = 0;
    for (let i = 0; i < ring.length - 1; i++) area += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
    expect(area).toBeGreaterThan(0);
  });

  it('keeps a line in the direction it was drawn (PostGIS 3.3 reverses lines in ST_ForcePolygonCCW)', async () => {
    const line: Geometry = {
      type: 'LineString',
      coordinates: [
        [-3.2, 56.4],
        [-3.2, 56.41],
        [-3.2, 56.42],
      ],
    };
    const [cat] = await database.db.select().from(categories).limit(1);
    const [r] = await database.db
      .insert(reports)
      .values({ publicId: 'line2345', categoryId: cat!.id, state: 'hidden', geom: line, point: { type: 'Point', coordinates: [-3.2, 56.41] }, geomType: 'LineString', description: 'ditch' })
      .returning();
    expect(r!.geom).toEqual(line);
  });

  it('lists public reports inside a bbox and never hidden ones', async () => {
    const all = await listPublicReports(database, { limit: 10 });
    expect(all.rows.map((r) => r.publicId)).toEqual(['abc23456']);
    const outside = await listPublicReports(database, { limit: 10, bbox: [0, 0, 1, 1] });
    expect(outside.rows).toHaveLength(0);
    const byCategory = await listPublicReports(database, { limit: 10, categories: ['litter', 'other'], states: ['new'] });
    expect(byCategory.rows).toHaveLength(1);
    expect(await getPublicReport(database, 'hid23456')).toBeUndefined();
  });

  it('never carries contact details', async () => {
    const row = await getPublicReport(database, 'abc23456');
    expect(row?.reporterName).toBeNull();
    expect(JSON.stringify(row)).not.toMatch(/Secret Name|secret@example/);
    expect(row?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
