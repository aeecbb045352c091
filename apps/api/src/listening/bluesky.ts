import type { AppBskyFeedDefs, AppBskyNotificationListNotifications, AtpAgent, Facet } from '@atproto/api';
import { REPLY_LIMITS } from '@groundswell/core';
import { z } from 'zod';
import { validationError } from '../http/problem.ts';
import type { Connector, ConnectorState, IncomingMention, PollResult, SentReply } from './connector.ts';
import type { ConnectorDeps } from './connectors.ts';

/** A list as JSON, or as the text of one form field (comma or line separated). */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[,\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).max(20),
  );

const BlueskyConfig = z.object({
  /** The council account's PDS or the entryway (https://bsky.social). */
  service: z.url({ protocol: /^https?$/ }).default('https://bsky.social'),
  handle: z
    .string()
    .trim()
    .transform((s) => s.replace(/^@/, '').toLowerCase())
    .pipe(z.string().regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/, 'A handle looks like council.bsky.social')),
  /** Search queries (app.bsky.feed.searchPosts syntax: words, "phrases", #tags, lang:pl). */
  queries: listOf(z.string().trim().min(2)).default([]),
  mentions: z.boolean().default(true),
  maxPagesPerPoll: z.number().int().min(1).max(20).default(5),
});
export type BlueskyConfig = z.infer<typeof BlueskyConfig>;

const BlueskySecrets = z.object({ appPassword: z.string().min(1) });

const PAGE = 50;
const FIRST_PAGE = 25;
const RECENT_KEEP = 100;
const RECENT_DAYS = 7;
/** getPosts takes at most 25 URIs. */
const RECHECK = 25;

/** `at://did/app.bsky.feed.post/rkey` → the post's page on bsky.app. */
export function postUrl(handle: string, uri: string): string {
  const rkey = uri.split('/').at(-1) ?? '';
  return `https://bsky.app/profile/${handle}/post/${rkey}`;
}

interface PostRecord {
  text?: unknown;
  createdAt?: unknown;
  langs?: unknown;
  reply?: { root?: { uri?: unknown; cid?: unknown } };
  facets?: Array<{ features?: Array<{ $type?: string; did?: unknown }> }>;
}

class RateLimited extends Error {}

/**
 * Bluesky (AT Protocol) with the council account's app password: authenticated post search
 * for the council's queries (public search is often switched off) and the account's
 * notifications (mentions, replies, quotes). Search reads forward from the newest post time
 * it has seen; notifications until the newest one it has seen. The session is created on the
 * first poll and refreshed by the agent when the server says the token expired. Replies are
 * posts with root/parent strong refs, the report link as a link facet, within 300 graphemes.
 */
