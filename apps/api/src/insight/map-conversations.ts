import { conversationMap, weeksOf, type ConversationMap } from '@groundswell/core';
import { conversationAreas, conversationCounts, keywordRuleNames, type MentionFilter } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export interface ConversationAreaFeature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: { code: string; name: string; kind: string; mentions: number };
}

export type ConversationMapAnswer = ConversationMap & {
  /** Every area with the mentions located in it: counted per area, never a point. */
  areas: { type: 'FeatureCollection'; features: ConversationAreaFeature[] };
  /** Mentions heard but not located in any area. */
  unlocated: number;
};

/**
 * The conversation map for a period and filters. Staff also see which keyword rule each
 * conversation matched (rules are the council's working names, not on "How we listen");
 * otherwise the public and staff maps are the same: neither names a person.
 */
export async function mapConversations(deps: Pick<AppDeps, 'database'>, f: MentionFilter, staff: boolean): Promise<ConversationMapAnswer> {
  const counts = await conversationCounts(deps.database, f);
  const areas = await conversationAreas(deps.database);
  const rules = staff ? await keywordRuleNames(deps.database) : new Map<number, string>();
  const areaNames = new Map(areas.map((a) => [a.code, a.name]));
  const map = conversationMap(counts, {
    weeks: weeksOf(f.from, f.to),
    includeRules: staff,
    nameOf: (kind, code) => (kind === 'area' ? (areaNames.get(code) ?? null) : kind === 'rule' ? (rules.get(Number(code)) ?? null) : null),
  });
  const inArea = new Map(map.targets.filter((t) => t.kind === 'area').map((t) => [t.code, t.mentions]));
  return {
    ...map,
    areas: {
      type: 'FeatureCollection',
      features: areas.map((a) => ({ type: 'Feature', id: a.code, geometry: a.geometry, properties: { code: a.code, name: a.name, kind: a.kind, mentions: inArea.get(a.code) ?? 0 } })),
    },
    unlocated: inArea.get('none') ?? 0,
  };
}
