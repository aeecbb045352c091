import { describe, expect, it } from 'vitest';
import { parseCql2Text, type Cql2Type } from '../src/cql2.ts';

const Q: Record<string, Cql2Type> = { state: 'string', category: 'string', supportCount: 'integer', createdAt: 'date-time', geometry: 'geometry' };
const ast = (text: string) => {
  const r = parseCql2Text(text, Q);
  if (!r.ok) throw new Error(`${text}: ${r.error.message} at ${r.error.position}`);
  return r.ast;
};
const error = (text: string) => {
  const r = parseCql2Text(text, Q);
  if (r.ok) throw new Error(`${text} parsed`);
  return r.error;
};

describe('CQL2 text', () => {
  it('reads comparisons, AND binding tighter than OR, NOT and parentheses', () => {
    expect(ast("state = 'fixed' AND category = 'litter'")).toEqual({
      op: 'and',
      args: [
        { op: 'compare', operator: '=', property: 'state', value: { kind: 'string', value: 'fixed' } },
        { op: 'compare', operator: '=', property: 'category', value: { kind: 'string', value: 'litter' } },
      ],
    });
    expect(ast("state = 'a' or state = 'b' and NOT (supportCount >= 3)")).toEqual({
      op: 'or',
      args: [
        { op: 'compare', operator: '=', property: 'state', value: { kind: 'string', value: 'a' } },
        {
          op: 'and',
          args: [
            { op: 'compare', operator: '=', property: 'state', value: { kind: 'string', value: 'b' } },
            { op: 'not', arg: { op: 'compare', operator: '>=', property: 'supportCount', value: { kind: 'number', value: 3 } } },
          ],
        },
      ],
    });
    for (const op of ['=', '<>', '<', '<=', '>', '>=']) expect(ast(`supportCount ${op} -2.5e1`)).toMatchObject({ operator: op, value: { value: -25 } });
  });

  it("unescapes '' in strings, reads quoted names, flips a literal on the left", () => {
    expect(ast("\"category\" = 'it''s; drop table reports'")).toMatchObject({ property: 'category', value: { value: "it's; drop table reports" } });
    expect(ast('3 < supportCount')).toMatchObject({ operator: '>', property: 'supportCount', value: { value: 3 } });
  });

  it('reads TIMESTAMP, DATE, and a plain RFC 3339 string against a date-time (as GDAL writes it)', () => {
    expect(ast("createdAt >= TIMESTAMP('2026-01-01T01:00:00+01:00')")).toMatchObject({ value: { kind: 'timestamp', value: '2026-01-01T00:00:00.000Z' } });
    expect(ast("createdAt < DATE('2026-02-28')")).toMatchObject({ value: { kind: 'date', value: '2026-02-28' } });
    expect(ast("createdAt > '2026-01-01T00:00:00Z'")).toMatchObject({ value: { kind: 'timestamp' } });
    expect(error("createdAt < DATE('2026-02-30')").message).toMatch(/not a date/);
  });

  it('reads LIKE, BETWEEN and IN, each negatable', () => {
    expect(ast("category LIKE 'lit%'")).toEqual({ op: 'like', property: 'category', pattern: 'lit%' });
    expect(ast("category NOT LIKE 'lit%'")).toEqual({ op: 'not', arg: { op: 'like', property: 'category', pattern: 'lit%' } });
    expect(ast('supportCount BETWEEN 1 AND 3')).toMatchObject({
      op: 'and',
      args: [
        { operator: '>=', value: { value: 1 } },
        { operator: '<=', value: { value: 3 } },
      ],
    });
    expect(ast("state IN ('a', 'b')")).toMatchObject({
      op: 'or',
      args: [
        { operator: '=', value: { value: 'a' } },
        { operator: '=', value: { value: 'b' } },
      ],
    });
    expect(ast("state NOT IN ('a')")).toMatchObject({ op: 'not', arg: { operator: '=' } });
    expect(error("supportCount LIKE '1%'").message).toMatch(/not text/);
    // CQL2's escapeQuote is '' or \', so a backslash before a quote never ends a string.
    expect(ast("category LIKE 'a\\''")).toMatchObject({ pattern: "a'" });
    expect(error("state NOT = 'a'").message).toMatch(/LIKE, BETWEEN or IN/);
  });

  it('reads IS NULL, IS NOT NULL, TRUE and FALSE', () => {
    expect(ast('createdAt IS NULL')).toEqual({ op: 'isNull', property: 'createdAt' });
    expect(ast('TRUE and not false')).toEqual({
      op: 'and',
      args: [
        { op: 'bool', value: true },
        { op: 'not', arg: { op: 'bool', value: false } },
      ],
    });
    expect(ast('createdAt is not null')).toEqual({ op: 'not', arg: { op: 'isNull', property: 'createdAt' } });
  });

  it('reads S_INTERSECTS with BBOX and WKT', () => {
    expect(ast('S_INTERSECTS(geometry, BBOX(-4.3, 55.8, -4.2, 55.9))')).toEqual({ op: 'intersects', property: 'geometry', geometry: { type: 'BBox', bbox: [-4.3, 55.8, -4.2, 55.9] } });
    expect(ast('s_intersects(geometry, POINT(1 2))')).toMatchObject({ geometry: { type: 'Point', coordinates: [1, 2] } });
    expect(ast('S_INTERSECTS(geometry, LINESTRING(0 0, 1 1))')).toMatchObject({
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
    });
    expect(ast('S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 0)))')).toMatchObject({ geometry: { type: 'Polygon' } });
    expect(ast('S_INTERSECTS(geometry, MULTIPOINT(0 0, 1 1))')).toMatchObject({
      geometry: {
        type: 'MultiPoint',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
    });
    expect(error('S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))').message).toMatch(/end where it starts/);
    expect(error('S_INTERSECTS(geometry, POINT(200 0))').message).toMatch(/longitude/);
    expect(error('S_INTERSECTS(state, POINT(0 0))').message).toMatch(/geometry property/);
    expect(error('S_CONTAINS(geometry, POINT(0 0))').message).toMatch(/S_INTERSECTS/);
  });

  it('refuses unknown properties, wrong types and stray text, with the position', () => {
    expect(error("owner_email = 'x'")).toMatchObject({ position: 1, token: 'owner_email' });
    expect(error("state = 'a' ; delete")).toMatchObject({ position: 13, token: ';' });
    expect(error("state = 'open")).toMatchObject({ position: 9 });
    expect(error("supportCount = '3'").message).toMatch(/a number/);
    expect(error("state = 'a' AND")).toMatchObject({ token: 'the end' });
    expect(error('state = 1 OR (state = 2').position).toBeGreaterThan(0);
    expect(error(`${'('.repeat(60)}state = 'a'${')'.repeat(60)}`).message).toMatch(/nested/);
    expect(error('toString = 1').message).toMatch(/not a queryable/);
  });
});
