/**
 * The SQL fragments every repository shares, so a rule written in SQL (what is public, how
 * a box is tested, how a time is printed) has one spelling in the package.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PRIVATE_STATES, type BBox } from '@groundswell/core';

/** Literals are inlined only when they are plain identifiers, so the planner can match partial indexes and nothing can escape. */
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

function literals(values: readonly string[]): SQL {
  for (const v of values) if (!IDENTIFIER.test(v)) throw new Error(`Not a plain identifier literal: ${JSON.stringify(v)}`);
  return sql.raw(values.map((v) => `'${v}'`).join(','));
}

function envelope(w: number, s: number, e: number, n: number): SQL {
  return sql`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
}

/**
 * The geometry itself meets a WGS84 box. The `&&` envelope test comes first so the GiST
 * index is used; ST_Intersects then drops shapes whose envelope touches the box but whose
 * lines or rings do not. A box whose west is greater than its east crosses the antimeridian
 * and is tested as two boxes.
 */
export function bboxIntersects(geom: SQL, [w, s, e, n]: BBox): SQL {
  const one = (env: SQL) => sql`(${geom} && ${env} and ST_Intersects(${geom}, ${env}))`;
  if (w <= e) return one(envelope(w, s, e, n));
  return sql`(${one(envelope(w, s, 180, n))} or ${one(envelope(-180, s, e, n))})`;
}

/** The one predicate for "the public may see this report". */
export function publicReport(alias = 'r'): SQL {
  const column = sql.raw(`${alias}.state`);
  return PRIVATE_STATES.length === 1 ? sql`${column} <> ${literals(PRIVATE_STATES)}` : sql`${column} not in (${literals(PRIVATE_STATES)})`;
}

/** `column in (...)` over a set of states; the empty set matches nothing. */
export function stateIn(column: SQL, states: readonly string[]): SQL {
  if (!states.length) return sql`false`;
  return sql`${column} in (${literals(states)})`;
}

/** `column not in (...)` over a set of states; the empty set matches everything. */
export function stateNotIn(column: SQL, states: readonly string[]): SQL {
  if (!states.length) return sql`true`;
  return sql`${column} not in (${literals(states)})`;
}

/** `column in (...)` over values sent as parameters (user input); the empty list matches nothing. */
export function inList(column: SQL, values: readonly (string | number)[]): SQL {
  if (!values.length) return sql`false`;
  return sql`${column} in ${values}`;
}

/**
 * A timestamptz column as ISO 8601 UTC text, `2026-01-02T03:04:05Z` (or with `.123`
 * milliseconds), the format every JSON output uses. `column` is trusted SQL text.
 */
export function isoTime(column: string, precision: 's' | 'ms' = 's'): SQL {
  const format = precision === 'ms' ? 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"' : 'YYYY-MM-DD"T"HH24:MI:SS"Z"';
  return sql.raw(`to_char(${column} at time zone 'UTC', '${format}')`);
}

/** SQL whose value is already JSON text (or null), for `jsonObjectText` to write as it is. */
export interface JsonText {
  json: SQL;
}

/**
 * `isoTime` as a JSON string: its characters never need escaping, so it is quoted without
 * `to_json`, which costs a thousand-report list about a millisecond in embedded mode.
 */
export function isoTimeJson(column: string, precision: 's' | 'ms' = 's'): JsonText {
  return { json: sql`'"' || ${isoTime(column, precision)} || '"'` };
}

/** A time sent as a parameter and read as timestamptz. */
export function tsParam(d: Date | string): SQL {
  return sql`${typeof d === 'string' ? d : d.toISOString()}::timestamptz`;
}

/**
 * A report's answers (`r`, its category `c`) as json in the order of the category's questions,
 * as the form asked them (core `answersInFormOrder` is the same rule for the browser): jsonb
 * keeps keys sorted by length, so "depth" came before "blocked_by". Answers to questions since
 * removed come last. json, not jsonb, so the order survives to the response.
 */
export const answersInFormOrder: SQL = sql`(select coalesce(json_object_agg(e.key, e.value order by coalesce(q.n, 2147483647), e.ord), '{}'::json)
  from jsonb_each(r.answers) with ordinality e(key, value, ord)
  left join lateral (select qs.n from jsonb_array_elements(c.questions) with ordinality qs(q, n) where qs.q->>'id' = e.key limit 1) q on true)`;
