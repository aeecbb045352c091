import { randomBytes } from 'node:crypto';
import type { Role } from '@groundswell/core';
import { createStaff, disableStaff, findStaffByEmail, type Database } from '@groundswell/db';
import { hashPassword } from './passwords.ts';

/** The demo's staff, so a newcomer can sign in to the console at once. Never loaded outside the demo. */
export const DEMO_STAFF: ReadonlyArray<{ email: string; name: string; role: Role; teams: string[] }> = [
  { email: 'admin@council.example', name: 'Morag Admin', role: 'admin', teams: [] },
  { email: 'drainage@council.example', name: 'Euan Drainage', role: 'officer', teams: ['flooding'] },
  { email: 'waste@council.example', name: 'Kasia Waste', role: 'officer', teams: ['waste'] },
  { email: 'roads@council.example', name: 'Iain Roads', role: 'officer', teams: ['roads', 'lighting'] },
];
/** Published in the README: only ever given to accounts on an embedded database at a local address. */
export const DEMO_PASSWORD = 'carse-of-gowrie-demo';

/**
 * Creates the demo's accounts that do not exist yet. With `generated` passwords each gets its
 * own random password, returned once for the operator to read and never stored in clear.
 */
export async function loadDemoStaff(database: Database, passwords: 'published' | 'generated' = 'published'): Promise<Array<{ email: string; password: string }>> {
  const created: Array<{ email: string; password: string }> = [];
  const publishedHash = passwords === 'published' ? await hashPassword(DEMO_PASSWORD) : undefined;
  for (const s of DEMO_STAFF) {
    if (await findStaffByEmail(database, s.email)) continue;
    const password = publishedHash ? DEMO_PASSWORD : randomBytes(15).toString('base64url');
    await createStaff(database, { email: s.email, name: s.name, role: s.role, passwordHash: publishedHash ?? (await hashPassword(password)), teamCodes: s.teams });
    created.push({ email: s.email, password });
  }
  return created;
}

/** Disables the demo's accounts and ends their sessions; their names stay on the timelines they wrote. */
export async function removeDemoStaff(database: Database, at: Date): Promise<number> {
  let disabled = 0;
  for (const s of DEMO_STAFF) {
    const staff = await findStaffByEmail(database, s.email);
    if (staff && !staff.disabled && (await disableStaff(database, staff.id, at))) disabled += 1;
  }
  return disabled;
}
