import { createStaff, findStaffByEmail, type Database } from '@groundswell/db';
import type { Role } from '@groundswell/core';
import { hashPassword } from './passwords.ts';

/** The demo's staff, so a newcomer can sign in to the console at once. Never loaded outside the demo. */
export const DEMO_STAFF: ReadonlyArray<{ email: string; name: string; role: Role; teams: string[] }> = [
  { email: 'admin@council.example', name: 'Morag Admin', role: 'admin', teams: [] },
  { email: 'drainage@council.example', name: 'Euan Drainage', role: 'officer', teams: ['flooding'] },
  { email: 'waste@council.example', name: 'Kasia Waste', role: 'officer', teams: ['waste'] },
  { email: 'roads@council.example', name: 'Iain Roads', role: 'officer', teams: ['roads', 'lighting'] },
];
export const DEMO_PASSWORD = 'carse-of-gowrie-demo';

export async function loadDemoStaff(database: Database): Promise<number> {
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const s of DEMO_STAFF) {
    if (await findStaffByEmail(database, s.email)) continue;
    await createStaff(database, { email: s.email, name: s.name, role: s.role, passwordHash, teamCodes: s.teams });
    created += 1;
  }
  return created;
}
