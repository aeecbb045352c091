import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMention, listMentions } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { metresBetween } from '@groundswell/core';
import { ingestMention } from '../src/listening/ingest-mention.ts';
import { testApp } from './helpers.ts';
import { ERROL_STATION, said, seedListeningWorld } from './listening-fixtures.ts';

let ctx: Awaited<ReturnType<typeof testApp>>;
let world: Awaited<ReturnType<typeof seedListeningWorld>>;
const count = async () => Number((await ctx.database.rows<{ n: number }>(sql`select count(*) as n from mentions`))[0]!.n);

beforeAll(async () => {
  ctx = await testApp({ listening: { secretKey: Buffer.alloc(32, 7), retentionDays: 30 } });
  world = await seedListeningWorld(ctx.database);
});
afterAll(() => ctx.close());

describe('the listening pipeline', () => {
  it('stores a text about a blocked drain by Errol station, located near the station, with the rule and category it matched', async () => {
    const feed = { id: world.sources.feed, kind: 'feed' as const };
    const result = await ingestMention(ctx.deps, feed, said('Blocked drain by Errol station again, water across the road', { author: 'Jo Bloggs' }));
    expect(result.outcome).toBe('stored');
    const m = (await findMention(ctx.database, result.mentionId!))!;
    expect(m.location).not.toBeNull();
    expect(metresBetween(m.location!, ERROL_STATION)).toBeLessThan(300);
    expect(m.matchedRuleIds).toEqual([world.rules.drains]);
    expect(m.suggestedCategory).toBe('blocked_drain');
    expect(m.language).toBe('en');
    expect(m.state).toBe('new');
    const [row] = await ctx.database.rows<{ author_hash: string }>(sql`select author_hash from mentions where id = ${result.mentionId!}`);
    expect(row!.author_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.author_hash).not.toContain('Jo');
  });

  it('drops, without storing, a text that matches no keyword, one excluded, and one naming no place inside the area', async () => {
    const before = await count();
    const feed = { id: world.sources.feed, kind: 'feed' as const };
    expect((await ingestMention(ctx.deps, feed, said('Lovely sunset over Errol Station tonight'))).outcome).toBe('no_keyword');
    expect((await ingestMention(ctx.deps, feed, said('The brain drain from Errol Station to the cities'))).outcome).toBe('no_keyword');
    expect((await ingestMention(ctx.deps, feed, said('Blocked drain somewhere, nobody cares'))).outcome).toBe('no_place');
    expect((await ingestMention(ctx.deps, feed, said('Flooding at Inchture again, the ditch is full'))).outcome).toBe('no_place');
    expect(await count()).toBe(before);
  });

  it('keeps a text with no place when it was sent to the council, without a location', async () => {
    const sms = { id: world.sources.sms, kind: 'sms' as const };
    const r = await ingestMention(ctx.deps, sms, said('There is a blocked drain outside my house', { addressedToCouncil: true, author: '+447700900123', replyRef: { to: '+447700900123' } }));
    expect(r.outcome).toBe('stored');
    expect((await findMention(ctx.database, r.mentionId!))!.location).toBeNull();
  });

  it('reads Polish keywords and says the language', async () => {
    const feed = { id: world.sources.feed, kind: 'feed' as const };
    const r = await ingestMention(ctx.deps, feed, said('Zatkany rów przy Grange, woda na drodze'));
    expect(r.outcome).toBe('stored');
    const m = (await findMention(ctx.database, r.mentionId!))!;
    expect(m.language).toBe('pl');
    expect(m.matchedRuleIds).toContain(world.rules.polish);
  });

  it('is idempotent by source and external id', async () => {
    const feed = { id: world.sources.feed, kind: 'feed' as const };
    const once = said('Ditch overflowing at Grange farm road', { externalId: 'guid-42' });
    const first = await ingestMention(ctx.deps, feed, once);
    const before = await count();
    const again = await Promise.all([ingestMention(ctx.deps, feed, once), ingestMention(ctx.deps, feed, { ...once })]);
    expect(first.outcome).toBe('stored');
    expect(again.map((r) => r.outcome)).toEqual(['known', 'known']);
    expect(await count()).toBe(before);
  });

  it('folds a near-identical text and a cross-post of the same link into the first mention', async () => {
    const feed = { id: world.sources.feed, kind: 'feed' as const };
    const sms = { id: world.sources.sms, kind: 'sms' as const };
    const first = await ingestMention(ctx.deps, feed, said('The drain at Errol Station is blocked and the road is flooding', { url: 'https://blog.example/posts/7' }));
    const near = await ingestMention(ctx.deps, sms, said('The drain at Errol Station is blocked and the road is flooding!!', { addressedToCouncil: true }));
    const cross = await ingestMention(ctx.deps, sms, said('Look: ditch trouble at Errol Station', { url: 'https://blog.example/posts/7' }));
    const other = await ingestMention(ctx.deps, feed, said('Ditch by Grange cleared at last, thanks'));
    expect(first.outcome).toBe('stored');
    expect(near.outcome).toBe('folded');
    expect(cross.outcome).toBe('folded');
    expect(other.outcome).toBe('stored');
    expect((await findMention(ctx.database, near.mentionId!))!.foldedIntoId).toBe(first.mentionId);
    expect((await findMention(ctx.database, cross.mentionId!))!.foldedIntoId).toBe(first.mentionId);
    const inbox = await listMentions(ctx.database, { limit: 100, offset: 0 });
    const shown = inbox.mentions.find((m) => m.id === first.mentionId)!;
    expect(shown.foldedCount).toBe(2);
    expect(inbox.mentions.some((m) => m.id === near.mentionId)).toBe(false);
  });

  it('forgets a mention the platform says was deleted', async () => {
    const feed = { id: world.sources.feed, kind: 'feed' as const };
    const post = said('Flooding by Errol Station ditch', { externalId: 'to-delete' });
    const stored = await ingestMention(ctx.deps, feed, post);
    expect(stored.outcome).toBe('stored');
    expect((await ingestMention(ctx.deps, feed, { ...post, deleted: true })).outcome).toBe('forgotten');
    expect(await findMention(ctx.database, stored.mentionId!)).toBeUndefined();
  });
});
