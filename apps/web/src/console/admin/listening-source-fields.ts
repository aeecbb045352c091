/**
 * What each kind of listening source asks an administrator for: the connector's non-secret
 * settings (apps/api/src/listening/<kind>.ts) and its credential fields, which are write-only.
 */
import type { MentionSourceKind } from '@groundswell/core/rules';

export type SourceFieldType = 'text' | 'url' | 'email' | 'number' | 'boolean' | 'list' | 'select';

export interface SourceField {
  key: string;
  type: SourceFieldType;
  required?: boolean;
  options?: readonly string[];
  /** What the form starts with for a new source: the connector's own default. */
  initial?: string;
}

export const SOURCE_FIELDS: Record<MentionSourceKind, { config: readonly SourceField[]; secrets: readonly string[] }> = {
  feed: { config: [{ key: 'url', type: 'url', required: true }], secrets: [] },
  email: {
    config: [
      { key: 'host', type: 'text', required: true },
      { key: 'port', type: 'number' },
      { key: 'secure', type: 'boolean', initial: 'true' },
      { key: 'user', type: 'text', required: true },
      { key: 'mailbox', type: 'text' },
      { key: 'moveTo', type: 'text' },
      { key: 'smtpHost', type: 'text', required: true },
      { key: 'smtpPort', type: 'number' },
      { key: 'smtpUser', type: 'text' },
      { key: 'from', type: 'email', required: true },
    ],
    secrets: ['password', 'smtpPassword'],
  },
  sms: {
    config: [
      { key: 'provider', type: 'select', required: true, options: ['twilio', 'android'] },
      { key: 'number', type: 'text', required: true },
      { key: 'accountSid', type: 'text' },
      { key: 'username', type: 'text' },
      { key: 'apiUrl', type: 'url' },
    ],
    secrets: ['authToken', 'password', 'webhookSecret'],
  },
  mastodon: {
    config: [
      { key: 'instanceUrl', type: 'url', required: true },
      { key: 'hashtags', type: 'list' },
      { key: 'keywords', type: 'list' },
      { key: 'account', type: 'text' },
      { key: 'replyVisibility', type: 'select', options: ['unlisted', 'public', 'private', 'direct'] },
    ],
    secrets: ['accessToken'],
  },
  bluesky: {
    config: [
      { key: 'service', type: 'url' },
      { key: 'handle', type: 'text', required: true },
      { key: 'queries', type: 'list' },
      { key: 'mentions', type: 'boolean', initial: 'true' },
    ],
    secrets: ['appPassword'],
  },
};

/** The form's texts for a new source of a kind: its defaults. */
export function initialTexts(kind: MentionSourceKind): Record<string, string> {
  return Object.fromEntries(SOURCE_FIELDS[kind].config.filter((f) => f.initial !== undefined).map((f) => [f.key, f.initial!]));
}

/** The form's text for a stored value. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * A stored value from the form's text: numbers as numbers, booleans as booleans, empty left
 * out; a list stays one comma-separated string (the API keeps scalar settings; the connectors
 * split them).
 */
export function fieldValue(field: SourceField, text: string): unknown {
  const t = text.trim();
  if (field.type === 'boolean') return t === 'true';
  if (!t) return undefined;
  if (field.type === 'number') return Number(t);
  if (field.type === 'list')
    return t
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .join(', ');
  return t;
}

/** The config object a form sends: only the kind's fields, without the empty ones. */
export function configFrom(kind: MentionSourceKind, texts: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of SOURCE_FIELDS[kind].config) {
    const v = fieldValue(f, texts[f.key] ?? '');
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}
