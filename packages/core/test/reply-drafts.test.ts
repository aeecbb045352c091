import { describe, expect, it } from 'vitest';
import { MENTION_GROUP_DAYS, MENTION_GROUP_METRES, mentionsBelongTogether } from '../src/listening-groups.ts';
import { REPLY_LIMITS } from '../src/listening.ts';
import { draftReply, fitsReplyLimit, graphemeLength, replyLength, replySignature, type ReplyDraftInput } from '../src/reply-drafts.ts';

const URL = 'https://groundswell.example/reports/GS-1234';
const base: ReplyDraftInput = {
  language: 'en',
  source: 'mastodon',
  purpose: 'report_created',
  officer: { firstName: 'Kasia', team: 'Waste' },
  reportUrl: URL,
  reportRef: 'GS-1234',
  categoryName: 'Blocked drain',
};

describe('graphemeLength', () => {
  it('counts what a reader sees as one character once', () => {
    expect(graphemeLength('abc')).toBe(3);
    expect(graphemeLength('👍🏽')).toBe(1);
    expect(graphemeLength('👨‍👩‍👧‍👦')).toBe(1);
    expect(graphemeLength('🇵🇱')).toBe(1);
    expect(graphemeLength('ą')).toBe(1);
    expect(graphemeLength('a\u0328')).toBe(1);
    expect(graphemeLength('zażółć')).toBe(6);
    expect(graphemeLength('')).toBe(0);
  });
});

describe('fitsReplyLimit', () => {
  it('holds Bluesky to 300 graphemes, emoji counted once', () => {
    expect(fitsReplyLimit('bluesky', 'a'.repeat(300))).toBe(true);
    expect(fitsReplyLimit('bluesky', 'a'.repeat(301))).toBe(false);
    expect(fitsReplyLimit('bluesky', '👍🏽'.repeat(300))).toBe(true);
    expect(fitsReplyLimit('bluesky', `${'👍🏽'.repeat(300)}!`)).toBe(false);
  });

  it('counts a Mastodon link as 23 characters whatever its length', () => {
    const long = `https://groundswell.example/${'x'.repeat(400)}`;
    expect(replyLength('mastodon', `see ${long}`)).toBe(4 + 23);
    expect(fitsReplyLimit('mastodon', `${'a'.repeat(477)}${long}`)).toBe(true);
    expect(fitsReplyLimit('mastodon', `${'a'.repeat(478)}${long}`)).toBe(false);
  });

  it('counts an SMS outside GSM-7 (Polish letters) as UCS-2: 201 characters in three parts', () => {
    expect(fitsReplyLimit('sms', 'a'.repeat(459))).toBe(true);
    expect(fitsReplyLimit('sms', 'a'.repeat(460))).toBe(false);
    expect(fitsReplyLimit('sms', `ą${'a'.repeat(200)}`)).toBe(true);
    expect(fitsReplyLimit('sms', `ą${'a'.repeat(201)}`)).toBe(false);
  });
});

describe('replySignature', () => {
  it('signs as a person with a team, in the reply language', () => {
    expect(replySignature('en', { firstName: 'Kasia', team: 'Waste' })).toBe('Kasia, Waste team');
    expect(replySignature('en', { firstName: 'Kasia', team: 'Waste team' })).toBe('Kasia, Waste team');
    expect(replySignature('pl', { firstName: 'Kasia', team: 'Waste' })).toBe('Kasia, zespół Waste');
    expect(replySignature('en', { firstName: ' Anna ', team: null })).toBe('Anna');
  });
});

