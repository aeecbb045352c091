import { PUBLIC_STATES, type ResidentData } from '@groundswell/core';
import { residentData } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import type { Resident } from './resident.ts';

/** Everything made with the signed-in address; a report the public cannot see has no link. */
export async function myData(deps: AppDeps, resident: Resident): Promise<ResidentData> {
  const data = await residentData(deps.database, resident.email);
  const reports = data.reports.map((r) => ({ ...r, link: PUBLIC_STATES.includes(r.state) ? `${deps.config.publicUrl}/#/reports/${encodeURIComponent(r.id)}` : null }));
  return { email: resident.email, reports, follows: data.follows, mailStopped: data.mailStopped };
}
