/**
 * Takes the demo out again (`pnpm cli demo remove`): the reports, network, places and
 * templates it created, with everything hanging off them, and the teams, categories and
 * areas it created unless the council's own data now uses them. Rows that were there before
 * the demo, or that residents and staff added since, stay.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { execRows, type Database } from '../src/connect.ts';
import { settings } from '../src/schema.ts';
import { DEMO_SETTING, type DemoCreated } from './marker.ts';

export interface DemoRemoval {
  reports: number;
  assets: number;
  places: number;
  templates: number;
  categories: number;
  areas: number;
  teams: number;
  /** Created by the demo but kept because the council's own rows refer to them. */
  kept: { categories: number; areas: number; teams: number };
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

const list = (ids: number[]) =>
  ids.length
    ? sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`(null)`;

async function count(tx: Tx, statement: SQL): Promise<number> {
  const [row] = await execRows<{ n: number }>(tx, sql`with gone as (${statement} returning 1) select count(*)::int as n from gone`);
  return Number(row?.n ?? 0);
}

/** Removes what the demo created; undefined when no demo is loaded. One transaction. */
export async function removeDemo(database: Database): Promise<DemoRemoval | undefined> {
  return database.db.transaction(async (tx) => {
    const [marker] = await tx.select().from(settings).where(eq(settings.key, DEMO_SETTING)).for('update');
    if (!marker) return undefined;
    const created = (marker.value as { created?: DemoCreated }).created;
    if (!created) throw new Error('This demo was loaded by an older version that did not record what it created; remove it by hand or start from an empty database.');
    const R = list(created.reports);
    const A = list(created.assets);
    await tx.execute(sql`delete from asset_events where report_id in ${R} or asset_id in ${A}`);
    await tx.execute(sql`update reports set merged_into_id = null where merged_into_id in ${R} and id not in ${R}`);
    await tx.execute(sql`update reports set asset_id = null where asset_id in ${A}`);
    for (const table of ['photos', 'report_events', 'report_supports', 'subscriptions']) await tx.execute(sql`delete from ${sql.identifier(table)} where report_id in ${R}`);
    const removal: DemoRemoval = {
      reports: await count(tx, sql`delete from reports where id in ${R}`),
      assets: await count(tx, sql`delete from assets where id in ${A}`),
      places: await count(tx, sql`delete from places where id in ${list(created.places)}`),
      templates: await count(tx, sql`delete from response_templates where id in ${list(created.templates)}`),
      categories: await count(tx, sql`delete from categories c where c.id in ${list(created.categories)} and not exists (select 1 from reports r where r.category_id = c.id)`),
      areas: await count(
        tx,
        sql`delete from areas a where a.id in ${list(created.areas)} and not exists (select 1 from reports r where r.area_id = a.id)
          and not exists (select 1 from assets s where s.area_id = a.id) and not exists (select 1 from subscriptions f where f.area_id = a.id)`,
      ),
      teams: 0,
      kept: { categories: 0, areas: 0, teams: 0 },
    };
    removal.teams = await count(
      tx,
      sql`delete from teams t where t.id in ${list(created.teams)} and not exists (select 1 from reports r where r.team_id = t.id)
        and not exists (select 1 from categories c where c.default_team_id = t.id) and not exists (select 1 from staff_users s where s.team_id = t.id)
        and not exists (select 1 from routing_rules g where g.team_id = t.id) and not exists (select 1 from assets s where s.team_id = t.id)`,
    );
    removal.kept = { categories: created.categories.length - removal.categories, areas: created.areas.length - removal.areas, teams: created.teams.length - removal.teams };
    await tx.delete(settings).where(eq(settings.key, DEMO_SETTING));
    return removal;
  });
}
