import { sql } from 'drizzle-orm';
import type { Role, StaffActor } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { inList, tsParam } from './sql-kit.ts';

export interface StaffRecord extends StaffActor {
  email: string;
  passwordHash: string | null;
  disabled: boolean;
}

const STAFF_COLUMNS = sql`s.id, s.email, s.name, s.role, s.password_hash as "passwordHash", s.disabled_at is not null as disabled,
  coalesce((select array_agg(t.team_id order by t.team_id) from staff_teams t where t.staff_id = s.id), '{}') as "teamIds"`;

export async function findStaffByEmail(database: Database, email: string): Promise<StaffRecord | undefined> {
  const [row] = await database.rows<StaffRecord>(sql`select ${STAFF_COLUMNS} from staff_users s where lower(s.email) = lower(${email})`);
  return row;
}

export async function createStaff(database: Database, s: { email: string; name: string; role: Role; passwordHash: string; teamCodes: string[] }): Promise<{ id: string } | { unknownTeams: string[] }> {
  return database.db.transaction(async (tx) => {
    const teams = await execRows<{ id: number; code: string }>(tx, sql`select id, code from teams where ${inList(sql`code`, s.teamCodes)}`);
    const unknown = s.teamCodes.filter((c) => !teams.some((t) => t.code === c));
    if (unknown.length) return { unknownTeams: unknown };
    const [row] = await execRows<{ id: string }>(
      tx,
      sql`
      insert into staff_users (email, name, role, password_hash) values (${s.email}, ${s.name}, ${s.role}, ${s.passwordHash}) returning id`,
    );
    for (const t of teams) await tx.execute(sql`insert into staff_teams (staff_id, team_id) values (${row!.id}, ${t.id})`);
    return { id: row!.id };
  });
}

export async function listStaff(database: Database): Promise<Array<Omit<StaffRecord, 'passwordHash'> & { secondFactor: boolean }>> {
  return database.rows(sql`select s.id, s.email, s.name, s.role, s.disabled_at is not null as disabled, s.totp_enabled_at is not null as "secondFactor",
    coalesce((select array_agg(t.team_id order by t.team_id) from staff_teams t where t.staff_id = s.id), '{}') as "teamIds"
    from staff_users s order by s.name`);
}

/** A new session, begun and last seen `at` (the app's clock, as every later touch is). */
export async function createSession(database: Database, session: { idHash: string; staffId: string; csrfToken: string; at: Date; expiresAt: Date; userAgent?: string | undefined }): Promise<void> {
  await database.rows(sql`insert into staff_sessions (id_hash, staff_id, csrf_token, created_at, last_seen_at, expires_at, user_agent)
    values (${session.idHash}, ${session.staffId}, ${session.csrfToken}, ${tsParam(session.at)}, ${tsParam(session.at)}, ${tsParam(session.expiresAt)}, ${session.userAgent ?? null})`);
}

/** The live session for a cookie, touched so idle sessions can expire; undefined when expired, unknown or disabled. */
export async function findSession(database: Database, idHash: string, now: Date): Promise<(StaffActor & { csrfToken: string; secondFactor: boolean }) | undefined> {
  const [row] = await database.rows<StaffActor & { csrfToken: string; secondFactor: boolean }>(sql`
    update staff_sessions ss set last_seen_at = ${tsParam(now)}
    from staff_users s
    where ss.id_hash = ${idHash} and s.id = ss.staff_id and ss.expires_at > ${tsParam(now)} and s.disabled_at is null
    returning s.id, s.name, s.role, ss.csrf_token as "csrfToken",
      -- An account the council's directory signs in (single sign-on) has its second factor there.
      (s.totp_enabled_at is not null or exists (select 1 from staff_identities i where i.staff_id = s.id)) as "secondFactor",
      coalesce((select array_agg(t.team_id order by t.team_id) from staff_teams t where t.staff_id = s.id), '{}') as "teamIds"`);
  return row ? { ...row, teamIds: row.teamIds.map(Number) } : undefined;
}

export async function deleteSession(database: Database, idHash: string): Promise<void> {
  await database.rows(sql`delete from staff_sessions where id_hash = ${idHash}`);
}

export async function deleteAllSessions(database: Database, staffId: string): Promise<number> {
  return (await database.rows(sql`delete from staff_sessions where staff_id = ${staffId} returning id_hash`)).length;
}

export async function recordAudit(
  database: Database,
  entry: { staffId: string | null; action: string; targetType?: string; targetId?: string; payload?: Record<string, unknown>; at: Date },
): Promise<void> {
  await database.rows(sql`insert into audit_log (staff_id, action, target_type, target_id, payload, created_at)
    values (${entry.staffId}, ${entry.action}, ${entry.targetType ?? null}, ${entry.targetId ?? null}, ${JSON.stringify(entry.payload ?? {})}::jsonb, ${tsParam(entry.at)})`);
}

