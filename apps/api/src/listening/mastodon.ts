import { REPLY_LIMITS } from '@groundswell/core';
import type { mastodon } from 'masto';
import { z } from 'zod';
import { validationError } from '../http/problem.ts';
import type { Connector, ConnectorState, IncomingMention, PollResult, SentReply } from './connector.ts';
import type { ConnectorDeps } from './connectors.ts';

const tagName = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#/, ''))
  .pipe(z.string().regex(/^[\p{L}\p{N}_]+$/u, 'A hashtag is letters, digits and _'));

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

const MastodonConfig = z.object({
  instanceUrl: z.url({ protocol: /^https?$/ }),
  hashtags: listOf(tagName).default([]),
  /** Full-text status search: only where the server has it (Elasticsearch) and for posts that opted in. */
  keywords: listOf(z.string().trim().min(2)).default([]),
  /** The council's account, `name` or `name@server`: mentions of it are addressed to the council. */
  account: z
    .string()
    .trim()
    .transform((s) => s.replace(/^@/, '').toLowerCase())
    .optional(),
  /** Replies are unlisted unless the officer's answer should be seen only by the person (direct). */
  replyVisibility: z.enum(['public', 'unlisted', 'private', 'direct']).default('unlisted'),
  /** Statuses already handed on are re-fetched a few per poll: a 404 means deleted at the source. */
  recheckPerPoll: z.number().int().min(0).max(20).default(3),
  maxPagesPerPoll: z.number().int().min(1).max(20).default(5),
});
export type MastodonConfig = z.infer<typeof MastodonConfig>;

const MastodonSecrets = z.object({ accessToken: z.string().min(1).optional() });

/** Requests kept back from the server's budget (300 per 5 minutes) for replies and the other sources. */
const RATE_RESERVE = 10;
const PAGE = 40;
const FIRST_PAGE = 20;
const RECENT_KEEP = 100;
const RECENT_DAYS = 7;

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].length;

/** Mastodon ids are snowflakes as decimal strings: compare by length, then by text. */
const newer = (a: string, b: string | null | undefined) => !b || a.length > b.length || (a.length === b.length && a > b);

type HtmlToText = typeof import('html-to-text').convert;

/** masto's MastoHttpError, known by its shape (the library is loaded lazily). */
const httpStatus = (err: unknown): number | null => {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : null;
};
const describe = (err: unknown) => (httpStatus(err) !== null ? `${httpStatus(err)} ${(err as Error).message}` : (err as Error).message);

export function statusText(status: Pick<mastodon.v1.Status, 'content' | 'spoilerText'>, convert: HtmlToText): string {
  const body = convert(status.content ?? '', { wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }] }).trim();
  return status.spoilerText ? `${status.spoilerText}\n\n${body}` : body;
}

class RateLimited extends Error {}

/**
 * A Mastodon-compatible server (masto.js): the council's hashtags (tag timelines), keyword
 * search where the server offers it, and mentions of the council's account (notifications of
 * type mention). Each source keeps its own cursor (the newest id read) in the connector state
 * and reads forward from it page by page. The server's rate limit is read from every answer:
 * near the end of the budget, or on a 429, the connector stops and waits until the reset time
 * (kept in the state). Statuses handed on are re-checked a few at a time so a deletion at the
 * source reaches the inbox.
 */
