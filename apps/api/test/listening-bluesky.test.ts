import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { DomainError, metresBetween } from '@groundswell/core';
import { createBlueskyConnector, postUrl } from '../src/listening/bluesky.ts';
import type { ConnectorState } from '../src/listening/connector.ts';
import type { ConnectorDeps } from '../src/listening/connectors.ts';
import { pollSource } from '../src/listening/poll-source.ts';
import { startFakeBluesky } from './fake-bluesky.ts';
import { json } from './helpers.ts';
import { listeningApp } from './listening-connector-app.ts';
import { ERROL_STATION, GRANGE } from './listening-fixtures.ts';

const HANDLE = 'perthroads.bsky.social';
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';
let server: Awaited<ReturnType<typeof startFakeBluesky>>;
let logLines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  }),
);
const deps: ConnectorDeps = { fetch, logger, now: () => new Date(), publicUrl: 'http://gs.test' };
const never = new AbortController().signal;
const connector = (extra: Record<string, unknown> = {}, password = APP_PASSWORD) =>
  createBlueskyConnector({ service: server.url, handle: `@${HANDLE}`, queries: ['ditch', 'rów'], ...extra }, { appPassword: password }, deps);

beforeAll(async () => {
  server = await startFakeBluesky({ handle: HANDLE, appPassword: APP_PASSWORD });
});
afterAll(() => server?.close());

describe('Bluesky connector through AtpAgent against a local XRPC server', () => {
  let state: ConnectorState = {};
  const c = () => connector();
  let first: ReturnType<typeof connector>;

  it('signs in with the app password and reads search results and mentions, once each', async () => {
    const searched = server.addPost({ handle: 'anna.bsky.social', text: 'The ditch by Errol station is blocked again', langs: ['en-GB'] });
    const polish = server.addPost({ handle: 'bartek.bsky.social', text: 'Rów zalany przy drodze do Errol', langs: ['pl'] });
    const root = server.addPost({ handle: 'cara.bsky.social', text: 'Roads in Perth are awful', langs: ['en'] });
    const mention = server.addPost({
      handle: 'dan.bsky.social',
      text: `@${HANDLE} the ditch on Church Road overflows`,
      langs: ['en'],
      mentionCouncil: true,
      reason: 'mention',
      replyTo: { uri: root.uri, cid: root.cid },
    });
    const quote = server.addPost({ handle: 'eve.bsky.social', text: 'Lovely walk today', reason: 'quote' });
    server.addPost({ handle: HANDLE, text: 'Our ditch team is out today' });

    first = c();
    const { mentions, state: next } = await first.poll!({}, never);
    const byUri = Object.fromEntries(mentions.map((m) => [m.externalId, m]));
    expect(Object.keys(byUri).sort()).toEqual([searched.uri, polish.uri, mention.uri, quote.uri].sort());
    expect(byUri[searched.uri]).toMatchObject({
      author: '@anna.bsky.social',
      text: 'The ditch by Errol station is blocked again',
      language: 'en',
      addressedToCouncil: false,
      url: `https://bsky.app/profile/anna.bsky.social/post/${searched.uri.split('/').at(-1)}`,
      replyRef: { uri: searched.uri, cid: searched.cid, rootUri: searched.uri, rootCid: searched.cid, handle: 'anna.bsky.social' },
    });
    expect(byUri[polish.uri]).toMatchObject({ language: 'pl', text: 'Rów zalany przy drodze do Errol' });
    // Found by search and as a notification: one mention, addressed to the council, rooted in the thread's root.
    expect(byUri[mention.uri]).toMatchObject({ addressedToCouncil: true, replyRef: { uri: mention.uri, cid: mention.cid, rootUri: root.uri, rootCid: root.cid } });
    expect(mentions.some((m) => m.author === `@${HANDLE}`)).toBe(false);
    const login = server.requests.find((r) => r.nsid === 'com.atproto.server.createSession')!;
    expect(login.body).toMatchObject({ identifier: HANDLE, password: APP_PASSWORD });
    const search = server.requests.find((r) => r.nsid === 'app.bsky.feed.searchPosts')!;
    expect(search.query.get('sort')).toBe('latest');
    expect(search.authorization).toMatch(/^Bearer /);
    expect(typeof next['search:ditch']).toBe('string');
    expect(typeof next.notifications).toBe('string');
    state = next;

    const again = await first.poll!(state, never);
    expect(again.mentions.filter((m) => !m.deleted)).toEqual([]);
    expect(server.requests.filter((r) => r.nsid === 'com.atproto.server.createSession')).toHaveLength(1);
    state = again.state;
  });

  it('pages through new search results with the cursor and refreshes an expired session', async () => {
    const added = Array.from({ length: 70 }, (_, i) => server.addPost({ handle: `p${i}.bsky.social`, text: `Ditch ${i} overflowing near Errol` }).uri);
    server.expireAccessTokens();
    const r = await first.poll!(state, never);
    expect(new Set(r.mentions.map((m) => m.externalId))).toEqual(new Set(added));
    expect(server.requests.filter((q) => q.nsid === 'com.atproto.server.refreshSession')).toHaveLength(1);
    expect(server.requests.filter((q) => q.nsid === 'app.bsky.feed.searchPosts' && q.query.get('cursor')).length).toBeGreaterThan(0);
    expect(server.requests.filter((q) => q.nsid === 'com.atproto.server.createSession')).toHaveLength(1);
    state = r.state;
  });

  it('reports a post deleted at the source as deleted', async () => {
    const post = server.addPost({ handle: 'fay.bsky.social', text: 'Pothole and a blocked ditch on the A90' });
    const r = await first.poll!(state, never);
    expect(r.mentions.map((m) => m.externalId)).toContain(post.uri);
    server.deletePost(post.uri);
    let s = r.state;
    let gone: string[] = [];
    for (let i = 0; i < 10 && gone.length === 0; i++) {
      const x = await first.poll!(s, never);
      s = x.state;
      gone = x.mentions.filter((m) => m.deleted).map((m) => m.externalId);
    }
    expect(gone).toEqual([post.uri]);
    state = s;
  });

  it('backs off on a 429 until the RateLimit-Reset time', async () => {
    server.refuse(1);
    const r = await first.poll!(state, never);
    expect(r.state.pauseUntil as number).toBeGreaterThan(Date.now() + 60_000);
    const before = server.requests.length;
    expect((await first.poll!(r.state, never)).mentions).toEqual([]);
    expect(server.requests.length).toBe(before);
    state = { ...r.state, pauseUntil: null };
  });
});

