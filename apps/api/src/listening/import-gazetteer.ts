import { DomainError, type StaffActor } from '@groundswell/core';
import { type GazetteerImportRow, importGazetteer as insertNames, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { forgetGazetteer } from './gazetteer-cache.ts';

/** OS Open Names CSV columns (the product ships them in a separate header file; a header row is skipped). */
const OS = { name1: 2, name2: 4, type: 6, localType: 7, x: 8, y: 9 } as const;

/** RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** OS Open Names: settlements and named features as places, roads as streets, postcodes; British National Grid points. */
export function osOpenNamesRows(text: string): GazetteerImportRow[] {
  const out: GazetteerImportRow[] = [];
  for (const r of csvRows(text.replace(/^\uFEFF/, ''))) {
    if (r[0] === 'ID' || r.length < 10) continue;
    const x = Number(r[OS.x]);
    const y = Number(r[OS.y]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const localType = r[OS.localType] ?? '';
    const kind = localType === 'Postcode' ? 'postcode' : /Road/.test(localType) || r[OS.type] === 'transportNetwork' ? 'street' : 'place';
    for (const name of [r[OS.name1], r[OS.name2]]) if (name?.trim()) out.push({ name: name.trim(), kind, x, y });
  }
  return out;
}

/** An OpenStreetMap extract as GeoJSON: named features (points, or the middle of their coordinates); roads are streets. */
export function osmGeoJsonRows(text: string): GazetteerImportRow[] {
  let doc: { features?: Array<{ properties?: Record<string, unknown> | null; geometry?: { type: string; coordinates: unknown } | null }> };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new DomainError('validation_failed', 'This is not GeoJSON', [{ field: 'data', message: 'Not valid JSON' }]);
  }
  const out: GazetteerImportRow[] = [];
  for (const f of doc.features ?? []) {
    const p = f.properties ?? {};
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    const flat = JSON.stringify(f.geometry?.coordinates ?? [])
      .match(/-?\d+(\.\d+)?(e-?\d+)?/gi)
      ?.map(Number);
    if (!name || !flat || flat.length < 2) continue;
    let x = 0;
    let y = 0;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      x += flat[i]!;
      y += flat[i + 1]!;
    }
    const n = Math.floor(flat.length / 2);
    out.push({ name, kind: p.highway ? 'street' : 'place', x: x / n, y: y / n });
    if (typeof p['addr:postcode'] === 'string' && f.geometry?.type === 'Point') out.push({ name: p['addr:postcode'], kind: 'postcode', x: x / n, y: y / n });
  }
  return out;
}

/** Imports names into the gazetteer the geoparser reads (OS Open Names through PostGIS from British National Grid). */
export async function importGazetteer(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor | null, input: { format: 'os-open-names' | 'geojson'; data: string; replace: boolean }) {
  const rows = input.format === 'os-open-names' ? osOpenNamesRows(input.data) : osmGeoJsonRows(input.data);
  if (!rows.length)
    throw new DomainError('validation_failed', 'No named places were found in the file', [
      { field: 'data', message: `Expected ${input.format === 'os-open-names' ? 'OS Open Names CSV rows' : 'named GeoJSON features'}` },
    ]);
  const imported = await insertNames(deps.database, rows, { bng: input.format === 'os-open-names', replace: input.replace });
  forgetGazetteer(deps.database);
  if (actor) {
    await recordAudit(deps.database, {
      staffId: actor.id,
      action: 'gazetteer_imported',
      targetType: 'gazetteer',
      payload: { format: input.format, imported, replace: input.replace },
      at: deps.clock.now(),
    });
  }
  return { imported };
}
