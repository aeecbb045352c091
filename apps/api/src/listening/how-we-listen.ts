import { listKeywordRules, listListeningSources } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/**
 * "How we listen", generated from the configuration: which sources are on, the keywords,
 * what is kept and for how long, whom to ask. Never a handle, never a mention.
 */
export async function howWeListen(deps: Pick<AppDeps, 'database' | 'config'>) {
  const { database, config } = deps;
  const sources = (await listListeningSources(database)).filter((s) => s.enabled).map((s) => ({ kind: s.kind, name: s.name }));
  const rules = await listKeywordRules(database, true);
  const byLanguage = new Map<string, { language: 'en' | 'pl'; keywords: Set<string>; exclusions: Set<string> }>();
  for (const r of rules) {
    const entry = byLanguage.get(r.language) ?? { language: r.language, keywords: new Set<string>(), exclusions: new Set<string>() };
    for (const k of r.keywords) entry.keywords.add(k);
    for (const k of r.exclusions) entry.exclusions.add(k);
    byLanguage.set(r.language, entry);
  }
  return {
    enabled: sources.length > 0,
    sources,
    keywords: [...byLanguage.values()].map((e) => ({ language: e.language, keywords: [...e.keywords].sort(), exclusions: [...e.exclusions].sort() })),
    kept: {
      unconvertedDays: config.listening.retentionDays,
      converted: 'A message that became a report keeps only its text, link and time once the report is closed; who said it is removed.',
    },
    stored: ['Only messages that use one of the keywords and name a place in our area, or were sent to us', 'The text, a link to the original, the time, and who said it as the platform shows them'],
    never: ['A list or search of one person’s messages', 'Handles or names in statistics (they are counted by a keyed hash)', 'Anything from private groups or closed platforms'],
    contact: config.privacy.contact,
  };
}
