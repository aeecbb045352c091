/**
 * Staff single sign-on: the attempts between the redirect to the provider and its callback,
 * and the provider identities (issuer + subject) linked to staff accounts.
 */
import { sql } from 'drizzle-orm';
import type { Role } from '@groundswell/core';
import { execRows, type Database } from './connect.ts';
import { inList, tsParam } from './sql-kit.ts';

export interface SsoAttempt {
  codeVerifier: string;
  nonce: string;
  next: string;
}

/** Keeps an attempt until its callback; attempts nobody came back from are cleared on the way. */
export async function saveSsoAttempt(database: Database, a: SsoAttempt & { stateHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await database.rows(sql`delete from staff_sso_logins where expires_at <= ${tsParam(a.now)}`);
  await database.rows(sql`insert into staff_sso_logins (state_hash, code_verifier, nonce, next, expires_at)
    values (${a.stateHash}, ${a.codeVerifier}, ${a.nonce}, ${a.next}, ${tsParam(a.expiresAt)})`);
}

/** Takes an attempt once: a second callback with the same state finds nothing. Undefined when unknown, used or expired. */
export async function takeSsoAttempt(database: Database, stateHash: string, now: Date): Promise<SsoAttempt | undefined> {
  const [row] = await database.rows<SsoAttempt & { expired: boolean }>(sql`delete from staff_sso_logins where state_hash = ${stateHash}
    returning code_verifier as "codeVerifier", nonce, next, expires_at <= ${tsParam(now)} as expired`);
  return row && !row.expired ? { codeVerifier: row.codeVerifier, nonce: row.nonce, next: row.next } : undefined;
}

/** The account a provider's subject is linked to. */
export async function findStaffIdByIdentity(database: Database, issuer: string, subject: string): Promise<string | undefined> {
  const [row] = await database.rows<{ staffId: string }>(sql`select staff_id as "staffId" from staff_identities where issuer = ${issuer} and subject = ${subject}`);
  return row?.staffId;
}

/**
 * Links a subject to an account at its first single sign-on, or notes the sign-in of one
 * already linked. False when the account is already linked to another subject of this
 * issuer: a reused email address must not take over someone's account.
 */
export async function linkStaffIdentity(database: Database, i: { staffId: string; issuer: string; subject: string; at: Date }): Promise<boolean> {
  const rows = await database.rows(sql`insert into staff_identities (issuer, subject, staff_id, created_at, last_sign_in_at)
    values (${i.issuer}, ${i.subject}, ${i.staffId}, ${tsParam(i.at)}, ${tsParam(i.at)})
    on conflict do nothing returning staff_id`);
  if (rows.length) return true;
  const touched = await database.rows(sql`update staff_identities set last_sign_in_at = ${tsParam(i.at)}
    where issuer = ${i.issuer} and subject = ${i.subject} and staff_id = ${i.staffId} returning staff_id`);
  return touched.length > 0;
}

/** An account made at a first single sign-on: it has no password, the directory vouches for it. */
export async function createSsoStaff(database: Database, s: { email: string; name: string; role: Role }): Promise<string> {
  const [row] = await database.rows<{ id: string }>(sql`insert into staff_users (email, name, role) values (${s.email}, ${s.name}, ${s.role}) returning id`);
  return row!.id;
}

/**
 * What the directory's groups say, applied at each sign-in: the teams (all of them, when
 * given) and the role. Team codes the council has not set up are left out and returned.
 */
export async function applyDirectoryGroups(database: Database, staffId: string, mapped: { teams?: string[]; role?: Role }): Promise<{ unknownTeams: string[] }> {
  return database.db.transaction(async (tx) => {
    if (mapped.role) await tx.execute(sql`update staff_users set role = ${mapped.role} where id = ${staffId}`);
    if (!mapped.teams) return { unknownTeams: [] };
    const teams = mapped.teams.length ? await execRows<{ id: number; code: string }>(tx, sql`select id, code from teams where ${inList(sql`code`, mapped.teams)}`) : [];
    await tx.execute(sql`delete from staff_teams where staff_id = ${staffId}`);
    for (const t of teams) await tx.execute(sql`insert into staff_teams (staff_id, team_id) values (${staffId}, ${t.id})`);
    return { unknownTeams: mapped.teams.filter((c) => !teams.some((t) => t.code === c)) };
  });
}
