import { REPORT_STATES, TRANSITIONS, type ReportState } from './states.ts';

/** States reached through their own action (moderate hides, merge marks a duplicate), never by a plain state change. */
export const OWN_ACTION_STATES: readonly ReportState[] = ['hidden', 'duplicate'];

/** The states an officer may choose in a plain state change from `from`, in the machine's order. */
export function stateChoices(from: ReportState): ReportState[] {
  return TRANSITIONS[from].filter((s) => !OWN_ACTION_STATES.includes(s));
}

/** The states a bulk change may set: any plain-change state except going back to `new`. */
export const BULK_STATES: readonly ReportState[] = REPORT_STATES.filter((s) => s !== 'new' && !OWN_ACTION_STATES.includes(s));
