import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findListeningSource, insertListeningSource, listMentions } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { metresBetween } from '@groundswell/core';
import { dueSources, pollSource } from '../src/listening/poll-source.ts';
import { testApp } from './helpers.ts';
import { seedListeningWorld } from './listening-fixtures.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/listening/${name}`, import.meta.url), 'utf8');

let ctx: Awaited<ReturnType<typeof testApp>>;
let server: Server;
let base = '';
/** What the local site serves at each path: its body, ETag and Last-Modified; `status` forces an answer. */
const site: Record<string, { body: string; etag: string; lastModified: string; type: string; status?: number }> = {};
const requests: Array<{ path: string; ifNoneMatch: string | undefined; ifModifiedSince: string | undefined; status: number }> = [];

beforeAll(async () => {
  // A real HTTP server answering as a web server does: 304 when the validators still match.
  server = createServer((req, res) => {
    const page = site[req.url ?? ''];
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    let status = 200;
    if (!page) status = 404;
    else if (page.status) status = page.status;
    else if (ifNoneMatch === page.etag || (!ifNoneMatch && ifModifiedSince === page.lastModified)) status = 304;
    requests.push({ path: req.url ?? '', ifNoneMatch, ifModifiedSince, status });
    res.statusCode = status;
    if (page && status !== 404) {
      res.setHeader('etag', page.etag);
      res.setHeader('last-modified', page.lastModified);
    }
    if (status === 200) {
      res.setHeader('content-type', page!.type);
      res.end(page!.body);
    } else res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site['/comments/feed/'] = { body: fixture('wordpress-comments.rss'), etag: '"wp-1"', lastModified: 'Sun, 01 Nov 2026 09:12:44 GMT', type: 'application/rss+xml; charset=UTF-8' };
  site['/latest.rss'] = { body: fixture('discourse-latest.rss'), etag: 'W/"d-812"', lastModified: 'Sun, 01 Nov 2026 08:01:17 GMT', type: 'application/rss+xml' };
  site['/api/0.6/notes/feed?bbox=-3.25,56.38,-3.18,56.42'] = { body: fixture('osm-notes.rss'), etag: '"n-1"', lastModified: 'Sun, 01 Nov 2026 07:40:12 GMT', type: 'application/rss+xml' };
  site['/feed.atom'] = { body: fixture('errol-atom.xml'), etag: '"a-1"', lastModified: 'Sun, 01 Nov 2026 10:30:00 GMT', type: 'application/atom+xml' };
  ctx = await testApp();
  await seedListeningWorld(ctx.database);
});
afterAll(async () => {
  await ctx.close();
  await new Promise((r) => server.close(r));
});

const addFeed = (name: string, path: string) => insertListeningSource(ctx.database, { kind: 'feed', name, enabled: true, config: { url: `${base}${path}` }, pollSeconds: 600 }, ctx.deps.clock.now());
const textsOf = async (source: number) => (await listMentions(ctx.database, { source, limit: 50, offset: 0 })).mentions.map((m) => m.text);

describe('the feed connector', () => {
  it('reads a WordPress comments feed: stores the comment about the blocked drain, drops the rest, keeps the validators', async () => {
    const id = await addFeed('Errol Village News comments', '/comments/feed/');
    const result = await pollSource(ctx.deps, id);
    expect(result.error).toBeUndefined();
    expect(result.outcomes).toEqual({ stored: 1, no_keyword: 1, no_place: 1 });
    const texts = await textsOf(id);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('The drain by Errol Station is blocked again & the water is right across the road');
    const [m] = (await listMentions(ctx.database, { source: id, limit: 1, offset: 0 })).mentions;
    expect(m!.url).toBe('https://errolnews.example/2026/10/station-road-closure/#comment-1041');
    expect(m!.author).toBe('Morag');
    const source = (await findListeningSource(ctx.database, id))!;
    expect(source.state).toEqual({ etag: '"wp-1"', lastModified: 'Sun, 01 Nov 2026 09:12:44 GMT' });
    expect(source.lastError).toBeNull();
    expect(new Date(source.nextPollAt!).getTime() - ctx.deps.clock.now().getTime()).toBe(600_000);
  });

  it('asks again with If-None-Match and If-Modified-Since; a 304 changes nothing', async () => {
    const id = (await ctx.database.rows<{ id: number }>(sql`select id from listening_sources where name = 'Errol Village News comments'`))[0]!.id;
    const before = requests.length;
    const result = await pollSource(ctx.deps, Number(id));
    const [req] = requests.slice(before);
    expect(req).toEqual({ path: '/comments/feed/', ifNoneMatch: '"wp-1"', ifModifiedSince: 'Sun, 01 Nov 2026 09:12:44 GMT', status: 304 });
    expect(result.outcomes).toEqual({});
    expect(await textsOf(Number(id))).toHaveLength(1);
    expect((await findListeningSource(ctx.database, Number(id)))!.state.etag).toBe('"wp-1"');
  });

  it('takes only the new item when the feed changes (the guid is the external id)', async () => {
    const id = Number((await ctx.database.rows<{ id: number }>(sql`select id from listening_sources where name = 'Errol Village News comments'`))[0]!.id);
    const page = site['/comments/feed/']!;
    page.body = page.body.replace(
      '<item>',
      `<item>
		<title>Comment on Station Road closure by Ewan</title>
		<link>https://errolnews.example/2026/10/station-road-closure/#comment-1044</link>
		<dc:creator><![CDATA[Ewan]]></dc:creator>
		<pubDate>Sun, 01 Nov 2026 11:02:10 +0000</pubDate>
		<guid isPermaLink="false">https://errolnews.example/?p=311#comment-1044</guid>
		<description><![CDATA[Ditch at Grange is overflowing too, tractors only.]]></description>
	</item>
	<item>`,
    );
    page.etag = '"wp-2"';
    const result = await pollSource(ctx.deps, id);
    expect(result.outcomes).toEqual({ stored: 1, known: 1, no_keyword: 1, no_place: 1 });
    expect(await textsOf(id)).toHaveLength(2);
    expect((await findListeningSource(ctx.database, id))!.state.etag).toBe('"wp-2"');
  });

  it('reads a Discourse latest.rss, an Atom feed, and OpenStreetMap Notes located by their GeoRSS point', async () => {
    const discourse = await addFeed('Carse Community Forum', '/latest.rss');
    const atom = await addFeed('Errol Community Council', '/feed.atom');
    const notes = await addFeed('OpenStreetMap Notes in the area', '/api/0.6/notes/feed?bbox=-3.25,56.38,-3.18,56.42');
    expect((await pollSource(ctx.deps, discourse)).outcomes).toEqual({ stored: 1, no_keyword: 1 });
    expect((await textsOf(discourse))[0]).toMatch(/^Ditch at Grange overflowing onto the farm road\nThe ditch along the farm road at Grange/);
    expect((await pollSource(ctx.deps, atom)).outcomes).toEqual({ stored: 1 });
    expect((await pollSource(ctx.deps, notes)).outcomes).toEqual({ stored: 1 });
    const [note] = (await listMentions(ctx.database, { source: notes, limit: 1, offset: 0 })).mentions;
    expect(note!.text).toContain('Field drain outlet blocked');
    expect(note!.url).toBe('https://www.openstreetmap.org/note/4712301');
    expect(metresBetween(note!.location!, { lon: -3.2201, lat: 56.3987 })).toBeLessThan(1);
  });

  it('records a failing site on the source and waits longer before the next poll', async () => {
    site['/broken.rss'] = { body: '', etag: '"x"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT', type: 'application/rss+xml', status: 503 };
    const id = await addFeed('A site that is down', '/broken.rss');
    expect(await dueSources(ctx.deps)).toContain(id);
    const first = await pollSource(ctx.deps, id);
    expect(first.error).toContain('503');
    let source = (await findListeningSource(ctx.database, id))!;
    expect(source.failures).toBe(1);
    expect(source.lastError).toContain('503');
    expect(new Date(source.nextPollAt!).getTime() - ctx.deps.clock.now().getTime()).toBe(1_200_000);
    expect(await dueSources(ctx.deps)).not.toContain(id);
    await pollSource(ctx.deps, id);
    source = (await findListeningSource(ctx.database, id))!;
    expect(source.failures).toBe(2);
    expect(new Date(source.nextPollAt!).getTime() - ctx.deps.clock.now().getTime()).toBe(2_400_000);
    site['/broken.rss'] = { body: fixture('errol-atom.xml'), etag: '"ok"', lastModified: 'Sun, 01 Nov 2026 10:30:00 GMT', type: 'application/atom+xml' };
    await pollSource(ctx.deps, id);
    source = (await findListeningSource(ctx.database, id))!;
    expect(source.failures).toBe(0);
    expect(source.lastError).toBeNull();
  });

  it('is polled by the job queue once due, one job per source', async () => {
    const id = await addFeed('Polled by the queue', '/latest.rss');
    await ctx.deps.jobs.start({ notify: async () => {}, listen: { due: () => dueSources(ctx.deps), poll: (sourceId) => pollSource(ctx.deps, sourceId) } });
    const deadline = Date.now() + 30_000;
    while (!(await findListeningSource(ctx.database, id))!.lastPolledAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const source = (await findListeningSource(ctx.database, id))!;
    expect(source.lastPolledAt).not.toBeNull();
    expect(source.state.etag).toBe('W/"d-812"');
    expect(await dueSources(ctx.deps)).not.toContain(id);
  });
});
