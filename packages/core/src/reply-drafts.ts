/**
 * Reply drafts for the listening inbox: answered where it was said, in the mention's language,
 * in a person's voice ("Kasia, Waste team", never "the council"), within the platform's length,
 * with the public report link. The officer edits the draft before it is sent.
 */
import { type ListeningLanguage, type MentionSourceKind, REPLY_LIMITS } from './listening.ts';

export type ReplyPurpose = 'acknowledge' | 'report_created' | 'attached' | 'state_changed';
export const REPLY_PURPOSES: readonly ReplyPurpose[] = ['acknowledge', 'report_created', 'attached', 'state_changed'];

export interface ReplyDraftInput {
  language: ListeningLanguage;
  source: MentionSourceKind;
  purpose: ReplyPurpose;
  officer: { firstName: string; team: string | null };
  reportUrl: string | null;
  reportRef?: string | null;
  categoryName?: string | null;
  stateLabel?: string | null;
  /** ISO date (YYYY-MM-DD) the work is expected by. */
  expectedDate?: string | null;
  /**
   * A per-category override with {placeholders}: {firstName} {team} {signature} {reportUrl}
   * {reportRef} {category} {state} {expectedDate}. The link and the signature are added when
   * the template leaves them out.
   */
  template?: string | null;
}

let segmenter: Intl.Segmenter | undefined;

/** What a person counts as one character: "👍🏽" and "ą" (even decomposed) are one each. */
export function graphemeLength(text: string): number {
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** The GSM 03.38 alphabet (with its extension table): a text outside it goes as UCS-2, 67 per part. */
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;
/** Mastodon counts every link as 23 characters, whatever its length. */
const MASTODON_URL_LENGTH = 23;

/**
 * How long a reply is in the platform's own count: graphemes, except that Mastodon counts each
 * link as 23, and that an SMS with any letter outside GSM-7 (Polish "ą", an emoji) is sent as
 * UCS-2, where three parts hold 201 characters instead of 459 (counted here as the excess).
 */
export function replyLength(source: MentionSourceKind, text: string): number {
  if (source === 'mastodon') {
    let n = 0;
    const rest = text.replace(/https?:\/\/\S+/g, () => {
      n += MASTODON_URL_LENGTH;
      return '';
    });
    return n + graphemeLength(rest);
  }
  if (source === 'sms' && !GSM7.test(text)) {
    // UCS-2 counts UTF-16 units; scaled so the shared limit (459) stands for 201 of them.
    return Math.ceil((text.length * REPLY_LIMITS.sms) / 201);
  }
  return graphemeLength(text);
}

export function fitsReplyLimit(source: MentionSourceKind, text: string): boolean {
  return replyLength(source, text) <= REPLY_LIMITS[source];
}

function formatDate(iso: string, language: ListeningLanguage): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
}

/** "Kasia, Waste team" / "Kasia, zespół Waste"; a team already called "… team" is not doubled. */
export function replySignature(language: ListeningLanguage, officer: { firstName: string; team: string | null }): string {
  const name = officer.firstName.trim();
  const team = officer.team
    ?.trim()
    .replace(/\s+(team|zespół)$/i, '')
    .replace(/^(zespół)\s+/i, '');
  if (!team) return name;
  return language === 'pl' ? `${name}, zespół ${team}` : `${name}, ${team} team`;
}

interface Parts {
  body: string;
  /** The sentence that carries the link; "" without a link. */
  link: string;
}

