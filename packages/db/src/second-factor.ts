/** The staff second factor (TOTP secrets, recovery codes) and the sessions a person can see and end. */
import { sql } from 'drizzle-orm';
import { execRows, type Database } from './connect.ts';
import { isoTime, tsParam } from './sql-kit.ts';

export interface TotpState {
  secret: string | null;
  pendingSecret: string | null;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Signs in through the council's directory (single sign-on), whose own second factor applies. */
  directory: boolean;
}

export async function totpState(database: Database, staffId: string): Promise<TotpState | undefined> {
  const [row] = await database.rows<{ secret: string | null; pending: string | null; enabled: string | null; left: number; directory: boolean }>(sql`
    select totp_secret as secret, totp_pending_secret as pending, totp_enabled_at as enabled,
      (select count(*)::int from staff_recovery_codes r where r.staff_id = s.id and r.used_at is null) as left,
      exists (select 1 from staff_identities i where i.staff_id = s.id) as directory
    from staff_users s where s.id = ${staffId}`);
  if (!row) return undefined;
  return { secret: row.secret, pendingSecret: row.pending, enabledAt: row.enabled ? new Date(row.enabled) : null, recoveryCodesLeft: Number(row.left), directory: !!row.directory };
}

/** Starts (or restarts) setting up: the new secret waits until a code from it proves the app has it. */
export async function setPendingTotp(database: Database, staffId: string, secret: string): Promise<void> {
  await database.rows(sql`update staff_users set totp_pending_secret = ${secret} where id = ${staffId}`);
}

/**
 * The pending secret becomes the account's second factor, with fresh recovery codes (their
 * hashes), in one transaction; the step of the code that proved it is used up. False when
 * nothing was pending (another tab confirmed it first).
 */
export async function confirmTotp(database: Database, staffId: string, step: number, codeHashes: string[], at: Date): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const rows = await execRows(
      tx,
      sql`update staff_users set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled_at = ${tsParam(at)}, totp_last_step = ${step}
        where id = ${staffId} and totp_pending_secret is not null returning id`,
    );
    if (!rows.length) return false;
    await tx.execute(sql`delete from staff_recovery_codes where staff_id = ${staffId}`);
    for (const hash of codeHashes) await tx.execute(sql`insert into staff_recovery_codes (staff_id, code_hash) values (${staffId}, ${hash})`);
    return true;
  });
}

/**
 * Takes a TOTP time step for the account, atomically: only a step later than the last one
 * accepted, so the same code (or an older one) never signs in twice, even in parallel.
 */
export async function takeTotpStep(database: Database, staffId: string, step: number): Promise<boolean> {
  const rows = await database.rows(sql`update staff_users set totp_last_step = ${step}
    where id = ${staffId} and totp_secret is not null and (totp_last_step is null or totp_last_step < ${step}) returning id`);
  return rows.length > 0;
}

/** Uses up one recovery code (by its hash), atomically; false when unknown or already used. */
export async function useRecoveryCode(database: Database, staffId: string, codeHash: string, at: Date): Promise<boolean> {
  const rows = await database.rows(sql`update staff_recovery_codes set used_at = ${tsParam(at)}
    where staff_id = ${staffId} and code_hash = ${codeHash} and used_at is null returning code_hash`);
  return rows.length > 0;
}

/** Removes the second factor (an admin's reset): the account signs in with its password alone until set up again. */
export async function clearTotp(database: Database, staffId: string): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const rows = await execRows(tx, sql`update staff_users set totp_secret = null, totp_pending_secret = null, totp_enabled_at = null, totp_last_step = null where id = ${staffId} returning id`);
    await tx.execute(sql`delete from staff_recovery_codes where staff_id = ${staffId}`);
    return rows.length > 0;
  });
}

export interface SessionRow {
  /** The first 16 hex digits of the session's hash: enough to name it, useless to take it over. */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

export async function listSessions(database: Database, staffId: string, currentHash: string, now: Date): Promise<SessionRow[]> {
  return database.rows<SessionRow>(sql`
    select left(id_hash, 16) as id, ${isoTime('created_at')} as "createdAt", ${isoTime('last_seen_at')} as "lastSeenAt", user_agent as "userAgent",
      id_hash = ${currentHash} as current
    from staff_sessions where staff_id = ${staffId} and expires_at > ${tsParam(now)} order by last_seen_at desc`);
}

/** Ends one of the account's own sessions by its short id; false when it is not theirs or already gone. */
export async function endOwnSession(database: Database, staffId: string, id: string): Promise<boolean> {
  const rows = await database.rows(sql`delete from staff_sessions where staff_id = ${staffId} and left(id_hash, 16) = ${id} returning id_hash`);
  return rows.length > 0;
}
