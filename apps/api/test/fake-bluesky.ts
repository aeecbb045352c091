/**
 * A local XRPC server that answers @atproto/api's AtpAgent in the documented lexicon shapes
 * (com.atproto.server.createSession / refreshSession / deleteSession, app.bsky.feed.searchPosts,
 * app.bsky.notification.listNotifications, app.bsky.feed.getPosts, com.atproto.repo.createRecord),
 * with real CIDs and DIDs so the agent's lexicon validation of every answer passes. Errors are
 * {"error", "message"}; rate limits use the RateLimit-* headers the Bluesky servers send.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** A CIDv1 (dag-cbor, sha2-256) of the given content, as the PDS computes for a record. */
export function cidOf(content: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(content)).digest();
  return `b${base32(Uint8Array.from([0x01, 0x71, 0x12, 0x20, ...digest]))}`;
}

const didFor = (handle: string) => `did:plc:${base32(createHash('sha256').update(handle).digest()).slice(0, 24)}`;

const TID_CHARS = '234567abcdefghijklmnopqrstuvwxyz';
let tidClock = 0;
/** A record key in TID form: 13 sortable base32 characters from a microsecond clock. */
function tid(): string {
  tidClock = Math.max(tidClock + 1, Date.now() * 1000);
  let n = BigInt(tidClock) << 10n;
  let s = '';
  for (let i = 0; i < 13; i++) {
    s = TID_CHARS[Number(n & 31n)] + s;
    n >>= 5n;
  }
  return s;
}

const jwt = (did: string, scope: string) =>
  [
    Buffer.from(JSON.stringify({ alg: 'ES256K', typ: 'at+jwt' })),
    Buffer.from(JSON.stringify({ scope, sub: did, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 7200, jti: randomBytes(8).toString('hex') })),
    randomBytes(16),
  ]
    .map((b) => b.toString('base64url'))
    .join('.');

type Json = Record<string, unknown>;
interface StoredPost {
  uri: string;
  cid: string;
  handle: string;
  record: Json;
  indexedAt: string;
  deleted?: boolean;
}

export interface FakeXrpcRequest {
  method: string;
  nsid: string;
  query: URLSearchParams;
  authorization: string | null;
  body: Json | null;
}

