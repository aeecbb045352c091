import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { DomainError, metresBetween } from '@groundswell/core';
import type { ConnectorState } from '../src/listening/connector.ts';
import type { ConnectorDeps } from '../src/listening/connectors.ts';
import { createMastodonConnector } from '../src/listening/mastodon.ts';
import { pollSource } from '../src/listening/poll-source.ts';
import { startFakeMastodon } from './fake-mastodon.ts';
import { json } from './helpers.ts';
import { listeningApp } from './listening-connector-app.ts';
import { ERROL_STATION, GRANGE } from './listening-fixtures.ts';

const TOKEN = 'masto-token-never-logged-123';
let server: Awaited<ReturnType<typeof startFakeMastodon>>;
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

const connector = (extra: Record<string, unknown> = {}, token: string | null = TOKEN) =>
  createMastodonConnector({ instanceUrl: server.url, hashtags: ['#ErrolDitches'], keywords: ['pothole'], account: '@roads', ...extra }, token ? { accessToken: token } : {}, deps);

beforeAll(async () => {
  server = await startFakeMastodon({ token: TOKEN, councilAcct: 'roads' });
});
afterAll(() => server?.close());

describe('Mastodon connector through masto.js against a local server in Mastodon shapes', () => {
  let state: ConnectorState = {};
  const ids: Record<string, string> = {};

  it('reads the hashtag timeline, the mentions of the council account and keyword search, once each', async () => {
    ids.tagged = String(
      server.addStatus({
        acct: 'anna@social.example',
        html: '<p>Ditch blocked by the Errol road again <a href="https://social.example/tags/errolditches" class="mention hashtag">#<span>ErrolDitches</span></a></p>',
        tags: ['ErrolDitches'],
      }).id,
    );
    ids.mention = String(
      server.addStatus({
        acct: 'bob',
        html: '<p><span class="h-card"><a href="x" class="u-url mention">@<span>roads</span></a></span> rów zalany przy stacji w Errol</p><p>od tygodnia</p>',
        mentions: ['roads'],
        language: 'pl',
      }).id,
    );
    ids.both = String(server.addStatus({ acct: 'cara', html: '<p>@roads flooding again #ErrolDitches</p>', tags: ['ErrolDitches'], mentions: ['roads'], language: null }).id);
    ids.search = String(server.addStatus({ acct: 'dan@other.example', html: '<p>Huge pothole on Main Street</p>' }).id);
    ids.own = String(server.addStatus({ acct: 'roads', html: '<p>Our own post #ErrolDitches</p>', tags: ['ErrolDitches'] }).id);
    server.addStatus({ acct: 'eve', html: '<p>Nothing to see</p>', tags: ['other'] });

    const { mentions, state: next } = await connector().poll!({}, never);
    const byId = Object.fromEntries(mentions.map((m) => [m.replyRef.statusId, m]));
    expect(Object.keys(byId).sort()).toEqual([ids.tagged, ids.mention, ids.both, ids.search].sort());
    expect(byId[ids.tagged!]).toMatchObject({
      author: '@anna@social.example',
      text: 'Ditch blocked by the Errol road again #ErrolDitches',
      language: 'en',
      addressedToCouncil: false,
      url: `https://social.example/@anna/${ids.tagged}`,
      externalId: `https://social.example/users/anna/statuses/${ids.tagged}`,
      replyRef: { statusId: ids.tagged, acct: 'anna@social.example', visibility: 'public' },
    });
    expect(byId[ids.mention!]).toMatchObject({ text: '@roads rów zalany przy stacji w Errol\n\nod tygodnia', language: 'pl', addressedToCouncil: true });
    expect(byId[ids.both!]).toMatchObject({ addressedToCouncil: true, language: null });
    expect(byId[ids.search!]).toMatchObject({ text: 'Huge pothole on Main Street', addressedToCouncil: false });
    expect(byId[ids.tagged!]!.postedAt).toBeInstanceOf(Date);
    // Cursors: the newest id read from each source (our own post is read, and skipped).
    expect(next['tag:ErrolDitches']).toBe(ids.own);
    expect(next['search:pothole']).toBe(ids.search);
    expect(typeof next.mentions).toBe('string');
    expect(server.requests.find((r) => r.path === '/api/v1/notifications')!.query.getAll('types[]')).toEqual(['mention']);
    expect(Object.fromEntries(server.requests.find((r) => r.path === '/api/v2/search')!.query)).toMatchObject({ q: 'pothole', type: 'statuses', resolve: 'false' });
    // The token went only in the Authorization header.
    expect(server.requests.some((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(server.requests.some((r) => [...r.query.values()].join(' ').includes(TOKEN))).toBe(false);
    state = next;

    const again = await connector().poll!(state, never);
    expect(again.mentions.filter((m) => !m.deleted)).toEqual([]);
    state = again.state;
  });

  it('pages forward through a busy hashtag with the Link header and hands each status on once', async () => {
    const added = Array.from({ length: 55 }, (_, i) => String(server.addStatus({ acct: `p${i}`, html: `<p>Ditch ${i} #ErrolDitches</p>`, tags: ['ErrolDitches'] }).id));
    const before = server.requests.length;
    const r = await connector({ recheckPerPoll: 0 }).poll!(state, never);
    const got = r.mentions.map((m) => m.replyRef.statusId);
    expect(new Set(got)).toEqual(new Set(added));
    expect(got).toHaveLength(55);
    const tagRequests = server.requests.slice(before).filter((q) => q.path.startsWith('/api/v1/timelines/tag/'));
    expect(tagRequests.length).toBeGreaterThanOrEqual(2);
    expect(tagRequests[0]!.query.get('min_id')).toBe(state['tag:ErrolDitches']);
    expect(r.state['tag:ErrolDitches']).toBe(added.at(-1));
    state = r.state;
  });

  it('reports a status deleted at the source (a 404 on re-check) as deleted', async () => {
    server.deleteStatus(ids.tagged!);
    let deleted: Array<{ externalId: string; deleted?: boolean }> = [];
    for (let i = 0; i < 40 && deleted.length === 0; i++) {
      const r = await connector({ recheckPerPoll: 5 }).poll!(state, never);
      state = r.state;
      deleted = r.mentions.filter((m) => m.deleted);
    }
    expect(deleted).toEqual([expect.objectContaining({ externalId: `https://social.example/users/anna/statuses/${ids.tagged}`, deleted: true })]);
    expect(String(state.recent)).not.toContain(`"${ids.tagged}"`);
  });

  it('stops near the end of the rate-limit budget and waits until the reset time', async () => {
    server.setRemaining(12);
    const r = await connector().poll!(state, never);
    expect(typeof r.state.pauseUntil).toBe('number');
    expect(r.state.pauseUntil as number).toBeGreaterThan(Date.now() + 60_000);
    const before = server.requests.length;
    const paused = await connector().poll!(r.state, never);
    expect(paused.mentions).toEqual([]);
    expect(server.requests.length).toBe(before);
    server.setRemaining(300);
    state = { ...r.state, pauseUntil: null };
  });

  it('backs off on a 429 and keeps its cursors', async () => {
    server.refuse(1);
    const r = await connector().poll!(state, never);
    expect(r.mentions).toEqual([]);
    expect(r.state.pauseUntil as number).toBeGreaterThan(Date.now());
    expect(r.state['tag:ErrolDitches']).toBe(state['tag:ErrolDitches']);
    const fresh = String(server.addStatus({ acct: 'fay', html: '<p>After the pause #ErrolDitches</p>', tags: ['ErrolDitches'] }).id);
    const after = await connector().poll!({ ...r.state, pauseUntil: Date.now() - 1 }, never);
    expect(after.mentions.map((m) => m.replyRef.statusId)).toContain(fresh);
  });

  it('reads a public hashtag without a token, and skips mentions and search', async () => {
    const before = server.requests.length;
    const r = await connector({}, null).poll!({}, never);
    expect(r.mentions.length).toBeGreaterThan(0);
    const paths = server.requests.slice(before).map((q) => q.path);
    expect(paths.every((p) => p.startsWith('/api/v1/timelines/tag/') || p.startsWith('/api/v1/statuses/'))).toBe(true);
  });
});

describe('Mastodon replies', () => {
  it('posts a status in reply, mentioning the author, unlisted by default', async () => {
    const original = server.addStatus({ acct: 'anna@social.example', html: '<p>Blocked ditch #ErrolDitches</p>', tags: ['ErrolDitches'] });
    const sent = await connector().reply!(
      { statusId: String(original.id), acct: 'anna@social.example', visibility: 'public' },
      'Thanks Anna, a crew is going on Tuesday. Tom, Roads team http://gs.test/r/abc',
    );
    const body = server.posted.at(-1)!;
    expect(body).toMatchObject({
      in_reply_to_id: String(original.id),
      visibility: 'unlisted',
      status: '@anna@social.example Thanks Anna, a crew is going on Tuesday. Tom, Roads team http://gs.test/r/abc',
    });
    const created = server.status(String(sent.url).split('/').at(-1)!)!;
    expect(created.in_reply_to_id).toBe(String(original.id));
    expect(sent.externalId).toBe(created.uri);
  });

  it('answers a direct mention directly, and a configured direct visibility always', async () => {
    const dm = server.addStatus({ acct: 'bob', html: '<p>@roads my address is 3 Main St</p>', mentions: ['roads'], visibility: 'direct' });
    await connector().reply!({ statusId: String(dm.id), acct: 'bob', visibility: 'direct' }, '@bob Thank you, noted.');
    expect(server.posted.at(-1)).toMatchObject({ visibility: 'direct', status: '@bob Thank you, noted.' });
    const pub = server.addStatus({ acct: 'cara', html: '<p>x</p>' });
    await connector({ replyVisibility: 'direct' }).reply!({ statusId: String(pub.id), acct: 'cara', visibility: 'public' }, 'Hello');
    expect(server.posted.at(-1)).toMatchObject({ visibility: 'direct' });
  });

  it('refuses a reply over 500 characters before sending, and one without a token', async () => {
    const before = server.posted.length;
    await expect(connector().reply!({ statusId: '1', acct: 'a', visibility: 'public' }, 'é'.repeat(499))).rejects.toThrow(/at most 500/);
    await expect(connector({}, null).reply!({ statusId: '1', acct: 'a', visibility: 'public' }, 'x')).rejects.toThrow(/access token/);
    expect(server.posted.length).toBe(before);
  });
});

describe('Mastodon configuration and secrets', () => {
  it('names the bad fields', () => {
    let error: unknown;
    try {
      createMastodonConnector({ instanceUrl: 'ftp://x', hashtags: ['not a tag'], replyVisibility: 'loud' }, {}, deps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).errors.map((e) => e.field)).toEqual(expect.arrayContaining(['config.instanceUrl', 'config.hashtags.0', 'config.replyVisibility']));
  });

  it('a refused token is logged as a failure without the token', async () => {
    logLines = [];
    const wrong = `${TOKEN}-revoked`;
    const r = await connector({ hashtags: [] }, wrong).poll!({}, never);
    expect(r.mentions).toEqual([]);
    const log = logLines.join('');
    expect(log).toContain('401');
    expect(log).not.toContain(TOKEN);
  });
});

describe('Mastodon end to end: a hashtag and a mention, the inbox, the reply', () => {
  let app: Awaited<ReturnType<typeof listeningApp>>;
  let social: Awaited<ReturnType<typeof startFakeMastodon>>;
  let sourceId = 0;
  beforeAll(async () => {
    social = await startFakeMastodon({ token: TOKEN, councilAcct: 'roads' });
    app = await listeningApp();
    sourceId = await app.addSource('mastodon', '#ErrolFloods on council.social', { instanceUrl: social.url, hashtags: 'ErrolFloods', account: 'roads' }, { accessToken: TOKEN });
  });
  afterAll(async () => {
    await app?.ctx.close();
    await social?.close();
  });

  it('stores the posts about Grange and Errol Station located there, and answers one in its thread', async () => {
    const grange = social.addStatus({
      acct: 'anna@social.example',
      html: '<p>Ditch overflowing at Grange, road flooding <a href="x" class="mention hashtag">#<span>ErrolFloods</span></a></p>',
      tags: ['ErrolFloods'],
    });
    const station = social.addStatus({
      acct: 'bartek',
      html: '<p><span class="h-card"><a href="x" class="u-url mention">@<span>roads</span></a></span> Rów zalany przy Errol Station</p>',
      mentions: ['roads'],
      language: 'pl',
    });
    social.addStatus({ acct: 'cara', html: '<p>Lovely sunset over the Tay #ErrolFloods</p>', tags: ['ErrolFloods'] });

    const polled = await pollSource(app.ctx.deps, sourceId);
    expect(polled.error).toBeUndefined();
    expect(polled.outcomes).toEqual({ stored: 2, no_keyword: 1 });
    const mentions = await app.inbox(sourceId);
    const byText = (t: string) => mentions.find((m: { text: string }) => m.text.includes(t));
    const a = byText('Grange');
    expect(a).toMatchObject({ author: '@anna@social.example', url: String(grange.url), language: 'en', addressedToCouncil: false, source: { kind: 'mastodon' } });
    expect(metresBetween(a.location, GRANGE)).toBeLessThan(50);
    const b = byText('Rów zalany');
    expect(b).toMatchObject({ author: '@bartek', language: 'pl', addressedToCouncil: true });
    expect(metresBetween(b.location, ERROL_STATION)).toBeLessThan(50);

    const reply = await app.reply(a.id, 'Thanks Anna, the crew is going to Grange on Tuesday. Kasia, Roads team');
    expect(reply.status).toBe(200);
    const body = await json(reply);
    expect(body.mention.state).toBe('answered');
    expect(social.posted.at(-1)).toMatchObject({
      in_reply_to_id: String(grange.id),
      visibility: 'unlisted',
      status: '@anna@social.example Thanks Anna, the crew is going to Grange on Tuesday. Kasia, Roads team',
    });
    expect(body.reply.url).toMatch(new RegExp(`^${social.url}/@roads/\\d+$`));
    expect(String(social.status(String(body.reply.url).split('/').at(-1)!)!.in_reply_to_id)).toBe(String(grange.id));
    expect((await pollSource(app.ctx.deps, sourceId)).outcomes).toEqual({});
    void station;
  });
});
