/**
 * Reads over streaming replicas (DATABASE_REPLICA_URL, issue 15). Each replica gets its own
 * small postgres.js pool; a health pass every few seconds measures how far behind each one
 * is, and `database` (a `Database` like any other) sends each statement to a replica that
 * is up and within the lag bound, taking turns, or to the primary when none is. Only
 * read-only work that may be a few seconds old is given this database (see readsFrom in
 * apps/api/src/deps.ts): writes, and reads that must see their own writes, use the primary.
 *
 * How far behind: the replica has replayed up to WAL position R; the primary was at P when
 * the pass began. R >= P: no more than the time since then. Otherwise the lag is at most the
 * time since the last replayed commit (replica clock), and at most the time since this
 * process last saw the primary at a position <= R; the smaller bound is taken, so an idle
 * primary's first write does not read as a long lag.
 */
import type postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import { execRows, openPostgres, type Database, type Db } from './connect.ts';
import { isDatabaseUnavailable } from './errors.ts';

export type ReplicaState = 'ok' | 'lagging' | 'down' | 'unknown';

export interface ReplicaStatus {
  /** host:port/database, never the user or password; staff and operators only. */
  name: string;
  state: ReplicaState;
  /** Seconds behind the primary (an upper bound); null when it could not be measured. */
  lagSeconds: number | null;
  /** Replay paused on the replica (pg_wal_replay_pause). */
  paused: boolean;
  checkedAt: Date | null;
  /** Why it is down, without connection details. */
  error?: string;
}

export interface ReadPool {
  /** Where read-only work goes, statement by statement: a healthy replica in turn, else the primary. The primary itself when there are no replicas. */
  readonly database: Database;
  /**
   * The same for one unit of work (a request's reads): the replica (or primary) chosen at its
   * first statement serves all of them, so a count and its page, or an export's layers, come
   * from one snapshot of the data's history.
   */
  session(): Database;
  /** How many replicas are configured (0: every read is on the primary). */
  readonly size: number;
  /** The lag bound this pool skips replicas past. */
  readonly maxLagSeconds: number;
  /** One health pass over every replica now. */
  check(): Promise<ReplicaStatus[]>;
  /** The latest health of each replica, in the order configured. */
  status(): ReplicaStatus[];
  /** Reads (a statement, or a session's statements) given to a replica and to the primary since the start; a read rerun on the primary after its replica failed counts for the primary too. */
  served(): { replica: number; primary: number };
  /** Health passes every `checkSeconds` until close(). */
  start(): void;
  close(): Promise<void>;
}

export interface ReadPoolOptions {
  /** A replica further behind than this is skipped (REPLICA_MAX_LAG_SECONDS). */
  maxLagSeconds: number;
  /** Connections per replica. */
  maxConnections?: number;
  checkSeconds?: number;
  /** Told when a replica changes state (for the log). */
  onChange?: (status: ReplicaStatus, before: ReplicaState) => void;
}

/** A WAL position ("16/B374D848") as a number of bytes. */
export function lsnBytes(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** Errors after which the same read is worth asking of the primary: the replica is gone, or replay cancelled the query. */
function primaryCanAnswer(err: unknown): boolean {
  if (isDatabaseUnavailable(err)) return true;
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // 40001 with "conflict with recovery", 57P04 database dropped: hot standby conflicts.
    const code = (e as { code?: unknown }).code;
    if (code === '57P04' || (code === '40001' && /recovery/i.test(String((e as { message?: unknown }).message)))) return true;
  }
  return false;
}

function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

interface Replica {
  status: ReplicaStatus;
  client: postgres.Sql;
  database: Database;
}