export async function startFakeBluesky(options: { handle: string; appPassword: string }) {
  const councilDid = didFor(options.handle);
  const posts: StoredPost[] = [];
  const notifications: Array<{ postUri: string; reason: string; indexedAt: string }> = [];
  const requests: FakeXrpcRequest[] = [];
  const created: Json[] = [];
  const sessions = { access: new Set<string>(), refresh: new Set<string>() };
  let refused = 0;
  // Posts are an hour old and a second apart: distinct, ordered index times.
  let clock = Date.now() - 3_600_000;
  const tick = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };

  const profile = (handle: string) => ({ did: didFor(handle), handle, displayName: handle.split('.')[0], labels: [], createdAt: '2024-01-01T00:00:00.000Z', indexedAt: '2024-01-01T00:00:00.000Z' });
  const postView = (p: StoredPost) => ({
    uri: p.uri,
    cid: p.cid,
    author: profile(p.handle),
    record: p.record,
    replyCount: 0,
    repostCount: 0,
    likeCount: 0,
    quoteCount: 0,
    indexedAt: p.indexedAt,
    labels: [],
  });

  function addPost(input: {
    handle: string;
    text: string;
    langs?: string[];
    replyTo?: { uri: string; cid: string; root?: { uri: string; cid: string } };
    mentionCouncil?: boolean;
    reason?: 'mention' | 'reply' | 'quote';
  }) {
    const indexedAt = tick();
    const record: Json = { $type: 'app.bsky.feed.post', text: input.text, createdAt: indexedAt, ...(input.langs ? { langs: input.langs } : {}) };
    if (input.replyTo) record.reply = { root: input.replyTo.root ?? { uri: input.replyTo.uri, cid: input.replyTo.cid }, parent: { uri: input.replyTo.uri, cid: input.replyTo.cid } };
    if (input.mentionCouncil) {
      const at = `@${options.handle}`;
      const start = Buffer.byteLength(input.text.slice(0, input.text.indexOf(at)));
      record.facets = [{ index: { byteStart: start, byteEnd: start + Buffer.byteLength(at) }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: councilDid }] }];
    }
    const post: StoredPost = { uri: `at://${didFor(input.handle)}/app.bsky.feed.post/${tid()}`, cid: cidOf(record), handle: input.handle, record, indexedAt };
    posts.push(post);
    if (input.reason) notifications.push({ postUri: post.uri, reason: input.reason, indexedAt });
    return post;
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json) : null;
    const authorization = req.headers.authorization ?? null;
    requests.push({ method: req.method ?? 'GET', nsid, query: url.searchParams, authorization, body });
    if (refused > 0) {
      refused -= 1;
      return send(
        res,
        429,
        { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
        { 'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 300), 'ratelimit-policy': '3000;w=300' },
      );
    }
    const bearer = authorization?.replace(/^Bearer /, '') ?? '';
    const newSession = () => {
      const accessJwt = jwt(councilDid, 'com.atproto.appPass');
      const refreshJwt = jwt(councilDid, 'com.atproto.refresh');
      sessions.access.add(accessJwt);
      sessions.refresh.add(refreshJwt);
      return { accessJwt, refreshJwt, handle: options.handle, did: councilDid, active: true };
    };
    if (nsid === 'com.atproto.server.createSession' && req.method === 'POST') {
      if (body?.identifier !== options.handle || body?.password !== options.appPassword) return send(res, 401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
      return send(res, 200, newSession());
    }
    if (nsid === 'com.atproto.server.refreshSession' && req.method === 'POST') {
      if (!sessions.refresh.delete(bearer)) return send(res, 400, { error: 'ExpiredToken', message: 'Token has been revoked' });
      return send(res, 200, newSession());
    }
    if (nsid === 'com.atproto.server.deleteSession' && req.method === 'POST') {
      sessions.refresh.delete(bearer);
      res.writeHead(200).end();
      return;
    }
    if (!sessions.access.has(bearer)) {
      return bearer ? send(res, 400, { error: 'ExpiredToken', message: 'Token has expired' }) : send(res, 401, { error: 'AuthenticationRequired', message: 'Authentication Required' });
    }
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 100);
    const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
    if (nsid === 'app.bsky.feed.searchPosts') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const since = url.searchParams.get('since');
      const hits = posts.filter((p) => !p.deleted && String(p.record.text).toLowerCase().includes(q) && (!since || p.indexedAt >= since)).sort((a, b) => b.indexedAt.localeCompare(a.indexedAt));
      const pageItems = hits.slice(offset, offset + limit);
      return send(res, 200, { posts: pageItems.map(postView), hitsTotal: hits.length, ...(offset + limit < hits.length ? { cursor: String(offset + limit) } : {}) });
    }
    if (nsid === 'app.bsky.notification.listNotifications') {
      const reasons = url.searchParams.getAll('reasons');
      const list = notifications.filter((n) => reasons.length === 0 || reasons.includes(n.reason)).sort((a, b) => b.indexedAt.localeCompare(a.indexedAt));
      const pageItems = list.slice(offset, offset + limit).flatMap((n) => {
        const p = posts.find((x) => x.uri === n.postUri && !x.deleted);
        return p ? [{ uri: p.uri, cid: p.cid, author: profile(p.handle), reason: n.reason, record: p.record, isRead: false, indexedAt: n.indexedAt, labels: [] }] : [];
      });
      return send(res, 200, { notifications: pageItems, ...(offset + limit < list.length ? { cursor: String(offset + limit) } : {}), seenAt: '2026-11-30T00:00:00.000Z' });
    }
    if (nsid === 'app.bsky.feed.getPosts') {
      const uris = url.searchParams.getAll('uris');
      if (uris.length > 25) return send(res, 400, { error: 'InvalidRequest', message: 'uris must not have more than 25 elements' });
      return send(res, 200, { posts: uris.flatMap((u) => posts.filter((p) => p.uri === u && !p.deleted)).map(postView) });
    }
    if (nsid === 'com.atproto.repo.createRecord' && req.method === 'POST') {
      if (body?.repo !== councilDid) return send(res, 400, { error: 'InvalidRequest', message: 'Input/repo must be the session account' });
      const record = body.record as Json;
      if (body.collection !== 'app.bsky.feed.post' || typeof record?.text !== 'string') return send(res, 400, { error: 'InvalidRequest', message: 'Invalid app.bsky.feed.post record' });
      created.push(body);
      const post: StoredPost = { uri: `at://${councilDid}/app.bsky.feed.post/${tid()}`, cid: cidOf(record), handle: options.handle, record, indexedAt: tick() };
      posts.push(post);
      return send(res, 200, { uri: post.uri, cid: post.cid, commit: { cid: cidOf({ commit: post.uri }), rev: tid() }, validationStatus: 'valid' });
    }
    send(res, 501, { error: 'MethodNotImplemented', message: `Method Not Implemented: ${nsid}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    councilDid,
    requests,
    created,
    addPost,
    deletePost(uri: string) {
      const p = posts.find((x) => x.uri === uri);
      if (p) p.deleted = true;
    },
    /** Every access token issued so far stops working (as after its two hours). */
    expireAccessTokens() {
      sessions.access.clear();
    },
    refuse(n: number) {
      refused = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
