/**
 * Demo data for the Carse of Gowrie: teams, categories with their question forms,
 * community council areas, a mapped ditch network with its condition history, and a year
 * of residents' reports with their timelines.
 *
 * Deterministic: every choice comes from a seeded PRNG and every time is an offset from
 * `options.now`, so the same seed and clock give the same rows. Loaded in one transaction,
 * once: a `demo_loaded` setting records that it happened and what was loaded.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../src/connect.ts';
import { routeUnownedSegments } from '../src/assets/network.ts';
import { areas, assetEvents, assets, categories, places, reportContacts, reportEvents, reportSupports, reports, responseTemplates, settings, teams } from '../src/schema.ts';
import { CATEGORIES, RESPONSE_TEMPLATES, TEAMS } from './catalogue.ts';
import { AREAS, VILLAGES } from './geography.ts';
import { buildNetwork, conditionHistory } from './network.ts';
import { Rng } from './random.ts';
import { planReports, type MappedDitch } from './reports.ts';

export { DEMO_BBOX } from './geography.ts';
export { PUBLIC_ID_ALPHABET } from './reports.ts';

export interface DemoOptions {
  /** The clock the demo is built around: every time is an offset back from it. */
  now: Date;
  /** PRNG seed; the same seed and `now` give the same data. */
  seed?: number;
  /** How many reports (at least 54, so every category is seen in every state). */
  reports?: number;
}

export interface DemoSummary {
  categories: number;
  teams: number;
  areas: number;
  assets: number;
  reports: number;
  events: number;
}

import { DEMO_SETTING, type DemoCreated } from './marker.ts';

export { DEMO_SETTING, type DemoCreated };
export const DEFAULT_DEMO_SEED = 0x5eed_ca25;
const DEFAULT_REPORTS = 220;

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/** Loads the demo unless it is already loaded; returns what it loaded (or loaded before). */
export async function loadDemo(database: Database, options: DemoOptions): Promise<DemoSummary> {
  const existing = await storedSummary(database.db);
  if (existing) return existing;
  return database.db.transaction(async (tx) => {
    // Claim the marker first: a second loader racing this one waits here, then finds it taken.
    const claimed = await tx
      .insert(settings)
      .values({ key: DEMO_SETTING, value: { loading: true } })
      .onConflictDoNothing()
      .returning({ key: settings.key });
    if (claimed.length === 0) return (await storedSummary(tx)) ?? emptySummary();
    const { summary, created } = await load(tx, options);
    await tx
      .update(settings)
      .set({ value: { ...summary, seed: options.seed ?? DEFAULT_DEMO_SEED, now: options.now.toISOString(), created } })
      .where(eq(settings.key, DEMO_SETTING));
    return summary;
  });
}

function emptySummary(): DemoSummary {
  return { categories: 0, teams: 0, areas: 0, assets: 0, reports: 0, events: 0 };
}

/** What the demo loaded, or undefined when it is not loaded. */
export async function demoLoaded(database: Database): Promise<DemoSummary | undefined> {
  return storedSummary(database.db);
}

