/**
 * What the public sees of whoever acted on a report: the one rule behind every public output
 * that names an actor (the report's timeline and page, Atom feeds, follower emails).
 *
 * The seeds ask officers to answer "in a human voice", so by default an officer signs with a
 * first name and their team ("Kasia, waste team"): a person, not "the council", yet nothing a
 * stranger could look the officer up by. A council may choose the team alone or the full name.
 */
import type { ActorType } from './reports.ts';

export const PUBLIC_STAFF_NAMES = ['first_name_and_team', 'team', 'full_name'] as const;
/** `PUBLIC_STAFF_NAME`: how much of an officer the public sees. */
export type PublicStaffName = (typeof PUBLIC_STAFF_NAMES)[number];
export const DEFAULT_PUBLIC_STAFF_NAME: PublicStaffName = 'first_name_and_team';

/** What is known of the actor of a timeline event. */
export interface EventActorFacts {
  type: ActorType | (string & {});
  /**
   * The label stored with the event, only for actors no staff account stands behind: an
   * Open311 client ("FixMyStreet"), or a team named by imported or seeded data.
   */
  label: string | null;
  /** The member of staff who acted (their registered name and the team they acted for, with its names in other languages), when known. */
  staff?: { name: string; team: string | null; teamNames?: Readonly<Record<string, string>> | null } | null;
}

const DEFAULT_NAMES: Record<string, string> = { resident: 'Resident', staff: 'Council', system: 'Groundswell', api: 'Council' };

/** "Waste" and "Waste team" both read "Waste team". */
export function teamLabel(team: string): string {
  const name = team.trim().replace(/\s+/g, ' ');
  return /\bteam$/i.test(name) ? name : `${name} team`;
}

/**
 * A team in the middle of a sentence: "Waste team" becomes "waste team", while a name with
 * capitals further in ("Tay Flood Partnership team") or an acronym ("CCTV team") is a proper
 * name and stays as written.
 */
function midSentence(label: string): string {
  const [first = '', ...rest] = label.split(' ');
  const properName = rest.some((w) => /^\p{Lu}/u.test(w)) || /^\p{Lu}{2}/u.test(first);
  return properName ? label : first.charAt(0).toLowerCase() + first.slice(1) + (rest.length ? ` ${rest.join(' ')}` : '');
}

/** The first word of the name staff are registered under. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/**
 * The officer for a reader of another language, with the team's name in that language. The
 * English "… team" phrasing does not translate word for word, so the team stands in brackets
 * after the person ("Kasia (Drogi)"), or alone.
 */
function officerInOtherLanguage(name: string, team: string, setting: PublicStaffName): string {
  const person = setting === 'full_name' ? name.trim().replace(/\s+/g, ' ') : firstName(name);
  return setting === 'team' || !person ? team : `${person} (${team})`;
}

/** The officer as `setting` allows; without a team, the team part falls back to "Council". */
function officerName(staff: { name: string; team: string | null }, setting: PublicStaffName): string {
  const team = staff.team?.trim() ? teamLabel(staff.team) : null;
  const person = setting === 'full_name' ? staff.name.trim().replace(/\s+/g, ' ') : firstName(staff.name);
  if (setting === 'team' || !person) return team ?? DEFAULT_NAMES.staff!;
  return team ? `${person}, ${midSentence(team)}` : person;
}

/**
 * Who did it, in public words. Residents are always "Resident" (a reporter's own name is
 * shown on the report only when they chose it); officers as `setting` allows; anyone else by
 * the label recorded with the event, or the default for their kind.
 */
export function publicActorName(actor: EventActorFacts, setting: PublicStaffName, locale = 'en'): string {
  if (actor.type === 'resident') return DEFAULT_NAMES.resident!;
  const translated = actor.staff?.teamNames?.[locale]?.trim();
  if (actor.type === 'staff' && actor.staff && translated && locale !== 'en') return officerInOtherLanguage(actor.staff.name, translated, setting);
  if (actor.type === 'staff' && actor.staff) return officerName(actor.staff, setting);
  return actor.label?.trim() || (DEFAULT_NAMES[actor.type] ?? DEFAULT_NAMES.staff!);
}
