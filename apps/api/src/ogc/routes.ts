/**
 * OGC API – Features – Part 1: Core 1.0.1 with GeoJSON and OpenAPI 3.0, under /ogc.
 * QGIS and GDAL add a layer from the landing page URL alone. Responses are JSON only
 * (`f=json`); errors are problem+json, whose `code` satisfies the OGC exception schema.
 */
import { openCors } from '../http/cors.ts';
import { DomainError } from '@groundswell/core';
import { OGC_COLLECTIONS, ogcItem, ogcItems, type OgcCollectionId } from '@groundswell/db';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/env.ts';
import { readsFrom } from '../deps.ts';
import type { Context } from 'hono';
import { checkParams, parseItemsQuery } from './params.ts';
import { ogcOpenApi } from './openapi.ts';
import { COLLECTION_INFO, CRS84, GEOJSON, JSON_TYPE, describeCollection, queryables, type Link } from './collections.ts';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
];

const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>OGC API Features</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/ogc/api.js"></script></body>
</html>`;

function collectionId(c: Context<AppEnv>): OgcCollectionId {
  const id = c.req.param('collectionId') ?? '';
  if (!(OGC_COLLECTIONS as readonly string[]).includes(id)) {
    throw new DomainError('not_found', `There is no collection "${id}"; the collections are ${OGC_COLLECTIONS.join(', ')}`);
  }
  return id as OgcCollectionId;
}

const ogcBase = (c: Context<AppEnv>) => `${c.get('deps').config.publicUrl}/ogc`;

/** The request's own URL on the public base, with its query (minus `offset` when asked). */
function selfHref(c: Context<AppEnv>, path: string, query: Record<string, string>, override: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...override })) if (v !== undefined) params.set(k, v);
  const qs = params.toString();
  return `${ogcBase(c)}${path}${qs ? `?${qs}` : ''}`;
}

export function ogcRoutes() {
  const router = createRouter();
  router.use('/ogc/*', openCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
  router.use('/ogc', openCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));

  const landing = (c: Context<AppEnv>) => {
    checkParams(c.req.query());
    const base = ogcBase(c);
    const { config } = c.get('deps');
    const links: Link[] = [
      { href: base, rel: 'self', type: JSON_TYPE, title: 'This document' },
      { href: `${base}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition (OpenAPI 3.0)' },
      { href: `${base}/api.html`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
      { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes implemented' },
      { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'The feature collections' },
    ];
    if (config.dataLicense.url) links.push({ href: config.dataLicense.url, rel: 'license', type: 'text/html', title: config.dataLicense.id });
    return c.json({
      title: `${config.siteName} open data`,
      description: `Public reports of local problems, drainage assets and council areas. ${config.dataLicense.id}, © ${config.dataLicense.attribution}.`,
      attribution: config.dataLicense.attribution,
      links,
    });
  };
  router.get('/ogc', landing);
  router.get('/ogc/', landing);

  router.get('/ogc/conformance', (c) => {
    checkParams(c.req.query());
    return c.json({ conformsTo: CONFORMANCE });
  });

  router.get('/ogc/api', (c) => {
    checkParams(c.req.query());
    const { config } = c.get('deps');
    const doc = ogcOpenApi({ baseUrl: config.publicUrl, siteName: config.siteName, license: config.dataLicense });
    // Answer in the media type asked for (the landing page's link type), plain JSON otherwise.
    const wantsOpenApi = (c.req.header('accept') ?? '').includes('application/vnd.oai.openapi+json');
    return c.body(JSON.stringify(doc), 200, { 'content-type': wantsOpenApi ? OPENAPI_TYPE : 'application/json' });
  });
  router.get('/ogc/api.html', (c) => c.html(DOCS_HTML));
  router.get('/ogc/api.js', (c) => c.body(`window.ui = SwaggerUIBundle({ url: '/ogc/api', dom_id: '#docs' });`, 200, { 'content-type': 'text/javascript' }));

  router.get('/ogc/collections', async (c) => {
    checkParams(c.req.query());
    const { config } = c.get('deps');
    const database = readsFrom(c.get('deps'));
    const base = ogcBase(c);
    const collections = [];
    for (const id of OGC_COLLECTIONS) collections.push(await describeCollection(database, id, base, config.dataLicense));
    return c.json({
      links: [{ href: `${base}/collections`, rel: 'self', type: JSON_TYPE, title: 'The feature collections' }],
      collections,
      crs: [CRS84],
    });
  });

  router.get('/ogc/collections/:collectionId', async (c) => {
    const id = collectionId(c);
    checkParams(c.req.query());
    const { config } = c.get('deps');
    return c.json(await describeCollection(readsFrom(c.get('deps')), id, ogcBase(c), config.dataLicense));
  });

  router.get('/ogc/collections/:collectionId/queryables', (c) => {
    const id = collectionId(c);
    checkParams(c.req.query());
    return c.body(JSON.stringify(queryables(id, ogcBase(c))), 200, { 'content-type': 'application/schema+json' });
  });

  router.get('/ogc/collections/:collectionId/items', async (c) => {
    const id = collectionId(c);
    const query = c.req.query();
    const { limit, offset, filter } = parseItemsQuery(id, query);
    const { config, clock } = c.get('deps');
    const { features, numberMatched } = await ogcItems(readsFrom(c.get('deps')), id, filter, { limit, offset, baseUrl: config.publicUrl });
    const path = `/collections/${id}/items`;
    const links: Link[] = [
      { href: selfHref(c, path, query), rel: 'self', type: GEOJSON, title: 'This page' },
      { href: `${ogcBase(c)}/collections/${id}`, rel: 'collection', type: JSON_TYPE, title: COLLECTION_INFO[id].title },
    ];
    if (offset + features.length < numberMatched) {
      links.push({ href: selfHref(c, path, query, { offset: String(offset + features.length), limit: String(limit) }), rel: 'next', type: GEOJSON, title: 'Next page' });
    }
    if (offset > 0) {
      const prev = Math.max(0, offset - limit);
      links.push({ href: selfHref(c, path, query, { offset: prev ? String(prev) : undefined, limit: String(limit) }), rel: 'prev', type: GEOJSON, title: 'Previous page' });
    }
    const head = JSON.stringify({
      type: 'FeatureCollection',
      numberMatched,
      numberReturned: features.length,
      timeStamp: clock.now().toISOString(),
      links,
    }).slice(0, -1);
    return c.body(`${head},"features":[${features.join(',')}]}`, 200, {
      'content-type': GEOJSON,
      'content-crs': `<${CRS84}>`,
    });
  });

  router.get('/ogc/collections/:collectionId/items/:featureId', async (c) => {
    const id = collectionId(c);
    checkParams(c.req.query());
    const featureId = c.req.param('featureId');
    const { config } = c.get('deps');
    const feature = await ogcItem(readsFrom(c.get('deps')), id, featureId, config.publicUrl);
    if (!feature) throw new DomainError('not_found', `There is no feature "${featureId}" in ${id}`);
    const base = ogcBase(c);
    const links: Link[] = [
      { href: `${base}/collections/${id}/items/${encodeURIComponent(featureId)}`, rel: 'self', type: GEOJSON, title: 'This feature' },
      { href: `${base}/collections/${id}`, rel: 'collection', type: JSON_TYPE, title: COLLECTION_INFO[id].title },
    ];
    return c.body(`${feature.slice(0, -1)},"links":${JSON.stringify(links)}}`, 200, {
      'content-type': GEOJSON,
      'content-crs': `<${CRS84}>`,
    });
  });

  return router;
}
