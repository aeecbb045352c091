/**
 * The app as the connectors' end-to-end tests need it: a test database with Errol's area,
 * places and keyword rules, an admin who adds sources and an officer who answers.
 */
import { expect } from 'vitest';
import { createStaff } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { hashPassword } from '../src/staff/passwords.ts';
import { json, staffSessions, testApp } from './helpers.ts';
import { seedListeningWorld } from './listening-fixtures.ts';

export const ADMIN = 'admin@council.example';
export const OFFICER = 'kasia.nowak@council.example';
const STAFF_PASSWORD = 'correct horse battery';

export async function listeningApp() {
  const ctx = await testApp({ listening: { secretKey: Buffer.alloc(32, 7), retentionDays: 30 } });
  await seedListeningWorld(ctx.database);
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  await ctx.database.rows(sql`insert into teams (code, name) values ('roads', 'Roads team')`);
  await createStaff(ctx.database, { email: ADMIN, name: 'Admin', role: 'admin', passwordHash, teamCodes: [] });
  await createStaff(ctx.database, { email: OFFICER, name: 'Kasia Nowak', role: 'officer', passwordHash, teamCodes: ['roads'] });
  const staff = staffSessions(ctx.app, STAFF_PASSWORD);
  await staff.signIn(ADMIN);
  await staff.signIn(OFFICER);
  /** Adds a source as an admin does; the answer names the credentials set, never their values. */
  const addSource = async (kind: string, name: string, config: Record<string, unknown>, credentials: Record<string, string>) => {
    const res = await staff.post(ADMIN, '/api/staff/listening/sources', { kind, name, config, credentials });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect([...body.credentialsSet].sort()).toEqual(Object.keys(credentials).sort());
    for (const secret of Object.values(credentials)) expect(JSON.stringify(body)).not.toContain(secret);
    return body.id as number;
  };
  /** The officer's inbox for one source. */
  const inbox = async (source: number) => (await json(await staff.get(OFFICER, `/api/staff/listening/mentions?source=${source}`))).mentions;
  const reply = (mention: number, text: string) => staff.post(OFFICER, `/api/staff/listening/mentions/${mention}/reply`, { text });
  return { ctx, staff, addSource, inbox, reply };
}