export function createBlueskyConnector(config: Record<string, unknown>, secrets: Record<string, string>, deps: ConnectorDeps): Connector {
  const parsedConfig = BlueskyConfig.safeParse(config);
  if (!parsedConfig.success) throw validationError(parsedConfig.error, 'config');
  const parsedSecrets = BlueskySecrets.safeParse(secrets);
  if (!parsedSecrets.success) throw validationError(parsedSecrets.error, 'secrets');
  const cfg = parsedConfig.data;
  const { appPassword } = parsedSecrets.data;
  let agent: AtpAgent | null = null;

  const failure = (what: string, err: unknown) => {
    const e = err as { status?: number; error?: string; message?: string };
    const detail = [e.status, e.error, e.message].filter((x) => x !== undefined && x !== '').join(' ');
    return new Error(`Bluesky ${what} (${cfg.service}): ${detail.replaceAll(appPassword, '***')}`);
  };

  async function signedIn(): Promise<{ agent: AtpAgent; did: string }> {
    if (!agent) {
      // @atproto/api (its lexicons) is loaded with the first poll or reply, not with the server.
      const { AtpAgent: Agent } = await import('@atproto/api');
      agent = new Agent({ service: cfg.service, fetch: deps.fetch });
    }
    if (agent.session) return { agent, did: agent.session.did };
    try {
      const res = await agent.login({ identifier: cfg.handle, password: appPassword });
      return { agent, did: res.data.did };
    } catch (err) {
      throw failure('sign-in failed', err);
    }
  }

  const toMention = (post: { uri: string; cid: string; author: { did: string; handle: string }; record: unknown; indexedAt: string }, ownDid: string, addressed: boolean): IncomingMention | null => {
    if (post.author.did === ownDid) return null;
    const record = post.record as PostRecord;
    const text = typeof record.text === 'string' ? record.text : '';
    const langs = Array.isArray(record.langs) ? record.langs.filter((l): l is string => typeof l === 'string') : [];
    const lang = (langs[0] ?? '').slice(0, 2).toLowerCase();
    const created = typeof record.createdAt === 'string' ? new Date(record.createdAt) : new Date(post.indexedAt);
    const rootUri = typeof record.reply?.root?.uri === 'string' ? record.reply.root.uri : post.uri;
    const rootCid = typeof record.reply?.root?.cid === 'string' ? record.reply.root.cid : post.cid;
    const mentionsUs = (record.facets ?? []).some((f) => (f.features ?? []).some((x) => x.$type === 'app.bsky.richtext.facet#mention' && x.did === ownDid));
    return {
      externalId: post.uri,
      url: postUrl(post.author.handle, post.uri),
      author: `@${post.author.handle}`,
      text,
      language: lang === 'en' || lang === 'pl' ? lang : null,
      postedAt: Number.isNaN(created.getTime()) ? new Date(post.indexedAt) : created,
      addressedToCouncil: addressed || mentionsUs,
      replyRef: { uri: post.uri, cid: post.cid, rootUri, rootCid, handle: post.author.handle, did: post.author.did },
    };
  };

  return {
    kind: 'bluesky',
    async poll(state: ConnectorState, signal: AbortSignal): Promise<PollResult> {
      const now = deps.now().getTime();
      const next: ConnectorState = { ...state };
      if (typeof state.pauseUntil === 'number' && now < state.pauseUntil) return { mentions: [], state: next };
      next.pauseUntil = null;
      const { agent, did: ownDid } = await signedIn();
      const found = new Map<string, IncomingMention>();
      const add = (m: IncomingMention | null) => {
        if (!m) return;
        const before = found.get(m.externalId);
        found.set(m.externalId, before ? { ...before, addressedToCouncil: before.addressedToCouncil || m.addressedToCouncil } : m);
      };
      const onError = (err: unknown, what: string) => {
        const e = err as { status?: number; headers?: Record<string, string> };
        if (e.status === 429) {
          // RateLimit-Reset is in seconds since the epoch.
          const reset = Number(e.headers?.['ratelimit-reset']);
          next.pauseUntil = Number.isFinite(reset) && reset > 0 ? reset * 1000 : now + 60_000;
          throw new RateLimited();
        }
        if (err instanceof RateLimited) throw err;
        deps.logger.warn({ service: cfg.service, what, err: failure(what, err).message }, 'bluesky source failed');
      };

      try {
        for (const q of cfg.queries) {
          if (signal.aborted) break;
          const key = `search:${q}`;
          const since = typeof state[key] === 'string' ? (state[key] as string) : null;
          const lastUriValue = state[`${key}:uri`];
          const lastUri = typeof lastUriValue === 'string' ? lastUriValue : null;
          let newest = since;
          let newestUri = lastUri;
          try {
            let cursor: string | undefined;
            for (let page = 0; page < (since ? cfg.maxPagesPerPoll : 1) && !signal.aborted; page++) {
              const res = await agent.app.bsky.feed.searchPosts({ q, sort: 'latest', limit: since ? PAGE : FIRST_PAGE, ...(since ? { since } : {}), ...(cursor ? { cursor } : {}) });
              for (const post of res.data.posts) {
                if (since && (post.indexedAt < since || post.uri === lastUri)) continue;
                add(toMention(post, ownDid, false));
                if (!newest || post.indexedAt > newest) {
                  newest = post.indexedAt;
                  newestUri = post.uri;
                }
              }
              cursor = res.data.cursor;
              if (!cursor || res.data.posts.length === 0) break;
            }
            next[key] = newest;
            next[`${key}:uri`] = newestUri;
          } catch (err) {
            onError(err, `search "${q}"`);
          }
        }

        if (cfg.mentions && !signal.aborted) {
          const seen = typeof state.notifications === 'string' ? state.notifications : null;
          let newest = seen;
          try {
            let cursor: string | undefined;
            pages: for (let page = 0; page < cfg.maxPagesPerPoll && !signal.aborted; page++) {
              const res = await agent.app.bsky.notification.listNotifications({ limit: seen ? PAGE : FIRST_PAGE, reasons: ['mention', 'reply', 'quote'], ...(cursor ? { cursor } : {}) });
              for (const n of res.data.notifications as AppBskyNotificationListNotifications.Notification[]) {
                if (seen && n.indexedAt <= seen) break pages;
                if (!newest || n.indexedAt > newest) newest = n.indexedAt;
                if (n.reason !== 'mention' && n.reason !== 'reply' && n.reason !== 'quote') continue;
                add(toMention(n, ownDid, true));
              }
              cursor = res.data.cursor;
              if (!seen || !cursor) break;
            }
            next.notifications = newest;
          } catch (err) {
            onError(err, 'notifications');
          }
        }

        // Deletions at the source: a post handed on that getPosts no longer returns is gone.
        const recent = parseRecent(state.recent).filter(([, at]) => at > now - RECENT_DAYS * 86_400_000);
        const batch = recent.slice(0, RECHECK);
        let alive = batch;
        if (batch.length > 0 && !signal.aborted) {
          try {
            const res = await agent.app.bsky.feed.getPosts({ uris: batch.map(([uri]) => uri) });
            const present = new Set((res.data.posts as AppBskyFeedDefs.PostView[]).map((p) => p.uri));
            alive = batch.filter(([uri]) => present.has(uri));
            for (const [uri, at] of batch) {
              if (!present.has(uri)) found.set(uri, { externalId: uri, url: null, author: null, text: '', postedAt: new Date(at), addressedToCouncil: false, replyRef: {}, deleted: true });
            }
          } catch (err) {
            onError(err, 'recheck');
          }
        }
        next.recent = JSON.stringify(queueRecent(recent, batch, alive, found));
      } catch (err) {
        if (!(err instanceof RateLimited)) throw err;
        next.recent = JSON.stringify(queueRecent(parseRecent(state.recent), [], [], found));
        deps.logger.info({ service: cfg.service, until: new Date(Number(next.pauseUntil)).toISOString() }, 'bluesky rate limit: pausing');
      }
      return { mentions: [...found.values()], state: next };
    },

    async reply(replyRef: Record<string, string>, text: string): Promise<SentReply> {
      const { uri, cid } = replyRef;
      if (!uri || !cid) throw new Error('This mention has no post to answer');
      const { RichText } = await import('@atproto/api');
      const rt = new RichText({ text });
      const limit = REPLY_LIMITS.bluesky;
      if (rt.graphemeLength > limit) throw new Error(`A Bluesky reply is at most ${limit} characters; this one has ${rt.graphemeLength}`);
      rt.detectFacetsWithoutResolution();
      // Links become link facets (clickable); a mention is kept only for the person we answer, whose DID we know.
      const facets: Facet[] = [];
      for (const f of rt.facets ?? []) {
        const features = f.features.flatMap((x) => {
          if (x.$type === 'app.bsky.richtext.facet#mention') {
            const handle = String((x as { did: unknown }).did).toLowerCase();
            return replyRef.did && handle === replyRef.handle?.toLowerCase() ? [{ ...x, did: replyRef.did }] : [];
          }
          return [x];
        });
        if (features.length) facets.push({ ...f, features });
      }
      const { agent } = await signedIn();
      try {
        const created = await agent.post({
          text: rt.text,
          ...(facets.length ? { facets } : {}),
          reply: { root: { uri: replyRef.rootUri || uri, cid: replyRef.rootCid || cid }, parent: { uri, cid } },
          createdAt: deps.now().toISOString(),
        });
        return { externalId: created.uri, url: postUrl(agent.session?.handle ?? cfg.handle, created.uri) };
      } catch (err) {
        throw failure('reply failed', err);
      }
    },

    async close() {
      if (agent?.session) await agent.logout().catch(() => undefined);
    },
  };
}

/** Posts handed on in the last days, as [uri, posted at ms], next to re-check first. */
function parseRecent(value: ConnectorState[string] | undefined): Array<[string, number]> {
  if (typeof value !== 'string') return [];
  try {
    const list = JSON.parse(value) as unknown;
    return Array.isArray(list) ? list.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number') : [];
  } catch {
    return [];
  }
}

function queueRecent(recent: Array<[string, number]>, checked: Array<[string, number]>, alive: Array<[string, number]>, found: Map<string, IncomingMention>): Array<[string, number]> {
  const checkedUris = new Set(checked.map(([uri]) => uri));
  const fresh: Array<[string, number]> = [...found.values()].filter((m) => !m.deleted).map((m) => [m.externalId, m.postedAt.getTime()]);
  const seen = new Set<string>();
  return [...recent.filter(([uri]) => !checkedUris.has(uri)), ...fresh, ...alive].filter(([uri]) => !seen.has(uri) && seen.add(uri)).slice(-RECENT_KEEP);
}