export async function openReadPool(primary: Database, urls: readonly string[], options: ReadPoolOptions): Promise<ReadPool> {
  const checkMs = (options.checkSeconds ?? 5) * 1000;
  const served = { replica: 0, primary: 0 };
  if (urls.length === 0 || primary.kind !== 'postgres') {
    // No replica (and never on PGlite): reads are the primary's, exactly as before.
    return {
      database: primary,
      session: () => primary,
      size: 0,
      maxLagSeconds: options.maxLagSeconds,
      check: async () => [],
      status: () => [],
      served: () => ({ ...served }),
      start() {},
      close: async () => {},
    };
  }

  const replicas: Replica[] = urls.map((url) => {
    const { client, db } = openPostgres(url, options.maxConnections ?? 4);
    const status: ReplicaStatus = { name: replicaName(url), state: 'unknown', lagSeconds: null, paused: false, checkedAt: null };
    const replica: Replica = { status, client, database: undefined as unknown as Database };
    replica.database = withFallback(replica, db);
    return replica;
  });

  const setState = (replica: Replica, next: Partial<ReplicaStatus> & { state: ReplicaState }) => {
    const before = replica.status.state;
    Object.assign(replica.status, { error: undefined }, next, { checkedAt: new Date() });
    if (before !== next.state) options.onChange?.({ ...replica.status }, before);
  };

  /**
   * A replica's database whose raw statements and transactions go to the primary when the
   * replica turns out to be gone (or cancels the read for replay), marking it down at once,
   * so a replica stopping between health passes costs no failed request. A transaction falls
   * back only if it had not started running its body.
   */
  function withFallback(replica: Replica, db: Db): Database {
    const fallback = (err: unknown) => {
      if (!primaryCanAnswer(err)) return false;
      if (isDatabaseUnavailable(err)) setState(replica, { state: 'down', lagSeconds: null, error: 'connection failed' });
      served.primary += 1;
      return true;
    };
    const guarded = Object.create(db, {
      execute: {
        value: (query: SQL) =>
          Promise.resolve(db.execute(query)).catch((err: unknown) => {
            if (fallback(err)) return primary.db.execute(query);
            throw err;
          }),
      },
      transaction: {
        value: (body: (tx: unknown) => Promise<unknown>, config?: unknown) => {
          let began = false;
          const run = (tx: unknown) => {
            began = true;
            return body(tx);
          };
          return db.transaction(run as never, config as never).catch((err: unknown) => {
            if (!began && fallback(err)) return primary.db.transaction(body as never, config as never);
            throw err;
          });
        },
      },
    }) as Db;
    return {
      db: guarded,
      kind: 'postgres',
      rows: (query) => execRows(guarded, query),
      migrate: () => Promise.reject(new Error('a replica is read-only: migrate the primary')),
      close: () => replica.client.end({ timeout: 5 }),
    };
  }

  // The primary's WAL position as this process saw it at each health pass, newest last.
  const seen: Array<{ at: number; lsn: bigint }> = [];

  /**
   * Which database a connection reaches: its name and its cluster's system identifier (the
   * same on a streaming replica as on its primary, different on any other cluster). A replica
   * URL naming another database, or a standby of another primary, would pass every lag check
   * and then answer reads with missing tables or someone else's rows: it is refused as down.
   * The identifier needs pg_control_system(), which a restricted role may not run: then only
   * the name is compared.
   */
  const identity = async (run: (text: string) => Promise<ReadonlyArray<Record<string, unknown>>>): Promise<{ database: string; system: string | null }> => {
    const both = await run('select current_database() as database, (select system_identifier::text from pg_control_system()) as system').catch(() => null);
    if (both) return { database: String(both[0]?.database), system: String(both[0]?.system ?? '') || null };
    const [named] = await run('select current_database() as database');
    return { database: String(named?.database), system: null };
  };
  let primaryIdentity: { database: string; system: string | null } | undefined;
  const sameDatabase = (a: { database: string; system: string | null }, b: { database: string; system: string | null }) =>
    a.database === b.database && (a.system === null || b.system === null || a.system === b.system);

  const replayState = (replica: Replica) =>
    replica.client<Array<{ recovery: boolean; lsn: string | null; since_commit: number | null; paused: boolean }>>`
      select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as lsn,
        extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())::float8 as since_commit,
        case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end as paused`.then((rows) => rows[0]!);

  async function checkOne(replica: Replica, primaryLsn: bigint | null, now: number): Promise<void> {
    try {
      if (primaryIdentity) {
        const mine = await identity((text) => replica.client.unsafe(text));
        if (!sameDatabase(mine, primaryIdentity)) {
          return setState(replica, { state: 'down', lagSeconds: null, paused: false, error: "not a copy of the primary's database" });
        }
      }
      let row = await replayState(replica);
      if (!row.recovery) return setState(replica, { state: 'ok', lagSeconds: 0, paused: false });
      let replayed = row.lsn ? lsnBytes(row.lsn) : null;
      // On a busy primary a healthy replica is a few milliseconds short of the position just
      // read: one more look shortly after tells that apart from a replica that is behind.
      if (replayed !== null && primaryLsn !== null && replayed < primaryLsn && !row.paused) {
        await new Promise((r) => setTimeout(r, 100));
        row = await replayState(replica);
        replayed = row.lsn ? lsnBytes(row.lsn) : null;
      }
      let lag: number | null;
      if (replayed !== null && primaryLsn !== null && replayed >= primaryLsn) lag = (Date.now() - now) / 1000;
      else {
        const bounds: number[] = [];
        if (row.since_commit !== null) bounds.push(Math.max(0, Number(row.since_commit)));
        const caughtUp = replayed === null ? undefined : seen.findLast((s) => s.lsn <= replayed);
        if (caughtUp) bounds.push((now - caughtUp.at) / 1000);
        lag = bounds.length ? Math.min(...bounds) : null;
      }
      const state: ReplicaState = lag !== null && lag <= options.maxLagSeconds ? 'ok' : 'lagging';
      setState(replica, { state, lagSeconds: lag === null ? null : Math.round(lag * 10) / 10, paused: Boolean(row.paused) });
    } catch (err) {
      setState(replica, { state: 'down', lagSeconds: null, paused: false, error: isDatabaseUnavailable(err) ? 'connection failed' : 'health query failed' });
    }
  }

  let checking: Promise<ReplicaStatus[]> | undefined;
  async function check(): Promise<ReplicaStatus[]> {
    // Read the primary first: a replica at or past that position has everything it had.
    let primaryLsn: bigint | null = null;
    const now = Date.now();
    try {
      const [row] = await primary.rows<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`);
      primaryLsn = lsnBytes(row!.lsn);
      seen.push({ at: now, lsn: primaryLsn });
      // Ten minutes of passes is more than any useful bound.
      while (seen.length > 1 && seen[0]!.at < now - 600_000) seen.shift();
      primaryIdentity ??= await identity((text) => primary.rows(sql.raw(text)));
    } catch {
      // The primary is away: each replica's lag is then measured from its last replayed commit.
    }
    await Promise.all(replicas.map((r) => checkOne(r, primaryLsn, now)));
    return replicas.map((r) => ({ ...r.status }));
  }
  const checkOnce = () => (checking ??= check().finally(() => (checking = undefined)));

  let turn = 0;
  const pick = (): Database => {
    for (let i = 0; i < replicas.length; i++) {
      const replica = replicas[(turn + i) % replicas.length]!;
      if (replica.status.state === 'ok') {
        turn = (turn + i + 1) % replicas.length;
        served.replica += 1;
        return replica.database;
      }
    }
    served.primary += 1;
    return primary;
  };

  /** A `Database` whose every statement goes where `use` says. */
  const over = (use: () => Database): Database => ({
    get db() {
      return use().db;
    },
    kind: 'postgres',
    rows: (query) => use().rows(query),
    migrate: () => primary.migrate(),
    close: async () => {},
  });
  const database = over(pick);
  const session = (): Database => {
    let chosen: Database | undefined;
    return over(() => (chosen ??= pick()));
  };

  let timer: NodeJS.Timeout | undefined;
  await checkOnce();
  return {
    database,
    session,
    size: replicas.length,
    maxLagSeconds: options.maxLagSeconds,
    check: checkOnce,
    status: () => replicas.map((r) => ({ ...r.status })),
    served: () => ({ ...served }),
    start() {
      if (timer) return;
      timer = setInterval(() => void checkOnce(), checkMs);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      timer = undefined;
      await checking?.catch(() => undefined);
      await Promise.all(replicas.map((r) => r.client.end({ timeout: 5 })));
    },
  };
}