/** Disables an account and ends its sessions at once. */
export async function disableStaff(database: Database, id: string, at: Date): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const rows = await execRows(tx, sql`update staff_users set disabled_at = coalesce(disabled_at, ${tsParam(at)}) where id = ${id} returning id`);
    await tx.execute(sql`delete from staff_sessions where staff_id = ${id}`);
    return rows.length > 0;
  });
}

export async function findStaffById(database: Database, id: string): Promise<StaffRecord | undefined> {
  const [row] = await database.rows<StaffRecord>(sql`select ${STAFF_COLUMNS} from staff_users s where s.id = ${id}`);
  return row;
}

/** Whether the account signed in from this address (by its hash) since `since`. */
export async function isKnownAddress(database: Database, staffId: string, addressHash: string, since: Date): Promise<boolean> {
  const rows = await database.rows(sql`select 1 from staff_known_addresses where staff_id = ${staffId} and address_hash = ${addressHash} and last_sign_in_at >= ${tsParam(since)}`);
  return rows.length > 0;
}

export async function rememberAddress(database: Database, staffId: string, addressHash: string, at: Date): Promise<void> {
  await database.rows(sql`insert into staff_known_addresses (staff_id, address_hash, last_sign_in_at) values (${staffId}, ${addressHash}, ${tsParam(at)})
    on conflict (staff_id, address_hash) do update set last_sign_in_at = excluded.last_sign_in_at`);
}

/**
 * A new password for an account: every session but `keepSession` (the one that changed it)
 * ends, and every reset link still open stops working. Returns how many sessions ended,
 * or undefined when there is no such account. A null hash leaves no password at all.
 */
export async function replacePassword(database: Database, staffId: string, passwordHash: string | null, at: Date, keepSession?: string): Promise<number | undefined> {
  return database.db.transaction(async (tx) => {
    const found = await execRows(tx, sql`update staff_users set password_hash = ${passwordHash} where id = ${staffId} returning id`);
    if (!found.length) return undefined;
    const ended = await execRows(tx, sql`delete from staff_sessions where staff_id = ${staffId} and id_hash <> ${keepSession ?? ''} returning id_hash`);
    await tx.execute(sql`update staff_password_resets set used_at = ${tsParam(at)} where staff_id = ${staffId} and used_at is null`);
    return ended.length;
  });
}

export async function createPasswordReset(database: Database, reset: { tokenHash: string; staffId: string; requestedBy: string | null; at: Date; expiresAt: Date }): Promise<void> {
  await database.rows(sql`insert into staff_password_resets (token_hash, staff_id, requested_by, created_at, expires_at)
    values (${reset.tokenHash}, ${reset.staffId}, ${reset.requestedBy}, ${tsParam(reset.at)}, ${tsParam(reset.expiresAt)})`);
}

const OPEN_RESET = (tokenHash: string, now: Date) => sql`r.token_hash = ${tokenHash} and r.used_at is null and r.expires_at > ${tsParam(now)}
  and exists (select 1 from staff_users s where s.id = r.staff_id and s.disabled_at is null)`;

/** The account of a reset link that is unused, unexpired and for an account still enabled. */
export async function findOpenPasswordReset(database: Database, tokenHash: string, now: Date): Promise<{ staffId: string } | undefined> {
  const [row] = await database.rows<{ staffId: string }>(sql`select r.staff_id as "staffId" from staff_password_resets r where ${OPEN_RESET(tokenHash, now)}`);
  return row;
}

/**
 * Uses a reset link once: in one transaction the link is spent (only if still open, so two
 * tabs cannot both use it), the password replaced, every session ended and every other link
 * closed. Undefined when the link was not open.
 */
export async function resetPasswordWithLink(database: Database, tokenHash: string, passwordHash: string, now: Date): Promise<{ staffId: string; sessionsEnded: number } | undefined> {
  return database.db.transaction(async (tx) => {
    const [spent] = await execRows<{ staffId: string }>(tx, sql`update staff_password_resets r set used_at = ${tsParam(now)} where ${OPEN_RESET(tokenHash, now)} returning r.staff_id as "staffId"`);
    if (!spent) return undefined;
    await tx.execute(sql`update staff_users set password_hash = ${passwordHash} where id = ${spent.staffId}`);
    const ended = await execRows(tx, sql`delete from staff_sessions where staff_id = ${spent.staffId} returning id_hash`);
    await tx.execute(sql`update staff_password_resets set used_at = ${tsParam(now)} where staff_id = ${spent.staffId} and used_at is null`);
    return { staffId: spent.staffId, sessionsEnded: ended.length };
  });
}
