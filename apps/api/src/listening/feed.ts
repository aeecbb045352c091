import type { Connector, ConnectorState, IncomingMention, PollResult } from './connector.ts';
import type { ConnectorDeps } from './connectors.ts';

/** Enough of a post to judge it; the rest is on the site the link opens. */
const MAX_TEXT = 4000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

const textOf = (v: unknown): string | null => {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const key of ['name', '#text', 'email']) if (typeof o[key] === 'string') return o[key] as string;
  }
  return null;
};

const georssPoint = (v: unknown): { lon: number; lat: number } | null => {
  const [lat, lon] = typeof v === 'string' ? v.trim().split(/\s+/).map(Number) : [];
  return lat !== undefined && lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lon, lat } : null;
};

/**
 * An RSS or Atom feed (local news, a Discourse forum's latest.rss, a WordPress comments feed,
 * OpenStreetMap Notes for the council's bbox): polled with a conditional GET, so an unchanged
 * feed costs the site a 304. The item's guid (or link) is the mention's external id. Feeds have
 * no reply channel: the officer opens the original and answers there.
 */
export function createFeedConnector(config: Record<string, unknown>, _secrets: Record<string, string>, deps: ConnectorDeps): Connector {
  const url = String(config.url ?? '');
  if (!/^https?:\/\//.test(url)) throw new Error('A feed source needs an http(s) url');
  return {
    kind: 'feed',
    async poll(state: ConnectorState, signal: AbortSignal): Promise<PollResult> {
      const headers: Record<string, string> = {
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
        'user-agent': `Groundswell listening (+${deps.publicUrl})`,
      };
      if (typeof state.etag === 'string') headers['if-none-match'] = state.etag;
      if (typeof state.lastModified === 'string') headers['if-modified-since'] = state.lastModified;
      const res = await deps.fetch(url, { headers, signal, redirect: 'follow' });
      if (res.status === 304) return { mentions: [], state };
      if (!res.ok) throw new Error(`The feed answered ${res.status}`);
      const xml = await res.text();
      // Loaded at the first poll of a feed, not at start (issue 15: idle memory).
      const { extractFromXml } = await import('@extractus/feed-extractor');
      const feed = extractFromXml(xml, {
        descriptionMaxLen: MAX_TEXT,
        baseUrl: url,
        // OpenStreetMap Notes (and other GeoRSS feeds) say where: "lat lon".
        getExtraEntryFields: (item) => ({ author: textOf(item['dc:creator']) ?? textOf(item.author) ?? textOf(item.creator), point: textOf(item['georss:point']), rawLink: item.link }),
      });
      const mentions: IncomingMention[] = [];
      for (const entry of feed.entries ?? []) {
        const externalId = String(entry.id || entry.link || '').trim();
        if (!externalId) continue;
        const title = decodeEntities(entry.title ?? '').trim();
        const body = decodeEntities(entry.description ?? '').trim();
        const text = (body.startsWith(title) ? body : [title, body].filter(Boolean).join('\n')).slice(0, MAX_TEXT);
        if (!text) continue;
        const posted = entry.published ? new Date(entry.published) : deps.now();
        mentions.push({
          externalId,
          // The library trims a link's #fragment, which is what tells one WordPress comment from the next.
          url: typeof entry.rawLink === 'string' && /^https?:\/\//.test(entry.rawLink.trim()) ? entry.rawLink.trim() : (entry.link ?? null),
          author: typeof entry.author === 'string' ? entry.author : null,
          text,
          postedAt: Number.isNaN(posted.getTime()) ? deps.now() : posted,
          addressedToCouncil: false,
          replyRef: {},
          coordinates: georssPoint(entry.point),
        });
      }
      return { mentions, state: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') } };
    },
  };
}
