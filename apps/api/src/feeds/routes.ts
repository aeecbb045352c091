/**
 * Atom feeds (RFC 4287, written by the `feed` package): new and changed public reports,
 * filtered like the map, and one report's public timeline. Public fields only: no contact
 * details, no internal notes, and officers named only as PUBLIC_STAFF_NAME allows.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { openCors } from '../http/cors.ts';
import { DomainError, ReportQuerySchema, localized, openness } from '@groundswell/core';
import { feedReportEvents, feedReports, getPublicReport, unknownAreaCodes } from '@groundswell/db';
import type { Config } from '../config.ts';
import { readsFrom } from '../deps.ts';
import { createRouter, notFoundResponse, problemResponses } from '../http/router.ts';
import { toPublicEvent } from '../reports/present.ts';
import { AreaListSchema, CategoryListSchema } from '../open-data/query.ts';

const ATOM = 'application/atom+xml; charset=utf-8';
const ENTRIES = 50;

const FeedQuery = z.object({
  bbox: ReportQuerySchema.shape.bbox,
  category: CategoryListSchema,
  area: AreaListSchema,
});

const reportsFeed = createRoute({
  method: 'get',
  path: '/feeds/reports.atom',
  tags: ['Open data'],
  summary: `Atom feed of the ${ENTRIES} most recently new or changed public reports`,
  request: { query: FeedQuery },
  responses: {
    200: { description: 'Atom 1.0', content: { 'application/atom+xml': { schema: z.string() } } },
    ...problemResponses,
    ...notFoundResponse,
  },
});

const reportFeedDoc = {
  method: 'get' as const,
  path: '/feeds/reports/{id}.atom',
  tags: ['Open data'],
  summary: "Atom feed of one report's public updates",
  request: { params: z.object({ id: z.string().meta({ description: 'A public report id' }) }) },
  responses: {
    200: { description: 'Atom 1.0', content: { 'application/atom+xml': { schema: z.string() } } },
    ...notFoundResponse,
  },
};

/** The `feed` package marks text as type="html": untrusted text is escaped so readers show it as typed. */
const text = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const STATE_WORDS: Record<string, string> = {
  new: 'new',
  acknowledged: 'acknowledged',
  in_progress: 'in progress',
  action_scheduled: 'action scheduled',
  fixed: 'fixed',
  closed: 'closed',
  duplicate: 'closed as a duplicate',
  referred: 'referred elsewhere',
};

const EVENT_TITLES: Record<string, string> = {
  created: 'Reported',
  public_answer: 'The council answered',
  expected_date_set: 'Expected date set',
  merged_into: 'Merged into another report',
  merged: 'Another report was merged into this one',
  supported: 'Someone else is affected too',
  photo_added: 'Photo added',
  moved: 'Moved',
  recategorised: 'Category changed',
  confirmed_fixed: 'The reporter confirmed it is fixed',
  not_fixed: 'The reporter says it is not fixed',
};

/** `feed` is loaded at the first feed asked for, not at start (issue 15: idle memory). */
async function newFeed(config: Config, opts: { id: string; title: string; self: string; updated: Date; link: string }) {
  const { Feed } = await import('feed');
  const l = config.dataLicense;
  return new Feed({
    id: opts.id,
    title: opts.title,
    link: opts.link,
    updated: opts.updated,
    generator: config.siteName,
    feedLinks: { atom: opts.self },
    author: { name: config.siteName, link: config.publicUrl },
    copyright: `${l.id}${l.url ? ` (${l.url})` : ''}, © ${l.attribution}`,
  });
}

const fixedUrl = (config: Config, path: string, query: Record<string, string>) => {
  const qs = new URLSearchParams(query).toString();
  return `${config.publicUrl}${path}${qs ? `?${qs}` : ''}`;
};

export function feedRoutes() {
  const router = createRouter();
  router.use('/feeds/*', openCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
  router.openAPIRegistry.registerPath(reportFeedDoc);
  router.get('/feeds/reports/:file{[a-z0-9]{4,32}\\.atom}', async (c) => {
    const id = c.req.param('file').replace(/\.atom$/, '');
    const { config } = c.get('deps');
    const database = readsFrom(c.get('deps'));
    const report = await getPublicReport(database, id);
    if (!report) throw new DomainError('not_found', `There is no public report ${id}`);
    const events = await feedReportEvents(database, id);
    const url = `${config.publicUrl}/#/reports/${id}`;
    const self = `${config.publicUrl}/feeds/reports/${id}.atom`;
    const category = localized(report.categoryName as { en: string }, 'en');
    const feed = await newFeed(config, {
      id: self,
      title: `${config.siteName}: ${category}${report.areas[0] ? ` in ${report.areas[0]}` : ''} (${id})`,
      self,
      link: url,
      updated: new Date(events[0]?.at ?? report.updatedAt),
    });
    for (const e of events) {
      const pub = toPublicEvent(e, config.publicStaffName);
      const title = e.kind === 'state_changed' && pub.state ? `Now ${STATE_WORDS[pub.state] ?? pub.state}` : (EVENT_TITLES[e.kind] ?? e.kind.replaceAll('_', ' '));
      const body = [pub.message, pub.expectedAt ? `Expected by ${pub.expectedAt.slice(0, 10)}` : undefined, e.kind === 'created' ? report.description : undefined].filter(Boolean).join('\n\n');
      feed.addItem({
        id: `${url}/events/${e.id}`,
        title: text(title),
        link: url,
        date: new Date(e.at),
        author: [{ name: pub.actor }],
        ...(body ? { description: text(body) } : {}),
      });
    }
    return c.body(feed.atom1(), 200, { 'content-type': ATOM, 'cache-control': 'public, max-age=60' });
  });
  return router.openapi(reportsFeed, async (c) => {
    const q = c.req.valid('query');
    const { config, clock } = c.get('deps');
    const database = readsFrom(c.get('deps'));
    if (q.area) {
      const unknown = await unknownAreaCodes(database, q.area);
      if (unknown.length) throw new DomainError('not_found', `There is no area "${unknown.join('", "')}"`);
    }
    const rows = await feedReports(database, {
      ...(q.bbox ? { bbox: q.bbox } : {}),
      ...(q.category ? { categories: q.category } : {}),
      ...(q.area ? { areas: q.area } : {}),
      limit: ENTRIES,
    });
    const self = fixedUrl(config, '/feeds/reports.atom', c.req.query());
    const feed = await newFeed(config, {
      id: self,
      title: `${config.siteName}: reports`,
      self,
      link: config.publicUrl,
      updated: rows[0] ? new Date(rows[0].updatedAt) : clock.now(),
    });
    for (const r of rows) {
      const url = `${config.publicUrl}/#/reports/${r.publicId}`;
      const category = localized(r.categoryName as { en: string }, 'en');
      feed.addItem({
        id: url,
        title: text(`${category}${r.area ? ` in ${r.area}` : ''}: ${STATE_WORDS[r.state] ?? r.state}`),
        link: url,
        date: new Date(r.updatedAt),
        published: new Date(r.createdAt),
        description: text(r.description),
        category: [
          { term: r.category, name: category },
          { term: openness(r.state as never), name: r.status },
        ],
      });
    }
    return c.body(feed.atom1(), 200, { 'content-type': ATOM, 'cache-control': 'public, max-age=60' }) as never;
  });
}
