/**
 * Read replicas (issue 15). On PostgreSQL, against a real streaming replica of the test
 * cluster (DATABASE_REPLICA_URL; `scripts/replica-setup.sh` makes one on port 5433, as
 * .ci/run does): with replay paused, a new report is at once where it must be (its page, the
 * staff list and staff insight: the primary) and not yet in the OGC items, tiles, exports,
 * Open311 list, Atom feed and public insight (the replica); a lagging replica never makes a
 * stale tile current; past the lag bound, or stopped, reads go to the primary without a 5xx;
 * after resuming, everything shows it. On PGlite there is no replica: reads go to the one
 * database, and this file says so.
 */
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { cachedTile, connect, createStaff, openReadPool, type Database, type ReadPool } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { createApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { readsFrom } from '../src/deps.ts';
import { hashPassword } from '../src/staff/passwords.ts';
import { json, seedCategory, staffSessions, testApp } from './helpers.ts';

const TOWN: [number, number] = [-3.2, 56.39];
const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
const TILE = `/tiles/reports/16/${lon2x(TOWN[0], 16)}/${lat2y(TOWN[1], 16)}.mvt`;
const TILE_KEY = `reports/16/${lon2x(TOWN[0], 16)}/${lat2y(TOWN[1], 16)}`;
const tileIds = (bytes: Uint8Array) => {
  const l = new VectorTile(new Pbf(bytes)).layers.reports;
  return l ? Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.id)).sort() : [];
};
const report = (description: string, dx = 0) => ({
  category: 'litter',
  geometry: { type: 'Point', coordinates: [TOWN[0] + dx, TOWN[1]] },
  description,
  contact: { email: 'resident@example.org' },
});

/** The test app's clock is 2026-11-01: a period ending that day counts every new report. */
const INSIGHT = '/api/insight/volume?by=category&from=2026-10-01&to=2026-11-01';

type Ctx = Awaited<ReturnType<typeof testApp>>;
type App = Ctx['app'];

/** Where each replica-eligible read shows the report: OGC items, the tile, the GeoJSON and CSV exports, Open311's list. */
async function publicReads(app: App, publicId: string) {
  const ogc = await app.request('/ogc/collections/reports/items?limit=1000');
  const tile = await app.request(TILE);
  const geojson = await app.request('/export/reports.geojson');
  const csv = await app.request('/export/reports.csv');
  const open311 = await app.request('/open311/v2/requests.json');
  const atom = await app.request('/feeds/reports.atom');
  const insight = await app.request(INSIGHT);
  for (const res of [ogc, tile, geojson, csv, open311, atom, insight]) expect(res.status, res.url).toBe(200);
  const ogcIds = (await json(ogc)).features.map((f: { id: string }) => f.id);
  const exportIds = (await json(geojson)).features.map((f: { id: string; properties: { id?: string } }) => f.properties.id ?? f.id);
  const open311Ids = (await json(open311)).map((r: { service_request_id: string }) => r.service_request_id);
  return {
    ogc: ogcIds.includes(publicId),
    tile: tileIds(new Uint8Array(await tile.arrayBuffer())).includes(publicId),
    tileCache: tile.headers.get('x-tile-cache'),
    tileEtag: tile.headers.get('etag'),
    geojson: exportIds.includes(publicId),
    csv: (await csv.text()).includes(publicId),
    open311: open311Ids.includes(publicId),
    atom: (await atom.text()).includes(publicId),
    /** Public insight counts reports, it does not list them. */
    insightTotal: (await json(insight)).total as number,
  };
}