export function createMastodonConnector(config: Record<string, unknown>, secrets: Record<string, string>, deps: ConnectorDeps): Connector {
  const parsedConfig = MastodonConfig.safeParse(config);
  if (!parsedConfig.success) throw validationError(parsedConfig.error, 'config');
  const parsedSecrets = MastodonSecrets.safeParse(secrets);
  if (!parsedSecrets.success) throw validationError(parsedSecrets.error, 'secrets');
  const cfg = parsedConfig.data;
  const { accessToken } = parsedSecrets.data;
  const server = new URL(cfg.instanceUrl);
  let restClient: mastodon.rest.Client | null = null;
  // masto is loaded with the first poll or reply, not with the server.
  const api = async () => {
    if (!restClient) {
      const { createRestAPIClient } = await import('masto');
      restClient = createRestAPIClient({
        url: server.origin,
        ...(accessToken ? { accessToken } : {}),
        timeout: 30_000,
        log: 'error',
        requestInit: { headers: { 'user-agent': `Groundswell listening (+${deps.publicUrl})` } },
      });
    }
    return restClient;
  };

  const ownAccount = cfg.account ?? null;
  /** `roads` on our own server and `roads@council.social` from elsewhere are the same account. */
  const isCouncil = (acct: string) => {
    if (!ownAccount) return false;
    const a = acct.toLowerCase();
    const [name, host] = ownAccount.split('@');
    return a === ownAccount || a === name || (host !== undefined && a === `${name}@${host}`) || (host === undefined && a === `${name}@${server.hostname}`);
  };

  const toMention = (status: mastodon.v1.Status, addressed: boolean, convert: HtmlToText): IncomingMention | null => {
    const s = status.reblog ?? status;
    if (isCouncil(s.account.acct)) return null;
    const lang = (s.language ?? '').slice(0, 2).toLowerCase();
    return {
      externalId: s.uri,
      url: s.url ?? s.uri,
      author: `@${s.account.acct}`,
      text: statusText(s, convert),
      language: lang === 'en' || lang === 'pl' ? lang : null,
      postedAt: new Date(s.createdAt),
      addressedToCouncil: addressed || s.mentions.some((m) => isCouncil(m.acct)),
      replyRef: { statusId: s.id, acct: s.account.acct, visibility: s.visibility },
    };
  };

  return {
    kind: 'mastodon',
    async poll(state: ConnectorState, signal: AbortSignal): Promise<PollResult> {
      const now = deps.now().getTime();
      const next: ConnectorState = { ...state };
      if (typeof state.pauseUntil === 'number' && now < state.pauseUntil) return { mentions: [], state: next };
      next.pauseUntil = null;
      const [client, { convert }] = await Promise.all([api(), import('html-to-text')]);
      const found = new Map<string, IncomingMention>();
      const add = (m: IncomingMention | null) => {
        if (!m) return;
        const before = found.get(m.externalId);
        // The same status found by a hashtag and as a mention: it was addressed to the council.
        found.set(m.externalId, before ? { ...before, addressedToCouncil: before.addressedToCouncil || m.addressedToCouncil } : m);
      };

      /** Reads the budget from an answer; stops the poll when it runs low. */
      const spend = (headers: Headers) => {
        const remaining = Number(headers.get('x-ratelimit-remaining'));
        const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
        if (Number.isFinite(remaining) && headers.has('x-ratelimit-remaining') && remaining <= RATE_RESERVE) {
          next.pauseUntil = Number.isFinite(reset) ? reset : now + 5 * 60_000;
          throw new RateLimited();
        }
      };
      const onError = (err: unknown, what: string) => {
        if (httpStatus(err) === 429) {
          const cause = (err as { cause?: unknown }).cause;
          const headers = cause instanceof Response ? cause.headers : null;
          const reset = Date.parse(headers?.get('x-ratelimit-reset') ?? '');
          const retryAfter = Number(headers?.get('retry-after'));
          next.pauseUntil = Number.isFinite(reset) ? reset : Number.isFinite(retryAfter) ? now + retryAfter * 1000 : now + 60_000;
          throw new RateLimited();
        }
        if (err instanceof RateLimited) throw err;
        // One source failing (search switched off, a tag blocked) must not stop the others.
        deps.logger.warn({ server: server.origin, what, err: describe(err) }, 'mastodon source failed');
      };

      /** Reads a timeline forward from its cursor, newest pages last; the first read takes one page only. */
      const readForward = async <T extends { id: string }>(
        key: string,
        page: (params: { minId?: string; limit: number }) => mastodon.Paginator<{ headers: Headers; data: T[] }>,
        take: (item: T) => void,
        what: string,
      ) => {
        const cursor = typeof state[key] === 'string' ? (state[key] as string) : null;
        try {
          const pages = page(cursor ? { minId: cursor, limit: PAGE } : { limit: FIRST_PAGE });
          const iterable = cursor ? pages.setDirection('prev') : pages;
          let count = 0;
          let newest = cursor;
          for await (const res of iterable) {
            for (const item of res.data) {
              take(item);
              if (newest === null || newer(item.id, newest)) newest = item.id;
            }
            next[key] = newest;
            spend(res.headers);
            count += 1;
            if (!cursor || res.data.length === 0 || count >= cfg.maxPagesPerPoll || signal.aborted) break;
          }
        } catch (err) {
          onError(err, what);
        }
      };

      try {
        for (const tag of cfg.hashtags) {
          if (signal.aborted) break;
          await readForward(
            `tag:${tag}`,
            (p) => client.v1.timelines.tag.$select(tag).list.$raw(p),
            (s: mastodon.v1.Status) => add(toMention(s, false, convert)),
            `#${tag}`,
          );
        }
        if (accessToken && !signal.aborted) {
          await readForward(
            'mentions',
            (p) => client.v1.notifications.list.$raw({ ...p, types: ['mention'] }),
            (n: mastodon.v1.Notification) => {
              if (n.type === 'mention' && n.status) add(toMention(n.status, true, convert));
            },
            'mentions',
          );
        }
        for (const keyword of cfg.keywords) {
          if (signal.aborted || !accessToken) break;
          const key = `search:${keyword}`;
          const cursor = typeof state[key] === 'string' ? (state[key] as string) : null;
          try {
            const res = await client.v2.search.list.$raw({ q: keyword, type: 'statuses', resolve: false, limit: cursor ? PAGE : FIRST_PAGE, ...(cursor ? { minId: cursor } : {}) });
            let newest = cursor;
            for (const s of res.data.statuses) {
              if (cursor && !newer(s.id, cursor)) continue;
              add(toMention(s, false, convert));
              if (newer(s.id, newest)) newest = s.id;
            }
            next[key] = newest;
            spend(res.headers);
          } catch (err) {
            onError(err, `search "${keyword}"`);
          }
        }

        // Deletions at the source: re-fetch a few of the statuses handed on, oldest check first.
        const recent = parseRecent(state.recent).filter(([, , at]) => at > now - RECENT_DAYS * 86_400_000);
        const checked: Array<[string, string, number]> = [];
        for (let i = 0; i < Math.min(cfg.recheckPerPoll, recent.length) && !signal.aborted; i++) {
          const entry = recent[i]!;
          try {
            const res = await client.v1.statuses.$select(entry[0]).fetch.$raw();
            checked.push(entry);
            spend(res.headers);
          } catch (err) {
            if (httpStatus(err) === 404 || httpStatus(err) === 410) {
              found.set(entry[1], { externalId: entry[1], url: null, author: null, text: '', postedAt: new Date(entry[2]), addressedToCouncil: false, replyRef: {}, deleted: true });
              continue;
            }
            checked.push(entry);
            onError(err, 'recheck');
          }
        }
        next.recent = JSON.stringify(queueRecent(recent, checked, found));
      } catch (err) {
        if (!(err instanceof RateLimited)) throw err;
        const recent = parseRecent(state.recent);
        next.recent = JSON.stringify(queueRecent(recent, [], found));
        deps.logger.info({ server: server.origin, until: new Date(Number(next.pauseUntil)).toISOString() }, 'mastodon rate limit: pausing');
      }
      return { mentions: [...found.values()], state: next };
    },

    async reply(replyRef: Record<string, string>, text: string): Promise<SentReply> {
      if (!accessToken) throw new Error('Replying on Mastodon needs the account access token');
      const statusId = replyRef.statusId;
      if (!statusId) throw new Error('This mention has no status to answer');
      // Without the author's handle in the text, Mastodon does not tell them of the answer.
      const handle = replyRef.acct ? `@${replyRef.acct}` : '';
      const status = handle && !text.toLowerCase().includes(handle.toLowerCase()) ? `${handle} ${text}` : text;
      const limit = REPLY_LIMITS.mastodon;
      if (graphemes(status) > limit) throw new Error(`A Mastodon reply is at most ${limit} characters; this one has ${graphemes(status)}`);
      // An answer to a private or direct post stays between the council and the person.
      const visibility = replyRef.visibility === 'direct' || replyRef.visibility === 'private' ? 'direct' : cfg.replyVisibility;
      try {
        const client = await api();
        const created = await client.v1.statuses.create({ status, inReplyToId: statusId, visibility });
        return { externalId: created.uri, url: created.url ?? created.uri };
      } catch (err) {
        throw new Error(`The Mastodon reply failed (${server.origin}): ${describe(err)}`);
      }
    },
  };
}