describe('draftReply', () => {
  it('drafts an English reply in a human voice with link, reference, date and signature', () => {
    const text = draftReply({ ...base, expectedDate: '2026-12-04' });
    expect(text).toContain("I've logged it as a blocked drain report (GS-1234)");
    expect(text).toContain('by 4 December');
    expect(text).toContain(URL);
    expect(text.endsWith('– Kasia, Waste team')).toBe(true);
    expect(text.toLowerCase()).not.toContain('the council');
    expect(fitsReplyLimit('mastodon', text)).toBe(true);
  });

  it('drafts Polish for a Polish mention, with a Polish date and gender-neutral wording', () => {
    const text = draftReply({ ...base, language: 'pl', expectedDate: '2026-12-04' });
    expect(text).toContain('Dziękuję za informację');
    expect(text).toContain('do 4 grudnia');
    expect(text).toContain(URL);
    expect(text.endsWith('– Kasia, zespół Waste')).toBe(true);
    // First-person past tense in Polish is gendered ("przekazałam/przekazałem"); the drafts avoid it.
    expect(text).not.toMatch(/łam\b|łem\b/);
  });

  it('writes every purpose in both languages, each different and within every platform', () => {
    const seen = new Set<string>();
    for (const language of ['en', 'pl'] as const) {
      for (const purpose of ['acknowledge', 'report_created', 'attached', 'state_changed'] as const) {
        for (const source of ['feed', 'email', 'sms', 'mastodon', 'bluesky'] as const) {
          const text = draftReply({ ...base, language, purpose, source, stateLabel: 'In progress' });
          expect(fitsReplyLimit(source, text)).toBe(true);
          expect(text).toContain('Kasia');
          if (purpose !== 'acknowledge') expect(text).toContain(URL);
          if (source === 'mastodon') seen.add(text);
        }
      }
    }
    expect(seen.size).toBe(8);
  });

  it('greets and signs an email on lines of its own', () => {
    const text = draftReply({ ...base, source: 'email', purpose: 'attached' });
    expect(text.split('\n\n')).toEqual([
      'Hello,',
      "Thanks. This has already been reported, so I've added what you told us to that report (GS-1234).",
      `You can follow it here: ${URL}`,
      'Kasia, Waste team',
    ]);
    expect(draftReply({ ...base, language: 'pl', source: 'email' }).startsWith('Dzień dobry,\n\n')).toBe(true);
  });

  it('keeps the link and signature within Bluesky 300 graphemes when the template is long', () => {
    const longUrl = `https://groundswell.example/reports/GS-1234?from=bluesky&${'x'.repeat(60)}`;
    const template = `${'Thank you so much for taking the time to tell us about this 🙏🏽 '.repeat(8)}Category: {category}.`;
    const text = draftReply({ ...base, source: 'bluesky', reportUrl: longUrl, template });
    expect(graphemeLength(text)).toBeLessThanOrEqual(REPLY_LIMITS.bluesky);
    expect(graphemeLength(text)).toBeGreaterThan(REPLY_LIMITS.bluesky - 10);
    expect(text).toContain(longUrl);
    expect(text.endsWith('– Kasia, Waste team')).toBe(true);
    expect(text).toContain('…');
  });

  it('fills a per-category template, adding the link and signature it leaves out', () => {
    const text = draftReply({ ...base, template: 'Hi! Our {category} crew will visit by {expectedDate}.', expectedDate: '2026-01-09' });
    expect(text).toBe(`Hi! Our Blocked drain crew will visit by 9 January. ${URL}\n– Kasia, Waste team`);
    const signed = draftReply({ ...base, template: 'Thanks, on it ({reportRef}) {reportUrl} – {firstName} ({team}), {unknown}{constructor}' });
    expect(signed).toBe(`Thanks, on it (GS-1234) ${URL} – Kasia (Waste),`);
  });

  it('works without a link (acknowledging before any report exists)', () => {
    const text = draftReply({ ...base, purpose: 'acknowledge', reportUrl: null, reportRef: null });
    expect(text).toBe("Thanks for letting us know. I've passed this to the right people and we'll look into it.\n– Kasia, Waste team");
  });

  it('ignores an expected date that is not an ISO date', () => {
    expect(draftReply({ ...base, expectedDate: 'soon' })).not.toContain('soon');
  });
});

describe('mentionsBelongTogether', () => {
  const at = new Date('2026-11-30T10:00:00Z');
  const here = { lon: -3.213, lat: 56.392, at };
  const north = (metres: number, days: number) => ({ lon: -3.213, lat: 56.392 + metres / 111_320, at: new Date(at.getTime() + days * 86_400_000) });

  it('groups mentions within 250 m and 7 days, both ends included', () => {
    expect(MENTION_GROUP_METRES).toBe(250);
    expect(MENTION_GROUP_DAYS).toBe(7);
    expect(mentionsBelongTogether(here, north(0, 0))).toBe(true);
    expect(mentionsBelongTogether(here, north(249, 6.9))).toBe(true);
    expect(mentionsBelongTogether(here, north(249, 7))).toBe(true);
    expect(mentionsBelongTogether(north(249, -7), here)).toBe(true);
    expect(mentionsBelongTogether(here, north(252, 0))).toBe(false);
    expect(mentionsBelongTogether(here, north(10, 7.01))).toBe(false);
    expect(mentionsBelongTogether(here, north(10, -8))).toBe(false);
  });

  it('measures east-west distance at the right latitude', () => {
    const east = (metres: number) => ({ lon: -3.213 + metres / (111_320 * Math.cos((56.392 * Math.PI) / 180)), lat: 56.392, at });
    expect(mentionsBelongTogether(here, east(240))).toBe(true);
    expect(mentionsBelongTogether(here, east(260))).toBe(false);
  });

  it('never groups a mention with an invalid time or place', () => {
    expect(mentionsBelongTogether(here, { ...here, at: new Date('nope') })).toBe(false);
    expect(mentionsBelongTogether(here, { ...here, lon: Number.NaN })).toBe(false);
  });
});
