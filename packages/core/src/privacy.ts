/**
 * The public privacy notice as data, generated from the settings and the retention rules the
 * server actually applies, so the page can never promise a period the jobs do not keep. The
 * web app puts each item into words in the reader's language.
 */
import { QUESTIONNAIRE_VALID_WEEKS } from './questionnaires.ts';
import { RESIDENT_LINK, RESIDENT_SESSION_DAYS } from './residents.ts';
import { PERSONAL_DATA_RETENTION, RETENTION_DAYS } from './retention.ts';

export type PeriodUnit = 'minutes' | 'days' | 'weeks' | 'months';
export interface RetentionPeriod {
  count: number;
  unit: PeriodUnit;
}

/** What is kept, and for how long; `id` names the item's words in the web catalogue. */
export type PrivacyItem =
  | { id: 'contact'; afterClosed: RetentionPeriod }
  | { id: 'follows'; unconfirmed: RetentionPeriod; afterEnded: RetentionPeriod }
  | { id: 'reports' }
  | { id: 'photos' }
  | { id: 'supports' }
  | { id: 'fixedQuestion'; askedAfter: RetentionPeriod; linkValid: RetentionPeriod }
  | { id: 'residentSignIn'; linkValid: RetentionPeriod; session: RetentionPeriod }
  | { id: 'networkAddresses'; kept: RetentionPeriod }
  | { id: 'listening'; unconverted: RetentionPeriod };

export interface PrivacySettings {
  contactRetentionMonths: number;
  fixedQuestionWeeks: number;
  /** LISTENING_RETENTION_DAYS (issue 13); the default when absent. */
  listening?: { retentionDays: number };
}

export function privacyItems(s: PrivacySettings): PrivacyItem[] {
  return [
    { id: 'contact', afterClosed: { count: s.contactRetentionMonths, unit: 'months' } },
    { id: 'follows', unconfirmed: { count: PERSONAL_DATA_RETENTION.unconfirmedFollowDays, unit: 'days' }, afterEnded: { count: PERSONAL_DATA_RETENTION.endedFollowDays, unit: 'days' } },
    { id: 'reports' },
    { id: 'photos' },
    { id: 'supports' },
    { id: 'fixedQuestion', askedAfter: { count: s.fixedQuestionWeeks, unit: 'weeks' }, linkValid: { count: QUESTIONNAIRE_VALID_WEEKS, unit: 'weeks' } },
    { id: 'residentSignIn', linkValid: { count: RESIDENT_LINK.validMinutes, unit: 'minutes' }, session: { count: RESIDENT_SESSION_DAYS, unit: 'days' } },
    { id: 'networkAddresses', kept: { count: RETENTION_DAYS.rateLimits, unit: 'days' } },
    { id: 'listening', unconverted: { count: s.listening?.retentionDays ?? PERSONAL_DATA_RETENTION.unconvertedMentionDays, unit: 'days' } },
  ];
}