if (!process.env.DATABASE_URL) {
  describe('read replicas on the embedded database (PGlite)', () => {
    let ctx: Ctx;
    beforeAll(async () => {
      ctx = await testApp();
      await seedCategory(ctx.database, 'litter');
    });
    afterAll(() => ctx?.close());

    it('has no replica: a replica URL is read from the settings, but a pool over PGlite is the one database', async () => {
      expect(() => loadConfig({ DATABASE_REPLICA_URL: 'mysql://u:p@127.0.0.1:5433/gs' })).toThrow(ConfigError);
      expect(loadConfig({}).replicas).toEqual({ urls: [], maxLagSeconds: 30 });
      expect(loadConfig({ DATABASE_REPLICA_URL: ' postgres://a/gs, postgresql://b:5433/gs ', REPLICA_MAX_LAG_SECONDS: '5' }).replicas).toEqual({
        urls: ['postgres://a/gs', 'postgresql://b:5433/gs'],
        maxLagSeconds: 5,
      });
      const pool = await openReadPool(ctx.database, ['postgres://u:p@127.0.0.1:5433/gs'], { maxLagSeconds: 30 });
      expect(pool.size).toBe(0);
      expect(pool.database).toBe(ctx.database);
      expect(readsFrom(ctx.deps)).toBe(ctx.database);
      await pool.close();
    });

    it('serves a new report at once from every read, as all go to the one database; /health/replicas lists none', async () => {
      const res = await ctx.app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report('Cans by the bench')) });
      expect(res.status).toBe(201);
      const { id } = await json(res);
      expect(await publicReads(ctx.app, id)).toMatchObject({ ogc: true, tile: true, geojson: true, csv: true, open311: true, atom: true });
      const health = await json(await ctx.app.request('/health/replicas'));
      expect(health).toEqual({ replicas: [], maxLagSeconds: 30, reads: { replica: 0, primary: 0 } });
    });
  });
} else {
  describe('read replicas on PostgreSQL with a real streaming replica', () => {
    const replicaSetting = process.env.DATABASE_REPLICA_URL?.split(',')[0]?.trim();
    let ctx: Ctx;
    let replicaAdmin: Database;
    const onReplica = <T = Record<string, unknown>>(query: Parameters<Database['rows']>[0]) => replicaAdmin.rows<T>(query);
    let replicaUrl: string;
    const pools: ReadPool[] = [];
    let proxy: { server: Server; sockets: Set<Socket>; port: number } | undefined;

    /** The primary's current WAL position, then until the replica has replayed it. */
    async function caughtUp() {
      const [{ lsn }] = await ctx.database.rows<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`).then((r) => r as [{ lsn: string }]);
      for (let i = 0; i < 300; i++) {
        const [row] = await onReplica<{ done: boolean }>(sql`select pg_wal_lsn_diff(pg_last_wal_replay_lsn(), ${lsn}::pg_lsn) >= 0 as done`);
        if (row?.done) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the replica did not replay up to ${lsn} within 30 s`);
    }

    async function poolApp(url: string, maxLagSeconds: number) {
      const pool = await openReadPool(ctx.database, [url], { maxLagSeconds, maxConnections: 2 });
      pools.push(pool);
      return { pool, app: createApp({ ...ctx.deps, readDatabase: pool.database, replicas: pool }) };
    }

    const post = (app: App, body: unknown) => app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const primaryVersion = async () => {
      const [row] = await ctx.database.rows<{ version: string }>(sql`select version::text as version from tile_cache where key = ${TILE_KEY}`);
      return row?.version;
    };

    beforeAll(async () => {
      if (!replicaSetting) {
        throw new Error(
          'DATABASE_REPLICA_URL is not set: this file needs a streaming replica of the DATABASE_URL cluster (run scripts/replica-setup.sh as root, then DATABASE_REPLICA_URL=postgres://postgres:postgres@127.0.0.1:5433/postgres)',
        );
      }
      ctx = await testApp();
      // The test database was made from the template on the primary: the replica receives it through WAL.
      const name = new URL(ctx.database.url!).pathname.slice(1);
      const admin = new URL(replicaSetting);
      admin.pathname = '/postgres';
      replicaAdmin = await connect({ databaseUrl: admin.toString(), maxConnections: 1 });
      const [recovery] = await onReplica<{ r: boolean }>(sql`select pg_is_in_recovery() as r`);
      if (!recovery?.r) throw new Error(`DATABASE_REPLICA_URL (${admin.host}) is not a standby in recovery`);
      // A run that stopped half-way may have left replay paused.
      await onReplica(sql`select pg_wal_replay_resume()`);
      await seedCategory(ctx.database, 'litter');
      await createStaff(ctx.database, { email: 'admin@council.example', name: 'Admin', role: 'admin', passwordHash: await hashPassword('correct horse battery'), teamCodes: [] });
      for (let i = 0; ; i++) {
        const [row] = await onReplica(sql`select 1 from pg_database where datname = ${name}`);
        if (row) break;
        if (i === 300) throw new Error(`the test database ${name} did not reach the replica within 30 s: is it streaming from this primary?`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await caughtUp();
      const u = new URL(replicaSetting);
      u.pathname = `/${name}`;
      replicaUrl = u.toString();
    });

    afterAll(async () => {
      if (replicaAdmin) await onReplica(sql`select pg_wal_replay_resume()`).catch(() => undefined);
      for (const p of pools) await p.close();
      proxy?.server.close();
      for (const s of proxy?.sockets ?? []) s.destroy();
      await replicaAdmin?.close();
      await ctx?.close();
    });

    it('sends the public reads to the replica and, with replay paused, shows a new report at once where it must and not yet where the replica serves', async () => {
      const { pool, app } = await poolApp(replicaUrl, 30);
      expect(pool.status()).toMatchObject([{ state: 'ok', paused: false }]);
      const before = await json(await post(app, report('Bottles at the bus stop')));
      await caughtUp();
      const served = pool.served();
      const seen = await publicReads(app, before.id);
      expect(seen).toMatchObject({ ogc: true, tile: true, geojson: true, csv: true, open311: true, atom: true, tileCache: 'miss' });
      expect(pool.served().replica).toBeGreaterThan(served.replica);
      const versionBefore = seen.tileEtag!.match(/^"(\d+)-/)![1];

      await onReplica(sql`select pg_wal_replay_pause()`);
      const created = await post(app, report('Fly-tipped mattress', 0.0002));
      expect(created.status).toBe(201);
      const { id } = await json(created);
      // Where the resident and the staff must see it: the primary.
      expect((await app.request(`/api/reports/${id}`)).status).toBe(200);
      const staff = staffSessions(app, 'correct horse battery');
      await staff.signIn('admin@council.example');
      const list = await json(await staff.get('admin@council.example', '/api/staff/reports?limit=500'));
      expect(list.reports.map((r: { id: string }) => r.id)).toContain(id);
      const staffInsight = await json(await staff.get('admin@council.example', INSIGHT.replace('/api/insight', '/api/staff/insight')));
      expect(staffInsight.total).toBe(seen.insightTotal + 1);

      // Where the replica serves: not yet. The tile is rendered there under the replica's
      // own (older) data version, so it is stored below the primary's and never hit.
      const paused = await publicReads(app, id);
      expect(paused).toMatchObject({ ogc: false, tile: false, geojson: false, csv: false, open311: false, atom: false, tileCache: 'miss' });
      expect(paused.insightTotal).toBe(seen.insightTotal);
      expect(paused.tileEtag).toMatch(new RegExp(`^"${versionBefore}-`));
      expect(await primaryVersion()).toBe(versionBefore);
      const current = await cachedTile(ctx.database, TILE_KEY, 16, lon2x(TOWN[0], 16), lat2y(TOWN[1], 16));
      expect(BigInt(current.version)).toBeGreaterThan(BigInt(versionBefore!));
      expect(current.body).toBeNull();
      const again = await app.request(TILE);
      expect(again.headers.get('x-tile-cache')).toBe('miss');
      expect(tileIds(new Uint8Array(await again.arrayBuffer()))).not.toContain(id);
      expect((await pool.check())[0]).toMatchObject({ state: 'ok', paused: true });

      await onReplica(sql`select pg_wal_replay_resume()`);
      await caughtUp();
      await pool.check();
      const resumed = await publicReads(app, id);
      expect(resumed).toMatchObject({ ogc: true, tile: true, geojson: true, csv: true, open311: true, atom: true, tileCache: 'miss' });
      expect(resumed.insightTotal).toBe(seen.insightTotal + 1);
      expect(resumed.tileEtag).not.toBe(paused.tileEtag);
      const hit = await app.request(TILE);
      expect(hit.headers.get('x-tile-cache')).toBe('hit');
      expect(hit.headers.get('etag')).toBe(resumed.tileEtag);
      expect(tileIds(new Uint8Array(await hit.arrayBuffer()))).toContain(id);
    });

    it('skips a replica lagging past REPLICA_MAX_LAG_SECONDS: its reads go to the primary, and /health/replicas says so without naming hosts', async () => {
      const { pool, app } = await poolApp(replicaUrl, 1);
      await onReplica(sql`select pg_wal_replay_pause()`);
      try {
        const { id } = await json(await post(app, report('Broken glass', -0.0002)));
        await new Promise((r) => setTimeout(r, 1500));
        const [status] = await pool.check();
        expect(status).toMatchObject({ state: 'lagging', paused: true });
        expect(status!.lagSeconds).toBeGreaterThan(1);
        const served = pool.served();
        expect(await publicReads(app, id)).toMatchObject({ ogc: true, tile: true, geojson: true, csv: true, open311: true, atom: true });
        expect(pool.served().replica).toBe(served.replica);
        expect(pool.served().primary).toBeGreaterThan(served.primary);
        const health = await json(await app.request('/health/replicas'));
        expect(health).toMatchObject({ maxLagSeconds: 1, replicas: [{ replica: 1, state: 'lagging', paused: true }] });
        expect(JSON.stringify(health)).not.toContain('127.0.0.1');
      } finally {
        await onReplica(sql`select pg_wal_replay_resume()`);
      }
      await caughtUp();
      // Other tests keep the primary writing: a pass or two may still find it a moment behind.
      let status = (await pool.check())[0];
      for (let i = 0; i < 50 && status?.state !== 'ok'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await pool.check())[0];
      }
      expect(status).toMatchObject({ state: 'ok', paused: false });
      expect(status!.lagSeconds).toBeLessThanOrEqual(1);
    });

    it('falls back to the primary when a replica stops between health passes, and when it is down at start: no 5xx', async () => {
      // The replica reached through a TCP proxy this test can cut, as a replica that stops would.
      const sockets = new Set<Socket>();
      const target = new URL(replicaUrl);
      const server = createServer((client) => {
        const upstream = netConnect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as { port: number }).port;
      proxy = { server, sockets, port };
      const through = new URL(replicaUrl);
      through.host = `127.0.0.1:${port}`;
      const { pool, app } = await poolApp(through.toString(), 30);
      expect(pool.status()[0]!.state).toBe('ok');
      const { id } = await json(await post(app, report('Dumped tyres', 0.0004)));
      await caughtUp();
      const first = pool.served();
      expect((await publicReads(app, id)).ogc).toBe(true);
      expect(pool.served().replica).toBeGreaterThan(first.replica);
      // The public evidence figures (issue 13) are read there too: one read each.
      const evidence = ['/api/insight/listening', '/api/insight/chasers', '/api/insight/calls'].map((p) => `${p}?from=2026-10-01&to=2026-11-01`);
      const beforeEvidence = pool.served().replica;
      for (const path of evidence) expect((await app.request(path)).status, path).toBe(200);
      expect(pool.served().replica).toBe(beforeEvidence + evidence.length);
      // So is the public conversation map (its counts and its area outlines).
      const beforeMap = pool.served();
      expect((await app.request('/api/insight/conversations?from=2026-10-01&to=2026-11-01')).status).toBe(200);
      expect(pool.served().replica).toBeGreaterThan(beforeMap.replica);
      expect(pool.served().primary).toBe(beforeMap.primary);

      await new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      });
      const afterStop = pool.served();
      expect(await publicReads(app, id)).toMatchObject({ ogc: true, tile: true, geojson: true, csv: true, open311: true, atom: true });
      expect(pool.status()[0]).toMatchObject({ state: 'down', error: 'connection failed' });
      expect(pool.served().primary).toBeGreaterThan(afterStop.primary);
      for (const path of evidence) expect((await app.request(path)).status, path).toBe(200);
      expect((await pool.check())[0]!.state).toBe('down');

      // A replica that is not there at all when the process starts.
      const gone = new URL(replicaUrl);
      gone.host = `127.0.0.1:${port}`;
      const down = await poolApp(gone.toString(), 30);
      expect(down.pool.status()[0]).toMatchObject({ state: 'down', lagSeconds: null });
      expect(await publicReads(down.app, id)).toMatchObject({ ogc: true, geojson: true });
      expect((await json(await down.app.request('/health/replicas'))).replicas).toMatchObject([{ replica: 1, state: 'down' }]);
    });

    it("refuses a replica URL naming another database than the primary's: down, every read from the primary, no 5xx", async () => {
      // The replica's own postgres database: a real standby in recovery, within the lag bound, but not this database.
      const other = new URL(replicaUrl);
      other.pathname = '/postgres';
      const { pool, app } = await poolApp(other.toString(), 30);
      expect(pool.status()[0]).toMatchObject({ state: 'down', lagSeconds: null, error: "not a copy of the primary's database" });
      const { id } = await json(await post(app, report('Abandoned trolley', -0.0004)));
      const served = pool.served();
      expect(await publicReads(app, id)).toMatchObject({ ogc: true, tile: true, geojson: true, csv: true, open311: true, atom: true });
      expect(pool.served().replica).toBe(served.replica);
      expect((await json(await app.request('/health/replicas'))).replicas).toMatchObject([{ replica: 1, state: 'down', error: "not a copy of the primary's database" }]);
      // The right database on the same standby is taken.
      const { pool: right } = await poolApp(replicaUrl, 30);
      expect(right.status()[0]!.state).toBe('ok');
    });

    it('takes turns over several replicas, one replica for all the reads of a session (a request)', async () => {
      const named = (n: string) => `${replicaUrl}${replicaUrl.includes('?') ? '&' : '?'}application_name=${n}`;
      const pool = await openReadPool(ctx.database, [named('replica-one'), named('replica-two')], { maxLagSeconds: 30, maxConnections: 1 });
      pools.push(pool);
      expect(pool.status().map((r) => r.state)).toEqual(['ok', 'ok']);
      const who = async (db: Database) => (await db.rows<{ n: string; standby: boolean }>(sql`select current_setting('application_name') as n, pg_is_in_recovery() as standby`))[0]!;
      const [first, second] = [pool.session(), pool.session()];
      const seen = [await who(first), await who(second), await who(first), await who(second), await who(first)];
      expect(seen.every((r) => r.standby)).toBe(true);
      expect(seen.map((r) => r.n)).toEqual(['replica-one', 'replica-two', 'replica-one', 'replica-two', 'replica-one']);
      const statements = [await who(pool.database), await who(pool.database)].map((r) => r.n).sort();
      expect(statements).toEqual(['replica-one', 'replica-two']);
      expect(pool.served()).toEqual({ replica: 4, primary: 0 });
    });

    it('reports each replica by host in the Prometheus metrics (operators only)', async () => {
      const token = 'replica-metrics-token-0123456789';
      const pool = await openReadPool(ctx.database, [replicaUrl], { maxLagSeconds: 30, maxConnections: 1 });
      pools.push(pool);
      const app = createApp({ ...ctx.deps, config: { ...ctx.deps.config, metricsToken: token }, readDatabase: pool.database, replicas: pool });
      await app.request('/ogc/collections/reports/items');
      const text = await (await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } })).text();
      const host = new URL(replicaUrl);
      expect(text).toMatch(new RegExp(`groundswell_replica_lag_seconds\\{replica="${host.hostname}:${host.port}/[^"]+"\\} 0(\\.\\d+)?\n`));
      expect(text).toMatch(/groundswell_replica_up\{replica="[^"]+",state="ok"\} 1/);
      expect(text).toMatch(/groundswell_replica_eligible_reads_total\{served_by="replica"\} [1-9]/);
    });
  });
}