/** The statuses handed on in the last days, as [local id, uri, posted at ms], next to re-check first. */
function parseRecent(value: ConnectorState[string] | undefined): Array<[string, string, number]> {
  if (typeof value !== 'string') return [];
  try {
    const list = JSON.parse(value) as unknown;
    return Array.isArray(list) ? list.filter((e): e is [string, string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'number') : [];
  } catch {
    return [];
  }
}

function queueRecent(recent: Array<[string, string, number]>, checked: Array<[string, string, number]>, found: Map<string, IncomingMention>): Array<[string, string, number]> {
  const done = new Set(checked.map((e) => e[1]));
  const fresh: Array<[string, string, number]> = [];
  for (const m of found.values()) if (!m.deleted && m.replyRef.statusId) fresh.push([m.replyRef.statusId, m.externalId, m.postedAt.getTime()]);
  const gone = new Set([...found.values()].filter((m) => m.deleted).map((m) => m.externalId));
  const seen = new Set<string>();
  // Not yet checked first, then the new ones, then the ones just checked (to the back of the queue).
  return [...recent.filter((e) => !done.has(e[1])), ...fresh, ...checked].filter((e) => !gone.has(e[1]) && !seen.has(e[1]) && seen.add(e[1])).slice(-RECENT_KEEP);
}