describe('Bluesky replies', () => {
  it('posts a reply with root and parent strong refs and the report link as a clickable link facet', async () => {
    const root = server.addPost({ handle: 'cara.bsky.social', text: 'Thread about Errol' });
    const parent = server.addPost({ handle: 'dan.bsky.social', text: 'ditch blocked', replyTo: { uri: root.uri, cid: root.cid } });
    const text = 'Thanks Dan, a crew goes on Tuesday — Zoë, Roads team. Follow it: http://gs.test/r/abc123';
    const sent = await connector().reply!({ uri: parent.uri, cid: parent.cid, rootUri: root.uri, rootCid: root.cid, handle: 'dan.bsky.social', did: '' }, text);
    const body = server.created.at(-1)! as { repo: string; collection: string; record: Record<string, unknown> };
    expect(body.repo).toBe(server.councilDid);
    expect(body.collection).toBe('app.bsky.feed.post');
    expect(body.record).toMatchObject({ $type: 'app.bsky.feed.post', text, reply: { root: { uri: root.uri, cid: root.cid }, parent: { uri: parent.uri, cid: parent.cid } } });
    const facets = body.record.facets as Array<{ index: { byteStart: number; byteEnd: number }; features: Array<{ $type: string; uri: string }> }>;
    expect(facets).toHaveLength(1);
    expect(facets[0]!.features[0]).toEqual({ $type: 'app.bsky.richtext.facet#link', uri: 'http://gs.test/r/abc123' });
    // Byte offsets in UTF-8 (the dash and ë are more than one byte).
    expect(Buffer.from(text).subarray(facets[0]!.index.byteStart, facets[0]!.index.byteEnd).toString()).toBe('http://gs.test/r/abc123');
    expect(sent.url).toBe(postUrl(HANDLE, sent.externalId));
    expect(sent.externalId).toMatch(new RegExp(`^at://${server.councilDid}/app.bsky.feed.post/`));
  });

  it('refuses a reply over 300 graphemes before posting (emoji count once)', async () => {
    const before = server.created.length;
    await expect(connector().reply!({ uri: 'at://did:plc:x/app.bsky.feed.post/1', cid: 'b', rootUri: '', rootCid: '', handle: 'x' }, '👍🏽'.repeat(301))).rejects.toThrow(/at most 300/);
    expect(server.created.length).toBe(before);
    const target = server.addPost({ handle: 'x.bsky.social', text: 'hi' });
    const ok = await connector().reply!({ uri: target.uri, cid: target.cid, rootUri: '', rootCid: '', handle: 'x.bsky.social' }, '👍🏽'.repeat(300));
    expect(ok.externalId).toMatch(/^at:\/\//);
    expect(server.created.at(-1)).toMatchObject({ record: { reply: { root: { uri: target.uri }, parent: { uri: target.uri } } } });
  });
});

describe('Bluesky configuration and secrets', () => {
  it('names the bad fields', () => {
    let error: unknown;
    try {
      createBlueskyConnector({ service: 'not a url', handle: 'no handle', queries: ['x'] }, { appPassword: '' }, deps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).errors.map((e) => e.field)).toEqual(expect.arrayContaining(['config.service', 'config.handle', 'config.queries.0']));
    expect(() => createBlueskyConnector({ service: server.url, handle: HANDLE }, {}, deps)).toThrow(/secrets\.appPassword/);
  });

  it('a refused app password fails the poll without showing it', async () => {
    logLines = [];
    const wrong = 'wxyz-wxyz-wxyz-wxyz';
    const error = await connector({}, wrong).poll!({}, never).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/sign-in failed.*401/);
    expect(error?.message).not.toContain(wrong);
    expect(logLines.join('')).not.toContain(wrong);
  });
});

