import type { IncomingMessage } from 'node:http';
import type { Database } from '@groundswell/db';
import { insertKeywordRule, insertListeningSource, schema } from '@groundswell/db';
import type { IncomingMention } from '../src/listening/connector.ts';
import { seedCategory } from './helpers.ts';

/** Errol community council's area, and names inside and outside it, as a council would import them. */
export const ERROL_STATION = { lon: -3.205, lat: 56.405 };
export const GRANGE = { lon: -3.235, lat: 56.39 };

export async function seedListeningWorld(database: Database) {
  await database.db.insert(schema.areas).values({
    code: 'errol',
    name: 'Errol',
    kind: 'community_council',
    geom: {
      type: 'Polygon',
      coordinates: [
        [
          [-3.25, 56.38],
          [-3.18, 56.38],
          [-3.18, 56.42],
          [-3.25, 56.42],
          [-3.25, 56.38],
        ],
      ],
    },
  });
  await database.db.insert(schema.places).values([
    { name: 'Errol Station', kind: 'place', geom: { type: 'Point', coordinates: [ERROL_STATION.lon, ERROL_STATION.lat] } },
    { name: 'Grange', kind: 'place', geom: { type: 'Point', coordinates: [GRANGE.lon, GRANGE.lat] } },
    { name: 'Inchture', kind: 'place', geom: { type: 'Point', coordinates: [-3.166, 56.448] } },
  ]);
  const drainage = await seedCategory(database, 'blocked_drain', ['Point', 'LineString']);
  const now = new Date('2026-11-01T12:00:00Z');
  const drains = await insertKeywordRule(
    database,
    { name: 'Drains and flooding', language: 'en', keywords: ['blocked drain', 'drain', 'flooding', 'ditch'], exclusions: ['brain drain'], categoryId: drainage.id, enabled: true },
    now,
  );
  const polish = await insertKeywordRule(database, { name: 'Rowy (PL)', language: 'pl', keywords: ['zatkany', 'rów', 'zalana'], exclusions: [], categoryId: drainage.id, enabled: true }, now);
  const feed = await insertListeningSource(database, { kind: 'feed', name: 'Errol village blog', enabled: true, config: { url: 'http://127.0.0.1:1/feed' }, pollSeconds: 900 }, now);
  const sms = await insertListeningSource(database, { kind: 'sms', name: 'Council text line', enabled: true, config: { provider: 'twilio', number: '+441738000000' }, pollSeconds: 900 }, now);
  return { drainage, rules: { drains, polish }, sources: { feed, sms } };
}

let n = 0;
export function said(text: string, extra: Partial<IncomingMention> = {}): IncomingMention {
  n += 1;
  return { externalId: `ext-${n}`, url: null, author: '@resident', text, postedAt: new Date('2026-11-01T10:00:00Z'), addressedToCouncil: false, replyRef: {}, ...extra };
}

/** The whole body of a request to one of the tests' local servers (a gateway, a CRM), as text. */
export const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
