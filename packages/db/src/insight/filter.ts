import { sql, type SQL } from 'drizzle-orm';
import type { Period } from '@groundswell/core';
import { execRows, type Database } from '../connect.ts';
import { inList, publicReport } from '../sql-kit.ts';

/**
 * Runs an insight aggregate. On PostgreSQL: in a transaction with JIT compilation off (on a
 * million reports LLVM spends 0.5 to 1.5 s compiling these one-off aggregates, more than
 * running them; see bench/insight/RESULTS.md) and room to group and sort in memory.
 */
export async function insightRows<T>(database: Database, query: SQL): Promise<T[]> {
  if (database.kind !== 'postgres') return database.rows<T>(query);
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    return execRows<T>(tx, query);
  });
}

/** What every insight figure is filtered by. Periods are days received, inclusive, in UTC. */
export interface InsightFilter extends Period {
  categories?: string[] | undefined;
  areas?: string[] | undefined;
  teams?: string[] | undefined;
  /** The staff dashboard counts hidden reports; the public page never does. */
  includeHidden: boolean;
}

/** Midnight UTC at the start of a `YYYY-MM-DD` day, as timestamptz whatever the session's time zone. */
export const dayStart = (day: string) => sql`(${day}::date::timestamp at time zone 'UTC')`;
/** Midnight UTC after the last day of a period. */
export const dayAfter = (day: string) => sql`((${day}::date + 1)::timestamp at time zone 'UTC')`;

/** `r.created_at` inside a period. */
export function inPeriod(p: Period, column = sql`r.created_at`): SQL {
  return sql`${column} >= ${dayStart(p.from)} and ${column} < ${dayAfter(p.to)}`;
}

/** Everything but the period: category, area, team and the hidden rule. Reads `reports r`. */
export function scopeWhere(f: Omit<InsightFilter, 'from' | 'to'>): SQL {
  const parts: SQL[] = [];
  if (!f.includeHidden) parts.push(publicReport());
  if (f.categories?.length) parts.push(sql`r.category_id in (select id from categories where ${inList(sql`code`, f.categories)})`);
  if (f.areas?.length) parts.push(sql`r.area_id in (select id from areas where ${inList(sql`code`, f.areas)})`);
  if (f.teams?.length) parts.push(sql`r.team_id in (select id from teams where ${inList(sql`code`, f.teams)})`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

export function insightWhere(f: InsightFilter): SQL {
  return sql`${inPeriod(f)} and ${scopeWhere(f)}`;
}

/** `YYYY-MM` of every month a period touches, in order (months with no reports included). */
export function monthsOf(p: Period): string[] {
  const out: string[] = [];
  const [fy, fm] = p.from.split('-').map(Number) as [number, number];
  const [ty, tm] = p.to.split('-').map(Number) as [number, number];
  // Months counted from year 0, so stepping a month is adding one.
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