async function storedSummary(db: Database['db'] | Tx): Promise<DemoSummary | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, DEMO_SETTING));
  if (!row) return undefined;
  const v = row.value as Partial<DemoSummary>;
  return {
    categories: v.categories ?? 0,
    teams: v.teams ?? 0,
    areas: v.areas ?? 0,
    assets: v.assets ?? 0,
    reports: v.reports ?? 0,
    events: v.events ?? 0,
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function load(tx: Tx, options: DemoOptions): Promise<{ summary: DemoSummary; created: DemoCreated }> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = options.now;
  // Separate streams, so changing the network does not reshuffle every report.
  const networkRng = new Rng(seed);
  const reportRng = new Rng((seed ^ 0x9e3779b9) >>> 0);

  // Teams, categories and areas are looked up by code: they may exist already.
  const createdTeams = await tx
    .insert(teams)
    .values(TEAMS.map((t) => ({ ...t })))
    .onConflictDoNothing()
    .returning({ id: teams.id });
  const teamRows = await tx
    .select({ id: teams.id, code: teams.code })
    .from(teams)
    .where(
      inArray(
        teams.code,
        TEAMS.map((t) => t.code),
      ),
    );
  const teamIds = Object.fromEntries(teamRows.map((t) => [t.code, t.id])) as Record<string, number>;

  const createdCategories = await tx
    .insert(categories)
    .values(
      CATEGORIES.map((c, i) => ({
        code: c.code,
        name: c.name,
        description: c.description,
        group: c.group,
        icon: c.icon,
        color: c.color,
        geometryTypes: c.geometryTypes,
        questions: c.questions,
        responseDays: c.responseDays,
        contactRequired: c.contactRequired,
        defaultTeamId: teamIds[c.team] ?? null,
        sortOrder: (i + 1) * 10,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: categories.id });
  const categoryRows = await tx
    .select({ id: categories.id, code: categories.code })
    .from(categories)
    .where(
      inArray(
        categories.code,
        CATEGORIES.map((c) => c.code),
      ),
    );
  const categoryIds = Object.fromEntries(categoryRows.map((c) => [c.code, c.id])) as Record<string, number>;

  const createdAreas = await tx
    .insert(areas)
    .values(AREAS.map((a) => ({ code: a.code, name: a.name, kind: 'community_council', geom: { type: 'Polygon' as const, coordinates: [a.ring] } })))
    .onConflictDoNothing()
    .returning({ id: areas.id });

  // The ditch network and what inspections found.
  const network = buildNetwork(networkRng);
  const histories = network.map((a) => conditionHistory(networkRng, a, now));
  const assetRows = await tx
    .insert(assets)
    .values(
      network.map((a, i) => {
        const h = histories[i]!;
        const first = h.inspections[0]!.at;
        return {
          code: a.code,
          kind: a.kind,
          name: a.name,
          geom: { type: 'LineString' as const, coordinates: a.line },
          condition: h.condition,
          conditionAt: h.inspections[h.inspections.length - 1]!.at,
          // Mapped a little before its first inspection.
          createdAt: new Date(first.getTime() - 7 * 86_400_000),
        };
      }),
    )
    .returning({ id: assets.id, code: assets.code });
  const assetIds = new Map(assetRows.map((a) => [a.code, a.id]));
  await tx.insert(assetEvents).values(
    network.flatMap((a, i) =>
      histories[i]!.inspections.map((ins) => ({
        assetId: assetIds.get(a.code)!,
        kind: 'inspected',
        condition: ins.condition,
        actorType: 'staff' as const,
        payload: { team: 'Flooding and drainage team', ...(ins.note ? { note: ins.note } : {}) },
        createdAt: ins.at,
      })),
    ),
  );
  await tx.execute(sql`
    update assets a set area_id = (select ar.id from areas ar where ST_Intersects(ar.geom, ST_PointOnSurface(a.geom)) order by ar.id limit 1)
    where a.code in ${network.map((a) => a.code)}`);
  // Loaded after the migration that gave every segment a team: route these the same way.
  await routeUnownedSegments(
    tx,
    assetRows.map((a) => a.id),
  );

  // A year of reports.
  const ditches: MappedDitch[] = network.map((asset, i) => ({ asset, condition: histories[i]!.condition }));
  const plans = planReports(reportRng, { now, count: Math.max(54, options.reports ?? DEFAULT_REPORTS), ditches, teamIds });
  const reportIds = new Map<string, number>();
  for (const batch of chunks(plans, 250)) {
    const rows = await tx
      .insert(reports)
      .values(
        batch.map((p) => {
          const first = p.geom.type === 'Point' ? p.geom.coordinates : p.geom.type === 'LineString' ? p.geom.coordinates[0]! : p.geom.coordinates[0]![0]!;
          const category = CATEGORIES.find((c) => c.code === p.category)!;
          return {
            publicId: p.publicId,
            categoryId: categoryIds[p.category]!,
            state: p.state,
            geom: p.geom,
            // Replaced below by ST_PointOnSurface, so PostGIS decides what "on the shape" means.
            point: { type: 'Point' as const, coordinates: first },
            geomType: p.geomType,
            description: p.description,
            answers: p.answers,
            showName: p.showName,
            publicName: p.publicName,
            channel: p.channel,
            channelSource: p.channelSource,
            locale: p.locale,
            teamId: teamIds[category.team] ?? null,
            priority: p.priority,
            supportCount: p.supporters.length,
            expectedAt: p.expectedAt,
            createdAt: p.createdAt,
            updatedAt: p.updatedAt,
            acknowledgedAt: p.acknowledgedAt,
            resolvedAt: p.resolvedAt,
          };
        }),
      )
      .returning({ id: reports.id, publicId: reports.publicId });
    for (const r of rows) reportIds.set(r.publicId, r.id);
  }
  const ids = plans.map((p) => reportIds.get(p.publicId)!);
  await tx.execute(sql`
    update reports r set
      point = ST_PointOnSurface(r.geom),
      area_id = (select ar.id from areas ar where ST_Intersects(ar.geom, ST_PointOnSurface(r.geom)) order by ar.id limit 1)
    where r.id in ${ids}`);
  const merges = plans.filter((p) => p.mergedInto);
  if (merges.length) {
    const pairs = sql.join(
      merges.map((p) => sql`(${reportIds.get(p.publicId)!}::bigint, ${reportIds.get(p.mergedInto!)!}::bigint)`),
      sql`, `,
    );
    await tx.execute(sql`update reports r set merged_into_id = v.target from (values ${pairs}) as v(id, target) where r.id = v.id`);
  }

  await tx.insert(reportContacts).values(plans.map((p) => ({ reportId: reportIds.get(p.publicId)!, name: p.contact.name, email: p.contact.email, phone: p.contact.phone, createdAt: p.createdAt })));
  const supports = plans.flatMap((p) => p.supporters.map((s) => ({ reportId: reportIds.get(p.publicId)!, supporterKey: s.key, createdAt: s.at })));
  for (const batch of chunks(supports, 1000)) await tx.insert(reportSupports).values(batch);
  const events = plans.flatMap((p) =>
    p.events.map((e) => ({
      reportId: reportIds.get(p.publicId)!,
      kind: e.kind,
      actorType: e.actorType,
      actorLabel: e.actorLabel,
      public: e.public,
      payload: e.payload,
      createdAt: e.at,
    })),
  );
  for (const batch of chunks(events, 1000)) await tx.insert(reportEvents).values(batch);

  // The villages double as the gazetteer for "search a place".
  const placeRows = await tx
    .insert(places)
    .values(VILLAGES.map((v) => ({ name: v.name, kind: 'village', geom: { type: 'Point' as const, coordinates: [v.at[0], v.at[1]] as [number, number] } })))
    .returning({ id: places.id });
  const templateRows = await tx
    .insert(responseTemplates)
    .values(RESPONSE_TEMPLATES.map((t) => ({ title: t.title, body: t.body, state: t.state, categoryId: t.category ? (categoryIds[t.category] ?? null) : null })))
    .returning({ id: responseTemplates.id });

  const created: DemoCreated = {
    teams: createdTeams.map((r) => r.id),
    categories: createdCategories.map((r) => r.id),
    areas: createdAreas.map((r) => r.id),
    assets: assetRows.map((r) => r.id),
    reports: ids,
    places: placeRows.map((r) => r.id),
    templates: templateRows.map((r) => r.id),
  };
  return {
    summary: { categories: categoryRows.length, teams: teamRows.length, areas: AREAS.length, assets: network.length, reports: plans.length, events: events.length },
    created,
  };
}
export { removeDemo, type DemoRemoval } from './remove.ts';
