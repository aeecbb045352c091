/**
 * The ditch register (CSV and GeoPackage) over the demo network, after an officer records an
 * inspection through the staff API: every live segment once, its condition on the 1-5 grade
 * with the date and source of the latest inspection, its public attached reports, and never
 * the inspector's name; the GeoPackage as GDAL reads it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONDITION_GRADE, type AssetCondition } from '@groundswell/core';
import { attachExistingReports, DITCH_REGISTER_COLUMNS } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { DEMO_PASSWORD } from '../src/staff/demo-staff.ts';
import { staffSessions } from './helpers.ts';
import { startTestServer, type TestServer } from './server.ts';
import { download, expectNoPersonalData, validateGpkg, gdal, layersOf, tempLeft } from './gis-export-helpers.ts';

let server: TestServer;
let dir: string;
let staff: ReturnType<typeof staffSessions>;
/** A live segment with public reports attached, which the test inspects. */
let code: string;
let inspectedAt: number;

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  return rows;
}

async function registerCsv() {
  const res = await fetch(`${server.url}/export/ditch-register.csv`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return { res, text, header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))) };
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  dir = mkdtempSync(join(tmpdir(), 'gs-register-'));
  // As the server does at start: the demo's line reports along mapped ditches attach to them.
  expect(await attachExistingReports(server.database)).toBeGreaterThan(0);
  const [seg] = await server.database.rows<{ code: string }>(sql`
    select a.code from assets a where a.retired_at is null
      and exists (select 1 from reports r where r.asset_id = a.id and r.state <> 'hidden') order by a.code limit 1`);
  code = seg!.code;
  staff = staffSessions({ request: (path, init) => fetch(`${server.url}${path}`, init) }, DEMO_PASSWORD, server.url);
  await staff.signIn('admin@council.example');
  inspectedAt = Date.now();
  const res = await staff.post('admin@council.example', `/api/staff/assets/${code}/inspections`, { condition: 'collapsed', note: 'Bank fallen in by the farm gate' });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GET /export/ditch-register.csv', () => {
  it('lists every live segment once with the documented columns, grades and attached public reports', async () => {
    const { res, header, rows } = await registerCsv();
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ditch-register-\d{8}\.csv"$/);
    expect(header).toEqual([...DITCH_REGISTER_COLUMNS.map((c) => c.name), 'wkt']);
    const live = await server.database.rows<{ code: string }>(sql`select code from assets where retired_at is null order by code`);
    expect(rows.map((r) => r.code)).toEqual(live.map((l) => l.code));
    for (const r of rows) {
      const grade = CONDITION_GRADE[r.condition as AssetCondition];
      expect(r.condition_grade, r.code).toBe(grade === null ? '' : String(grade));
      expect(r.wkt).toMatch(/^LINESTRING\(/);
      expect(Number(r.length_m)).toBeGreaterThan(0);
      const ids = await server.database.rows<{ public_id: string }>(sql`
        select r.public_id from reports r join assets a on a.id = r.asset_id where a.code = ${r.code} and r.state <> 'hidden' order by r.created_at, r.id`);
      expect(r.reports, r.code).toBe(String(ids.length));
      expect(r.report_ids, r.code).toBe(ids.map((i) => i.public_id).join(';'));
    }
    expect(rows.some((r) => r.condition_source === 'resident_report' || r.condition_source === 'inspection')).toBe(true);
  });

  it('shows the latest inspection: its condition, grade, date and source', async () => {
    const { rows } = await registerCsv();
    const row = rows.find((r) => r.code === code)!;
    expect(row).toMatchObject({ condition: 'collapsed', condition_grade: '5', condition_source: 'inspection' });
    for (const at of [row.condition_at, row.last_inspected_at]) {
      expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Math.abs(Date.parse(at!) - inspectedAt)).toBeLessThan(60_000);
    }
    expect(Number(row.reports)).toBeGreaterThan(0);
  });

  it('names no inspector and no resident, and leaves out hidden reports', async () => {
    const { text } = await registerCsv();
    for (const name of ['Morag', 'Euan Drainage', 'Kasia Waste', 'Iain Roads', '@council.example', 'Bank fallen in']) expect(text).not.toContain(name);
    const contacts = await server.database.rows<{ name: string | null; email: string | null }>(sql`select name, email from report_contacts`);
    for (const c of contacts) for (const v of [c.name, c.email]) if (v && v.length > 3) expect(text).not.toContain(v);
    const hidden = await server.database.rows<{ public_id: string }>(sql`select public_id from reports where state = 'hidden' and asset_id is not null`);
    for (const h of hidden) expect(text).not.toContain(h.public_id);
  });
});

describe('GET /export/ditch-register.gpkg', () => {
  it('is a GeoPackage line layer of the same rows, typed, in WGS 84, with the latest inspection', async () => {
    const file = join(dir, 'register.gpkg');
    const { res, bytes } = await download(`${server.url}/export/ditch-register.gpkg`, file);
    expect(res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    const { stdout, stderr } = await gdal('ogrinfo', ['-ro', '-so', '-al', file]);
    expect(stderr.trim()).toBe('');
    const valid = await validateGpkg(file);
    expect(`${valid.stdout}${valid.stderr}`.trim(), 'validate_gpkg').toBe('');
    const layers = layersOf(stdout);
    const { rows } = await registerCsv();
    expect(layers.ditch_register).toMatchObject({ count: rows.length, geometry: 'Line String' });
    expect(layers.ditch_register!.srs).toMatch(/ID\["EPSG",4326\]|AUTHORITY\["EPSG","4326"\]/);
    expect(layers.ditch_register!.fields).toMatchObject({
      code: 'String',
      kind: 'String',
      owner: 'String',
      length_m: 'Real',
      condition_grade: 'Integer',
      condition_at: 'DateTime',
      condition_source: 'String',
      last_inspected_at: 'DateTime',
      reports: 'Integer',
      report_ids: 'String',
    });
    expect(layers.licence!.count).toBe(1);
    const one = (await gdal('ogrinfo', ['-ro', '-al', '-q', '-where', `code = '${code}'`, file, 'ditch_register'])).stdout;
    expect(one).toContain('condition (String) = collapsed');
    expect(one).toContain('condition_grade (Integer) = 5');
    expect(one).toContain('condition_source (String) = inspection');
    expect(one).toContain(`report_ids (String) = ${rows.find((r) => r.code === code)!.report_ids}`);
    expect(bytes.toString('utf8')).not.toContain('Morag');
    expectNoPersonalData(bytes);
    expect(tempLeft(server.dataDir)).toEqual([]);
  });

  it('answers HEAD for both without a body', async () => {
    for (const path of ['/export/ditch-register.csv', '/export/ditch-register.gpkg']) {
      const res = await fetch(`${server.url}${path}`, { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
  });
});
