/**
 * Rules of the GIS exports (GeoPackage, zipped Shapefile, ditch register): how long column
 * names become dBase field names of at most 10 characters, how text is cut to fit a dBase
 * field, and how a segment's condition reads on the 1-5 grade a flood authority's register
 * uses. Pure. docs/exports.md and docs/ditch-register.md state the same in words.
 */
import type { AssetCondition } from './asset-rules.ts';

/** dBase III field names are at most 10 characters (the 11th byte is the terminating NUL). */
export const DBF_NAME_MAX = 10;
/** A dBase character field holds at most 254 bytes; longer text is cut (at a character boundary). */
export const DBF_TEXT_MAX_BYTES = 254;

/**
 * The fixed short names of the export columns, so that a name never changes between two
 * downloads (a QGIS project or a script keeps working). Names not listed are cut to 10
 * characters and numbered if two collide.
 */
export const DBF_FIELD_NAMES: Readonly<Record<string, string>> = {
  id: 'id',
  category: 'category',
  category_name: 'cat_name',
  state: 'state',
  status: 'status',
  description: 'descr',
  answers: 'answers',
  geometry_type: 'geom_type',
  support_count: 'supports',
  areas: 'area',
  created_at: 'created',
  updated_at: 'updated',
  acknowledged_at: 'acknowldgd',
  resolved_at: 'resolved',
  expected_at: 'expected',
  url: 'url',
  street_name: 'street',
  street_usrn: 'usrn',
  // The network and the areas.
  code: 'code',
  kind: 'kind',
  name: 'name',
  condition: 'condition',
  condition_at: 'cond_at',
  area: 'area',
  length_m: 'length_m',
  retired_at: 'retired',
};

/**
 * The dBase field name of each column, in order: the fixed name when there is one, else the
 * column's name cut to 10 characters (non-ASCII letters and symbols become `_`), with a
 * number in place of its last characters when that name is already taken. Case-insensitive
 * (dBase readers compare names without case).
 */
export function dbfFieldNames(columns: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const column of columns) {
    const wanted = (DBF_FIELD_NAMES[column] ?? column.replace(/[^A-Za-z0-9_]/g, '_')).slice(0, DBF_NAME_MAX) || 'field';
    let name = wanted;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted.slice(0, DBF_NAME_MAX - String(n).length)}${n}`;
    taken.add(name.toLowerCase());
    out.set(column, name);
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * Text as UTF-8 bytes of at most `maxBytes`, cut before the first character that does not
 * fit whole (never half a Polish letter).
 */
export function utf8Prefix(text: string, maxBytes: number = DBF_TEXT_MAX_BYTES): Uint8Array {
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  // A UTF-8 continuation byte is 10xxxxxx: step back to the start of the character it belongs to.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * The 1-5 condition grade of a flood-risk asset register (1 very good … 5 very poor, as the
 * Environment Agency's condition assessment grades): a clear channel is 1, partly blocked 3,
 * blocked 4, collapsed 5. `unknown` has no grade (null): nobody could see it.
 */
export const CONDITION_GRADE: Readonly<Record<AssetCondition, number | null>> = { clear: 1, partly_blocked: 3, blocked: 4, collapsed: 5, unknown: null };

/** Where a segment's present condition came from: the kind of the latest event that recorded one. */
export const CONDITION_SOURCES = { inspected: 'inspection', reported: 'resident_report', created: 'mapped' } as const;
export type ConditionSource = (typeof CONDITION_SOURCES)[keyof typeof CONDITION_SOURCES];

export function conditionSource(eventKind: string | null): ConditionSource | null {
  return eventKind && eventKind in CONDITION_SOURCES ? CONDITION_SOURCES[eventKind as keyof typeof CONDITION_SOURCES] : null;
}