describe('Bluesky end to end: search and a mention, the inbox, the reply', () => {
  let app: Awaited<ReturnType<typeof listeningApp>>;
  let pds: Awaited<ReturnType<typeof startFakeBluesky>>;
  let sourceId = 0;
  beforeAll(async () => {
    pds = await startFakeBluesky({ handle: HANDLE, appPassword: APP_PASSWORD });
    app = await listeningApp();
    sourceId = await app.addSource('bluesky', HANDLE, { service: pds.url, handle: HANDLE, queries: 'ditch, flooding' }, { appPassword: APP_PASSWORD });
  });
  afterAll(async () => {
    await app?.ctx.close();
    await pds?.close();
  });

  it('stores the posts located at Grange and Errol Station, and answers the mention in its thread with a clickable link', async () => {
    const searched = pds.addPost({ handle: 'anna.bsky.social', text: 'Ditch overflowing at Grange, the road is flooding', langs: ['en'] });
    const root = pds.addPost({ handle: 'cara.bsky.social', text: 'Anyone else seeing water on the roads?', langs: ['en'] });
    const mention = pds.addPost({
      handle: 'bartek.bsky.social',
      text: `@${HANDLE} rów zalany przy Errol Station`,
      langs: ['pl'],
      mentionCouncil: true,
      reason: 'reply',
      replyTo: { uri: root.uri, cid: root.cid },
    });

    const polled = await pollSource(app.ctx.deps, sourceId);
    expect(polled.error).toBeUndefined();
    expect(polled.outcomes).toEqual({ stored: 2 });
    const mentions = await app.inbox(sourceId);
    const a = mentions.find((m: { url: string }) => m.url === postUrl('anna.bsky.social', searched.uri));
    expect(a).toMatchObject({ author: '@anna.bsky.social', language: 'en', addressedToCouncil: false, source: { kind: 'bluesky' } });
    expect(metresBetween(a.location, GRANGE)).toBeLessThan(50);
    const b = mentions.find((m: { url: string }) => m.url === postUrl('bartek.bsky.social', mention.uri));
    expect(b).toMatchObject({ author: '@bartek.bsky.social', language: 'pl', addressedToCouncil: true });
    expect(metresBetween(b.location, ERROL_STATION)).toBeLessThan(50);

    const text = 'Dziękujemy, Bartek. Ekipa będzie we wtorek: http://gs.test/r/abc123 Kasia, zespół drogowy';
    const reply = await app.reply(b.id, text);
    expect(reply.status).toBe(200);
    expect((await json(reply)).mention.state).toBe('answered');
    const record = (pds.created.at(-1) as { record: { text: string; reply: unknown; facets: Array<{ index: { byteStart: number; byteEnd: number }; features: unknown[] }> } }).record;
    expect(record.text).toBe(text);
    expect(record.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: mention.uri, cid: mention.cid } });
    expect(record.facets[0]!.features).toEqual([{ $type: 'app.bsky.richtext.facet#link', uri: 'http://gs.test/r/abc123' }]);
    expect(Buffer.from(text).subarray(record.facets[0]!.index.byteStart, record.facets[0]!.index.byteEnd).toString()).toBe('http://gs.test/r/abc123');
    expect((await pollSource(app.ctx.deps, sourceId)).outcomes).toEqual({});
  });
});
