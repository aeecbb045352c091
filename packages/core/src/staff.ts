import { CHANNELS } from './reports.ts';

export const ROLES = ['officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: what the authorization rules need to know about a member of staff. */
export interface StaffActor {
  id: string;
  name: string;
  role: Role;
  teamIds: number[];
  /** Set for a council system acting through the officers' use-cases (a CRM's update): the timeline records it as that system, named `name`. */
  system?: boolean;
}

/**
 * An officer works the reports of their own teams; an admin works everything. Reports with
 * no team yet (outside every routing rule) are for admins to triage.
 */
export function inRemit(actor: StaffActor, report: { teamId: number | null }): boolean {
  if (actor.role === 'admin') return true;
  return report.teamId !== null && actor.teamIds.includes(report.teamId);
}

export const isAdmin = (actor: StaffActor) => actor.role === 'admin';

export const PRIORITIES = [0, 1, 2, 3] as const; // none, low, normal, high... kept numeric for sorting

export const ASSISTED_CHANNELS = CHANNELS.filter((c) => c !== 'web' && c !== 'open311');

/** Fills {placeholders} in a response template; unknown ones are left for the officer to see. */
export function fillTemplate(body: string, values: Record<string, string | undefined>): string {
  return body.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}
