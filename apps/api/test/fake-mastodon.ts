/**
 * A local HTTP server that answers masto.js the way a Mastodon server does, in the documented
 * JSON shapes (docs.joinmastodon.org: Status, Account, Notification, Search; tag timeline and
 * notifications paged with Link headers and max_id/since_id/min_id; X-RateLimit-* headers;
 * errors as {"error": ...}). Only what the listening connector calls is here.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeStatusInput {
  acct: string;
  html: string;
  tags?: string[];
  language?: string | null;
  visibility?: 'public' | 'unlisted' | 'private' | 'direct';
  mentions?: string[];
  spoilerText?: string;
  createdAt?: string;
  /** Findable by full-text search (the author opted in to search). */
  indexable?: boolean;
}

type Json = Record<string, unknown>;

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  body: Json | null;
}

export async function startFakeMastodon(options: { token: string; councilAcct: string; rateLimit?: number }) {
  const host = '127.0.0.1';
  let base = '';
  let seq = 110_000_000_000_000_000n;
  const nextId = () => String(++seq);
  const statuses = new Map<string, Json & { id: string; _tags: string[]; _indexable: boolean; _deleted?: boolean }>();
  const notifications: Json[] = [];
  const requests: FakeRequest[] = [];
  const posted: Json[] = [];
  const limit = options.rateLimit ?? 300;
  let remaining = limit;
  let tooMany = 0;
  const reset = () => new Date(Date.now() + 5 * 60_000).toISOString();

  const account = (acct: string): Json => {
    const username = acct.split('@')[0]!;
    const remote = acct.includes('@');
    return {
      id: String(Math.abs([...acct].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))),
      username,
      acct,
      display_name: username[0]!.toUpperCase() + username.slice(1),
      locked: false,
      bot: false,
      discoverable: true,
      group: false,
      created_at: '2024-01-01T00:00:00.000Z',
      note: '',
      url: remote ? `https://${acct.split('@')[1]}/@${username}` : `${base}/@${username}`,
      avatar: `${base}/avatars/original/missing.png`,
      avatar_static: `${base}/avatars/original/missing.png`,
      header: `${base}/headers/original/missing.png`,
      header_static: `${base}/headers/original/missing.png`,
      followers_count: 3,
      following_count: 5,
      statuses_count: 12,
      last_status_at: '2026-11-29',
      emojis: [],
      fields: [],
    };
  };

  function addStatus(input: FakeStatusInput): Json {
    const id = nextId();
    const acct = input.acct;
    const username = acct.split('@')[0]!;
    const url = acct.includes('@') ? `https://${acct.split('@')[1]}/@${username}/${id}` : `${base}/@${username}/${id}`;
    const status = {
      id,
      uri: acct.includes('@') ? `https://${acct.split('@')[1]}/users/${username}/statuses/${id}` : `${base}/users/${username}/statuses/${id}`,
      url,
      created_at: input.createdAt ?? new Date().toISOString(),
      account: account(acct),
      content: input.html,
      visibility: input.visibility ?? 'public',
      sensitive: false,
      spoiler_text: input.spoilerText ?? '',
      media_attachments: [],
      application: null,
      mentions: (input.mentions ?? []).map((m) => ({ id: account(m).id, username: m.split('@')[0], url: account(m).url, acct: m })),
      tags: (input.tags ?? []).map((t) => ({ name: t.toLowerCase(), url: `${base}/tags/${t.toLowerCase()}` })),
      emojis: [],
      reblogs_count: 0,
      favourites_count: 0,
      replies_count: 0,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      reblog: null,
      poll: null,
      card: null,
      language: input.language === undefined ? 'en' : input.language,
      text: null,
      edited_at: null,
      _tags: (input.tags ?? []).map((t) => t.toLowerCase()),
      _indexable: input.indexable ?? true,
    };
    statuses.set(id, status);
    if ((input.mentions ?? []).includes(options.councilAcct)) {
      notifications.push({ id: nextId(), type: 'mention', group_key: `ungrouped-${id}`, created_at: status.created_at, account: status.account, status: id });
    }
    return status;
  }

  const visible = (s: Json & { _deleted?: boolean }) => !s._deleted;
  const publicShape = ({ _tags, _indexable, _deleted, ...s }: Json & { _tags?: unknown; _indexable?: unknown; _deleted?: unknown }) => s;

  /** Mastodon's paging: newest first; max_id/since_id/min_id; Link next (older) and prev (newer). */
  function page<T extends { id: string }>(items: T[], query: URLSearchParams, path: string) {
    const big = (s: string | null) => (s ? BigInt(s) : null);
    const max = big(query.get('max_id'));
    const since = big(query.get('since_id'));
    const min = big(query.get('min_id'));
    const lim = Math.min(Number(query.get('limit') ?? 20) || 20, 40);
    let list = [...items].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    if (max !== null) list = list.filter((i) => BigInt(i.id) < max);
    if (since !== null) list = list.filter((i) => BigInt(i.id) > since);
    if (min !== null) list = list.filter((i) => BigInt(i.id) > min).slice(-lim);
    else list = list.slice(0, lim);
    const links: string[] = [];
    if (list.length > 0) {
      const keep = new URLSearchParams([...query].filter(([k]) => !['max_id', 'since_id', 'min_id'].includes(k)));
      const older = new URLSearchParams(keep);
      older.set('max_id', list.at(-1)!.id);
      const newerQ = new URLSearchParams(keep);
      newerQ.set('min_id', list[0]!.id);
      links.push(`<${base}${path}?${older}>; rel="next"`, `<${base}${path}?${newerQ}>; rel="prev"`);
    }
    return { list, link: links.join(', ') };
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': reset(),
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  async function readBody(req: IncomingMessage): Promise<Json | null> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (chunks.length === 0) return null;
    const text = Buffer.concat(chunks).toString('utf8');
    if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(text) as Json;
    return Object.fromEntries(new URLSearchParams(text));
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const body = req.method === 'POST' ? await readBody(req) : null;
    const authorization = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization, body });
    remaining -= 1;
    if (tooMany > 0) {
      tooMany -= 1;
      return send(res, 429, { error: 'Too many requests' }, { 'x-ratelimit-remaining': '0' });
    }
    const authed = authorization === `Bearer ${options.token}`;
    const needsAuth = () => (authed ? false : (send(res, 401, { error: 'The access token is invalid' }), true));

    let m = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && m) {
      const tag = decodeURIComponent(m[1]!).toLowerCase();
      const { list, link } = page(
        [...statuses.values()].filter((s) => visible(s) && s.visibility === 'public' && s._tags.includes(tag)),
        url.searchParams,
        url.pathname,
      );
      return send(res, 200, list.map(publicShape), link ? { link } : {});
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/notifications') {
      if (needsAuth()) return;
      const types = url.searchParams.getAll('types[]');
      const items = notifications
        .filter((n) => types.length === 0 || types.includes(String(n.type)))
        .filter((n) => statuses.get(String(n.status)) && visible(statuses.get(String(n.status))!)) as Array<Json & { id: string }>;
      const { list, link } = page(items, url.searchParams, url.pathname);
      return send(
        res,
        200,
        list.map((n) => ({ ...n, status: publicShape(statuses.get(String(n.status))!) })),
        link ? { link } : {},
      );
    }
    if (req.method === 'GET' && url.pathname === '/api/v2/search') {
      if (needsAuth()) return;
      if (url.searchParams.get('type') !== 'statuses') return send(res, 200, { accounts: [], statuses: [], hashtags: [] });
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const hits = [...statuses.values()].filter((s) => visible(s) && s._indexable && s.visibility === 'public' && String(s.content).toLowerCase().includes(q));
      const { list } = page(hits, url.searchParams, url.pathname);
      return send(res, 200, { accounts: [], statuses: list.map(publicShape), hashtags: [] });
    }
    m = /^\/api\/v1\/statuses\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && m) {
      const s = statuses.get(m[1]!);
      if (!s || !visible(s)) return send(res, 404, { error: 'Record not found' });
      return send(res, 200, publicShape(s));
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/statuses') {
      if (needsAuth()) return;
      const text = String(body?.status ?? '');
      if (!text) return send(res, 422, { error: "Validation failed: Text can't be blank", details: { text: [{ error: 'ERR_BLANK', description: "can't be blank" }] } });
      if ([...new Intl.Segmenter().segment(text)].length > 500) return send(res, 422, { error: 'Validation failed: Text character limit of 500 exceeded' });
      const inReplyTo = body?.in_reply_to_id ? String(body.in_reply_to_id) : null;
      if (inReplyTo && !statuses.get(inReplyTo)) return send(res, 404, { error: 'Record not found' });
      const created = addStatus({
        acct: options.councilAcct,
        html: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
        visibility: (body?.visibility as FakeStatusInput['visibility']) ?? 'public',
      });
      created.in_reply_to_id = inReplyTo;
      created.in_reply_to_account_id = inReplyTo ? (statuses.get(inReplyTo)!.account as Json).id : null;
      posted.push({ ...body });
      return send(res, 200, publicShape(created));
    }
    send(res, 404, { error: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    posted,
    addStatus,
    deleteStatus(id: string) {
      const s = statuses.get(id);
      if (s) s._deleted = true;
    },
    status: (id: string) => statuses.get(id),
    /** The next n requests are answered 429. */
    refuse(n: number) {
      tooMany = n;
    },
    setRemaining(n: number) {
      remaining = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
