import { describe, expect, it } from 'vitest';
import { CONVERSATION_MIN_AUTHORS, conversationMap, weeksOf, type ConversationMention } from '../src/conversation-map.ts';

const base: ConversationMention = {
  sourceId: 1,
  sourceKind: 'mastodon',
  sourceName: 'Council on Mastodon',
  week: '2026-09-07',
  authorHash: null,
  community: null,
  hashtags: [],
  category: null,
  ruleIds: [],
  areas: [],
};
const m = (over: Partial<ConversationMention>): ConversationMention => ({ ...base, ...over });
const WEEKS = ['2026-09-07', '2026-09-14'];

describe('weeksOf', () => {
  it('gives the Monday of every week that touches the period', () => {
    expect(weeksOf('2026-09-01', '2026-09-14')).toEqual(['2026-08-31', '2026-09-07', '2026-09-14']);
    expect(weeksOf('2026-09-07', '2026-09-07')).toEqual(['2026-09-07']);
    expect(weeksOf('2026-09-08', '2026-09-01')).toEqual([]);
  });
});

describe('the conversation map rules', () => {
  it('shows a community only from the k-th distinct author, counting repeated posts once and unknown authors never', () => {
    const k = CONVERSATION_MIN_AUTHORS;
    const almost = Array.from({ length: k - 1 }, (_, i) => m({ authorHash: `a${i}`, community: 'small.example' }));
    // The same people again, and posts without a known author, do not make the community bigger.
    const repeats = [m({ authorHash: 'a0', community: 'small.example' }), m({ authorHash: null, community: 'small.example' })];
    const below = conversationMap([...almost, ...repeats], { weeks: WEEKS, includeRules: false });
    expect(below.places.map((p) => p.id)).toEqual(['source:1']);
    expect(below.withheld).toEqual({ places: 1, mentions: k + 1 });
    const at = conversationMap([...almost, ...repeats, m({ authorHash: 'new', community: 'small.example' })], { weeks: WEEKS, includeRules: false });
    expect(at.places.map((p) => [p.id, p.mentions])).toEqual([
      ['source:1', k + 2],
      ['community:mastodon:small.example', k + 2],
    ]);
    expect(at.withheld).toEqual({ places: 0, mentions: 0 });
  });

  it('never takes communities or hashtags from private channels', () => {
    const rows = Array.from({ length: 6 }, (_, i) => m({ sourceId: 2, sourceKind: 'email', sourceName: 'Mailbox', authorHash: `e${i}`, community: 'example.com', hashtags: ['private'] }));
    const map = conversationMap(rows, { weeks: WEEKS, includeRules: false });
    expect(map.places.map((p) => p.id)).toEqual(['source:2']);
  });

  it('counts a mention once per place it belongs to, links it to its category, rules (staff) and areas, and fills every week', () => {
    const rows = Array.from({ length: 5 }, (_, i) =>
      m({ authorHash: `p${i}`, hashtags: ['drains', 'drains'], category: i < 3 ? 'pothole' : null, ruleIds: [7], areas: i === 0 ? ['north', 'errol'] : [], week: WEEKS[i % 2]! }),
    );
    const staff = conversationMap(rows, { weeks: WEEKS, includeRules: true, nameOf: (kind, code) => (kind === 'rule' ? `Rule ${code}` : kind === 'area' ? code.toUpperCase() : null) });
    expect(staff.places.map((p) => [p.id, p.mentions])).toEqual([
      ['source:1', 5],
      ['hashtag:drains', 5],
    ]);
    expect(staff.targets.map((t) => [t.id, t.name, t.mentions])).toEqual([
      ['category:pothole', null, 3],
      ['category:none', null, 2],
      ['rule:7', 'Rule 7', 5],
      ['area:errol', 'ERROL', 1],
      ['area:north', 'NORTH', 1],
      ['area:none', null, 4],
    ]);
    expect(staff.links.filter((l) => l.place === 'hashtag:drains').map((l) => [l.target, l.mentions])).toContainEqual(['area:none', 4]);
    expect(staff.weeks.filter((w) => w.place === 'source:1')).toEqual([
      { place: 'source:1', week: '2026-09-07', mentions: 3 },
      { place: 'source:1', week: '2026-09-14', mentions: 2 },
    ]);
    const pub = conversationMap(rows, { weeks: WEEKS, includeRules: false });
    expect(pub.targets.some((t) => t.kind === 'rule')).toBe(false);
    expect(pub.links.some((l) => l.target.startsWith('rule:'))).toBe(false);
  });
});
