import { HANDOFF_DEFAULT_POLL_MINUTES } from '@groundswell/core';
import type { HandoffTargetRow } from '@groundswell/db';

/** A target's settings as each method reads them; everything the admin API accepts is in core's schemas/handoff.ts. */
export interface HandoffSettings {
  /** open311: the base URL, ending before `/requests.json`. */
  endpoint: string | null;
  jurisdictionId: string | null;
  /** Our category code → their service_code; unmapped ones are sent as they are. */
  serviceCodes: Record<string, string>;
  /** Our question key → their attribute code; unmapped answers are left out. */
  attributes: Record<string, string>;
  pollMinutes: number;
  /** email: where to send when the report's team has no mailbox. */
  email: string | null;
  /** webhook: where to POST. */
  url: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const map = (v: unknown): Record<string, string> => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) : {});

export function targetSettings(target: Pick<HandoffTargetRow, 'config'>): HandoffSettings {
  const c = target.config;
  const poll = Number(c.pollMinutes);
  return {
    endpoint: str(c.endpoint)?.replace(/\/+$/, '') ?? null,
    jurisdictionId: str(c.jurisdictionId),
    serviceCodes: map(c.serviceCodes),
    attributes: map(c.attributes),
    pollMinutes: Number.isFinite(poll) && poll > 0 ? poll : HANDOFF_DEFAULT_POLL_MINUTES,
    email: str(c.email),
    url: str(c.url),
  };
}
