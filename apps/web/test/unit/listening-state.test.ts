import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import type { Category } from '@groundswell/core/rules';
import { configFrom, fieldText, initialTexts, SOURCE_FIELDS } from '../../src/console/admin/listening-source-fields.ts';
import { wordsFrom } from '../../src/console/admin/KeywordRules.tsx';
import { formatOf } from '../../src/console/admin/GazetteerImport.tsx';
import { createAssisted } from '../../src/console/assisted-state.ts';
import { actionsFor } from '../../src/console/listening/MentionCard.tsx';
import { channelFor, confidenceWord, inboxHref, mentionQuery, prefillFrom } from '../../src/console/listening/inbox-state.ts';
import type { Mention } from '../../src/console/listening/types.ts';

const mention = (over: Partial<Mention> = {}): Mention => ({
  id: 7,
  source: { id: 2, kind: 'sms', name: 'Council text line' },
  url: null,
  author: '+447700900123',
  text: 'The ditch by Errol is blocked',
  language: 'en',
  postedAt: '2026-11-30T10:00:00Z',
  receivedAt: '2026-11-30T10:00:01Z',
  addressedToCouncil: true,
  state: 'new',
  placeGuesses: [{ name: 'Errol', kind: 'place', lon: -3.213, lat: 56.392, confidence: 0.9, method: 'exact', matched: 'Errol' }],
  location: { lon: -3.213, lat: 56.392 },
  confidence: 0.9,
  matchedRuleIds: [1],
  suggestedCategory: 'blocked_ditch',
  report: null,
  dismissedReason: null,
  foldedIntoId: null,
  foldedCount: 0,
  photoCount: 0,
  firstReplyAt: null,
  lastReplyAt: null,
  followUpDue: false,
  canReply: true,
  ...over,
});

const ditch = { code: 'blocked_ditch', name: { en: 'Blocked ditch' }, geometryTypes: ['LineString', 'Point'], questions: [] } as unknown as Category;

describe('the inbox filters in the address', () => {
  it('keeps only the filters the API knows, with valid values', () => {
    const q = mentionQuery(new URLSearchParams('state=new&source=3&rule=x&area=0&sel=9&bbox=1,2,3,4'), 50);
    expect(Object.fromEntries(q)).toEqual({ state: 'new', source: '3', limit: '50' });
    expect(Object.fromEntries(mentionQuery(new URLSearchParams('state=everything'), 20))).toEqual({ limit: '20' });
    expect(inboxHref(new URLSearchParams('state=new'))).toBe('#/staff/listening?state=new');
    expect(inboxHref(new URLSearchParams())).toBe('#/staff/listening');
  });
});

describe('a mention becoming a report', () => {
  it('says how sure a guess is in words', () => {
    expect([0.95, 0.7, 0.69, 0.2].map(confidenceWord)).toEqual(['likely', 'likely', 'possible', 'possible']);
  });

  it('records the channel of the source it came from', () => {
    expect((['email', 'sms', 'mastodon', 'bluesky', 'feed'] as const).map(channelFor)).toEqual(['email', 'sms', 'social_media', 'social_media', 'social_media']);
  });

  it('starts the assisted form from the guesses: category, point, words, channel and link', () => {
    expect(prefillFrom(mention({ url: 'https://toot.example/@a/1', source: { id: 1, kind: 'mastodon', name: 'Tag #carse' } }), ['blocked_ditch'])).toEqual({
      channel: 'social_media',
      source: 'https://toot.example/@a/1',
      category: 'blocked_ditch',
      geometry: { type: 'Point', coordinates: [-3.213, 56.392] },
      description: 'The ditch by Errol is blocked',
    });
    // A text has no link: the source's name says where it came from; an unknown category and no place are left to the officer.
    const bare = prefillFrom(mention({ suggestedCategory: 'gone', location: null }), ['blocked_ditch']);
    expect(bare).toMatchObject({ channel: 'sms', source: 'Council text line', category: '', geometry: undefined });
  });

  it('sends the prefilled form through the mention’s own path', async () => {
    const create = vi.fn(async (_body: unknown) => ({ id: 'r1' }));
    await createRoot(async (dispose) => {
      const st = createAssisted({ categories: () => [ditch], create, initial: prefillFrom(mention(), ['blocked_ditch']) });
      expect(st.code()).toBe('blocked_ditch');
      expect(await st.send()).toBe('created');
      expect(create.mock.calls[0]![0]).toMatchObject({
        channel: 'sms',
        channelSource: 'Council text line',
        category: 'blocked_ditch',
        geometry: { type: 'Point', coordinates: [-3.213, 56.392] },
        description: 'The ditch by Errol is blocked',
      });
      dispose();
    });
  });

  it('offers the actions a mention’s state still allows', () => {
    expect(actionsFor(mention())).toEqual(['create', 'attach', 'reply', 'dismiss']);
    expect(actionsFor(mention({ state: 'converted' }))).toEqual(['reply']);
    expect(actionsFor(mention({ state: 'new', canReply: false }))).toEqual(['create', 'attach', 'dismiss']);
    expect(actionsFor(mention({ state: 'dismissed' }))).toEqual([]);
  });
});

describe('the listening admin forms', () => {
  it('sends a source’s settings typed as the connector reads them', () => {
    expect(configFrom('email', { host: ' imap.council.example ', port: '993', secure: 'true', user: 'inbox', from: 'listen@council.example', smtpHost: '' })).toEqual({
      host: 'imap.council.example',
      port: 993,
      secure: true,
      user: 'inbox',
      from: 'listen@council.example',
    });
    expect(configFrom('mastodon', { instanceUrl: 'https://toot.example', hashtags: '#carse, errol\nfloods' })).toEqual({
      instanceUrl: 'https://toot.example',
      hashtags: '#carse, errol, floods',
    });
    expect(fieldText(['a', 'b'])).toBe('a, b');
    // A new mailbox starts with TLS on, as the connector would; an unticked box is sent as false.
    expect(initialTexts('email')).toEqual({ secure: 'true' });
    expect(configFrom('bluesky', { handle: 'council.bsky.social', mentions: 'false' })).toEqual({ handle: 'council.bsky.social', mentions: false });
    expect(SOURCE_FIELDS.sms.secrets).toContain('authToken');
  });

  it('reads keywords one per line or by commas, without repeats', () => {
    expect(wordsFrom('ditch\ndrain, blocked,\n\nditch')).toEqual(['ditch', 'drain', 'blocked']);
  });

  it('guesses the gazetteer format from the file name', () => {
    expect([formatOf('NS_OpenNames.CSV'), formatOf('places.geojson')]).toEqual(['os-open-names', 'geojson']);
  });
});
