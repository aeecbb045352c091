/** Query-string pieces every list endpoint shares: comma-separated values, checked or not. */
import { z } from 'zod';
import { parseIsoTime } from '../input-rules.ts';

const split = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `a,b,c` as a list of free codes (categories, areas, teams). */
export const commaList = (name: string) =>
  z
    .string()
    .transform(split)
    .optional()
    .meta({ description: `One or more ${name}, comma-separated` });

/**
 * `a,b,c` where each must be one of `values`; an unknown one is named with the choices.
 * `allowEmpty` accepts an empty parameter as no filter, as the console sends it.
 */
export const commaListOf = <T extends string>(values: readonly T[], name: string, options: { allowEmpty?: boolean } = {}) =>
  z.string().transform((text, ctx) => {
    const parts = split(text);
    const bad = parts.filter((p) => !values.includes(p as T));
    if (bad.length || (parts.length === 0 && !options.allowEmpty)) {
      ctx.addIssue({ code: 'custom', message: `Unknown ${name} "${bad.join(', ')}"; use one of: ${values.join(', ')}` });
      return z.NEVER;
    }
    return parts as T[];
  });

/**
 * An ISO 8601 date or date-time parameter, checked strictly (see parseIsoTime) and handed on
 * as a canonical UTC timestamp, so that what reaches SQL is always a time PostgreSQL reads.
 */
export const isoTimeParam = (name: string) =>
  z.string().transform((text, ctx) => {
    const at = parseIsoTime(text.trim());
    if (typeof at === 'string') {
      ctx.addIssue({ code: 'custom', message: `${name} ${at}` });
      return z.NEVER;
    }
    return at.toISOString();
  });
