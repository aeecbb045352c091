/**
 * A resident's rights (UK GDPR articles 15 and 17), as staff exercise them: find everything
 * held about an email address or a phone number, export it, erase it. How a typed identifier
 * is read is decided here; the database matches on what this returns.
 */
import { residentEmail } from './residents.ts';

/** The digits that identify a phone number whatever its spacing or prefix: the national number (the last ten digits in the UK). */
export const PHONE_MATCH_DIGITS = 10;

export type Subject = { kind: 'email'; email: string } | { kind: 'phone'; digits: string };

/**
 * Reads what staff typed: an email address (trimmed, lower-cased, as residents are matched
 * everywhere) or a phone number (`+44 7700 900123`, `07700-900123`: the same number), or
 * undefined when it is neither.
 */
export function readSubject(typed: string): Subject | undefined {
  const text = typed.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { kind: 'email', email: residentEmail(text) };
  if (!/^\+?[\d\s().-]+$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7) return undefined;
  return { kind: 'phone', digits: digits.slice(-PHONE_MATCH_DIGITS) };
}
