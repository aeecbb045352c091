/**
 * Report states and the moves between them. Open311 only knows open/closed, so every
 * state says which it is; the precise state travels alongside.
 */
export const REPORT_STATES = ['new', 'acknowledged', 'in_progress', 'action_scheduled', 'fixed', 'closed', 'duplicate', 'referred', 'hidden'] as const;

export type ReportState = (typeof REPORT_STATES)[number];

export const OPEN_STATES: readonly ReportState[] = ['new', 'acknowledged', 'in_progress', 'action_scheduled'];
export const CLOSED_STATES: readonly ReportState[] = ['fixed', 'closed', 'duplicate', 'referred', 'hidden'];
/** States the public never sees. */
export const PRIVATE_STATES: readonly ReportState[] = ['hidden'];
/** States shown on public maps and outputs. */
export const PUBLIC_STATES: readonly ReportState[] = REPORT_STATES.filter((s) => !PRIVATE_STATES.includes(s));

export function isOpen(state: ReportState): boolean {
  return OPEN_STATES.includes(state);
}

export function openness(state: ReportState): 'open' | 'closed' {
  return isOpen(state) ? 'open' : 'closed';
}

const WORK_STATES: ReportState[] = ['acknowledged', 'in_progress', 'action_scheduled'];
const END_STATES: ReportState[] = ['fixed', 'closed', 'duplicate', 'referred'];

/**
 * Allowed transitions. Any report can be hidden (moderation) and a hidden one restored to
 * where work can resume; a closed report can be reopened, because residents do come back
 * and say "it is blocked again".
 */
export const TRANSITIONS: Readonly<Record<ReportState, readonly ReportState[]>> = {
  new: [...WORK_STATES, ...END_STATES, 'hidden'],
  acknowledged: ['in_progress', 'action_scheduled', ...END_STATES, 'hidden'],
  in_progress: ['acknowledged', 'action_scheduled', ...END_STATES, 'hidden'],
  action_scheduled: ['acknowledged', 'in_progress', ...END_STATES, 'hidden'],
  fixed: ['acknowledged', 'in_progress', 'closed', 'hidden'],
  closed: ['acknowledged', 'in_progress', 'hidden'],
  duplicate: ['acknowledged', 'hidden'],
  referred: ['acknowledged', 'hidden'],
  hidden: ['new', 'acknowledged', 'closed'],
};

export function canTransition(from: ReportState, to: ReportState): boolean {
  return from !== to && TRANSITIONS[from].includes(to);
}

/** Closing a report is a conversation with the resident: these moves need a public answer. */
export function requiresPublicAnswer(to: ReportState): boolean {
  return END_STATES.includes(to);
}