function defaultParts(input: ReplyDraftInput, date: string | null): Parts {
  const ref = input.reportRef ? ` (${input.reportRef})` : '';
  const category = input.categoryName?.trim() || null;
  const url = input.reportUrl;
  if (input.language === 'pl') {
    const link = url ? `Postęp można śledzić tutaj: ${url}` : '';
    switch (input.purpose) {
      case 'acknowledge':
        return { body: 'Dziękuję za informację. Sprawa trafiła do właściwego zespołu i zajmiemy się nią.', link };
      case 'report_created':
        return {
          body: `Dziękuję za informację. Założyliśmy zgłoszenie${ref}${category ? ` w kategorii „${category}”` : ''}${date ? ` i planujemy zająć się nim do ${date}` : ''}.`,
          link,
        };
      case 'attached':
        return { body: `Dziękuję. Ten problem był już zgłoszony, więc dołączyliśmy tę informację do istniejącego zgłoszenia${ref}.`, link };
      case 'state_changed':
        return {
          body: `Aktualizacja w sprawie zgłoszenia${ref}${input.stateLabel ? `: status to teraz „${input.stateLabel}”` : ''}${date ? `, planowany termin: ${date}` : ''}.`,
          link: url ? `Szczegóły: ${url}` : '',
        };
    }
  }
  const link = url ? `You can follow it here: ${url}` : '';
  switch (input.purpose) {
    case 'acknowledge':
      return { body: "Thanks for letting us know. I've passed this to the right people and we'll look into it.", link };
    case 'report_created':
      return {
        body: `Thanks for letting us know. I've logged it as a ${category ? `${category.toLowerCase()} ` : ''}report${ref}${date ? ` and we expect to deal with it by ${date}` : ''}.`,
        link,
      };
    case 'attached':
      return { body: `Thanks. This has already been reported, so I've added what you told us to that report${ref}.`, link };
    case 'state_changed':
      return {
        body: `An update on the ${category ? category.toLowerCase() : 'problem'} you told us about${ref}${input.stateLabel ? `: it's now ${input.stateLabel.toLowerCase()}` : ''}${date ? `, expected by ${date}` : ''}.`,
        link: url ? `Details: ${url}` : '',
      };
  }
}

function fill(template: string, values: Record<string, string>): string {
  // An unknown placeholder ("{nmae}") is dropped rather than sent to a resident as written.
  return template.replace(/\{(\w+)\}/g, (_, key: string) => (Object.hasOwn(values, key) ? values[key]! : ''));
}

/** Cut at a word boundary so that the text is at most `max` graphemes, ending in "…". */
function shorten(text: string, max: number): string {
  if (graphemeLength(text) <= max) return text;
  if (max <= 1) return '';
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  const g = [...segmenter.segment(text)].map((s) => s.segment);
  let cut = g.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length / 2) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.;:–-]+$/u, '')}…`;
}

/**
 * A reply for the officer to edit and send. The link and the signature always survive: when
 * the platform's limit is tight, the body is shortened first, then the words before the link.
 */
export function draftReply(input: ReplyDraftInput): string {
  const date = input.expectedDate ? formatDate(input.expectedDate, input.language) : null;
  const signature = replySignature(input.language, input.officer);
  let parts = defaultParts(input, date);
  if (input.template?.trim()) {
    const values: Record<string, string> = {
      firstName: input.officer.firstName.trim(),
      team: input.officer.team?.trim() ?? '',
      signature,
      reportUrl: input.reportUrl ?? '',
      reportRef: input.reportRef ?? '',
      category: input.categoryName ?? '',
      state: input.stateLabel ?? '',
      expectedDate: date ?? '',
    };
    const body = fill(input.template.trim(), values)
      .replace(/[ \t]{2,}/g, ' ')
      .trim();
    parts = { body, link: input.reportUrl && !input.template.includes('{reportUrl}') ? input.reportUrl : '' };
    if (/\{(signature|firstName)\}/.test(input.template)) return fitWithin(input.source, parts, '', input.language);
  }
  return fitWithin(input.source, parts, signature, input.language);
}

function assemble(source: MentionSourceKind, language: ListeningLanguage, body: string, link: string, signature: string): string {
  if (source === 'email') {
    const greeting = language === 'pl' ? 'Dzień dobry,' : 'Hello,';
    return [greeting, body, link, signature].filter(Boolean).join('\n\n');
  }
  const main = [body, link].filter(Boolean).join(' ');
  return signature ? `${main}\n– ${signature}` : main;
}

function fitWithin(source: MentionSourceKind, parts: Parts, signature: string, language: ListeningLanguage): string {
  const limit = REPLY_LIMITS[source];
  let text = assemble(source, language, parts.body, parts.link, signature);
  if (fitsReplyLimit(source, text)) return text;
  // The words before the link go first ("You can follow it here: "), then the body shrinks.
  const url = parts.link.match(/https?:\/\/\S+/)?.[0] ?? parts.link;
  text = assemble(source, language, parts.body, url, signature);
  let body = parts.body;
  while (!fitsReplyLimit(source, text) && body.length > 0) {
    const over = replyLength(source, text) - limit;
    body = shorten(body, Math.max(0, graphemeLength(body) - Math.max(1, over)));
    if (body === '…' || body === '') body = '';
    text = assemble(source, language, body, url, signature);
  }
  return text;
}
