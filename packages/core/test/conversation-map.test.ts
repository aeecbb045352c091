import { describe, expect, it } from 'vitest';
import { CONVERSATION_MIN_AUTHORS, conversationMap, weeksOf, type ConversationCounts } from '../src/conversation-map.ts';

const WEEKS = ['2026-09-07', '2026-09-14'];
const K = CONVERSATION_MIN_AUTHORS;
type Place = ConversationCounts['places'][number];
const place = (id: string, kind: Place['kind'], authors: number, mentions: number, sourceKind: Place['kinds'][number]['sourceKind'] = 'mastodon'): Place => ({
  id,
  kind,
  name: id.split(':').at(-1)!,
  mentions,
  authors,
  kinds: [{ sourceKind, mentions }],
});

describe('weeksOf', () => {
  it('gives the Monday of every week that touches the period', () => {
    expect(weeksOf('2026-09-01', '2026-09-14')).toEqual(['2026-08-31', '2026-09-07', '2026-09-14']);
    expect(weeksOf('2026-09-07', '2026-09-07')).toEqual(['2026-09-07']);
    expect(weeksOf('2026-09-08', '2026-09-01')).toEqual([]);
  });
});

describe('the conversation map rules', () => {
  const counts: ConversationCounts = {
    total: 20,
    places: [
      place('source:1', 'source', 1, 20),
      place(`community:mastodon:big.example`, 'community', K, 9),
      place(`community:mastodon:small.example`, 'community', K - 1, 7),
      place('hashtag:drains', 'hashtag', K + 3, 6),
      place('hashtag:johnsbin', 'hashtag', 1, 2),
      // A hashtag from a private channel never shows, however many people.
      place('hashtag:private', 'hashtag', 50, 50, 'email'),
    ],
    targets: [
      { kind: 'area', code: 'none', mentions: 12 },
      { kind: 'area', code: 'north', mentions: 8 },
      { kind: 'rule', code: '7', mentions: 4 },
      { kind: 'category', code: 'none', mentions: 5 },
      { kind: 'category', code: 'pothole', mentions: 15 },
    ],
    links: [
      { place: 'source:1', target: 'rule:7', mentions: 4 },
      { place: 'community:mastodon:small.example', target: 'area:north', mentions: 3 },
      { place: 'hashtag:drains', target: 'area:north', mentions: 6 },
      { place: 'source:1', target: 'area:north', mentions: 8 },
    ],
    weeks: [
      { place: 'source:1', week: '2026-09-14', mentions: 20 },
      { place: 'community:mastodon:small.example', week: '2026-09-14', mentions: 7 },
    ],
  };

  it('always shows sources, and a community or hashtag only from the k-th distinct author', () => {
    const map = conversationMap(counts, { weeks: WEEKS, includeRules: false });
    expect(map.places.map((p) => [p.id, p.mentions])).toEqual([
      ['source:1', 20],
      ['community:mastodon:big.example', 9],
      ['hashtag:drains', 6],
    ]);
    expect(map.withheld).toEqual({ places: 2, mentions: 9 });
    expect(map.minAuthors).toBe(K);
  });

  it('links only the places shown, names rules for staff only, and fills every week with zeros', () => {
    const pub = conversationMap(counts, { weeks: WEEKS, includeRules: false, nameOf: (kind, code) => (kind === 'area' ? code.toUpperCase() : kind === 'rule' ? `Rule ${code}` : null) });
    expect(pub.targets.map((t) => [t.id, t.name, t.mentions])).toEqual([
      ['category:pothole', null, 15],
      ['category:none', null, 5],
      ['area:north', 'NORTH', 8],
      ['area:none', null, 12],
    ]);
    expect(pub.links).toEqual([
      { place: 'source:1', target: 'area:north', mentions: 8 },
      { place: 'hashtag:drains', target: 'area:north', mentions: 6 },
    ]);
    expect(pub.weeks.filter((w) => w.place === 'source:1')).toEqual([
      { place: 'source:1', week: '2026-09-07', mentions: 0 },
      { place: 'source:1', week: '2026-09-14', mentions: 20 },
    ]);
    const staff = conversationMap(counts, { weeks: WEEKS, includeRules: true, nameOf: (kind, code) => (kind === 'rule' ? `Rule ${code}` : null) });
    expect(staff.targets.find((t) => t.kind === 'rule')).toEqual({ id: 'rule:7', kind: 'rule', code: '7', name: 'Rule 7', mentions: 4 });
    expect(staff.links[0]).toEqual({ place: 'source:1', target: 'area:north', mentions: 8 });
    expect(staff.links).toContainEqual({ place: 'source:1', target: 'rule:7', mentions: 4 });
  });

  it('gives a place heard on several kinds of source the busiest kind', () => {
    const map = conversationMap(
      {
        total: 9,
        places: [
          {
            id: 'hashtag:floods',
            kind: 'hashtag',
            name: '#floods',
            mentions: 9,
            authors: K,
            kinds: [
              { sourceKind: 'feed', mentions: 2 },
              { sourceKind: 'bluesky', mentions: 7 },
            ],
          },
        ],
        targets: [],
        links: [],
        weeks: [],
      },
      { weeks: WEEKS, includeRules: false },
    );
    expect(map.places[0]!.sourceKind).toBe('bluesky');
  });
});
