export type { PublicEvent, PublicReportProperties, ReportInput, ReportQuery } from './schemas/reports.ts';

export const CHANNELS = ['web', 'phone', 'email', 'in_person', 'social_media', 'open311', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_KINDS = [
  'created',
  'state_changed',
  'public_answer',
  'internal_note',
  'assigned',
  'priority_set',
  'expected_date_set',
  'merged',
  'merged_into',
  'hidden',
  'redacted',
  'supported',
  'photo_added',
  'moved',
  'recategorised',
  'confirmed_fixed',
  'not_fixed',
  'contact_logged',
  'mention_replied',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const ACTOR_TYPES = ['resident', 'staff', 'system', 'api'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const MAX_DESCRIPTION = 4000;

export const MAX_LIST_LIMIT = 5000;
export const DEFAULT_LIST_LIMIT = 1000;

/** Public events that followers are told about by email; supports and photos are not news. */
export const NOTIFY_EVENT_KINDS: readonly EventKind[] = ['created', 'state_changed', 'public_answer', 'expected_date_set', 'merged_into', 'confirmed_fixed', 'not_fixed'];
