/**
 * The OpenAPI 3.0 definition of the OGC API (`/ogc/api`), written out by hand so that it
 * says exactly what OGC clients look for: a `limit` parameter by $ref with its maximum and
 * default (GDAL reads these to choose its page size), and every property filter declared
 * as a query parameter of its collection's items path (GDAL then filters server-side).
 */
import { OGC_COLLECTIONS, OGC_PROPERTIES, ogcFilterable } from '@groundswell/db';
import { CRS84_URI, FILTER_LANGS, LIMIT_DEFAULT, LIMIT_MAX } from './params.ts';
import { COLLECTION_INFO } from './collections.ts';

const ref = (kind: 'parameters' | 'schemas' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const geojson = (schema: object) => ({ 'application/geo+json': { schema } });
const errors = { 400: ref('responses', 'InvalidParameter'), 500: ref('responses', 'ServerError') };
const notFound = { 404: ref('responses', 'NotFound') };

/** The capabilities paths and, per collection, its description, items and item paths. */
function ogcPaths(): Record<string, object> {
  const paths: Record<string, object> = {
    '/': {
      get: {
        tags: ['Capabilities'],
        summary: 'Landing page',
        operationId: 'getLandingPage',
        parameters: [ref('parameters', 'f')],
        responses: { 200: { description: 'Links to the API definition, conformance and collections', content: json(ref('schemas', 'landingPage')) }, ...errors },
      },
    },
    '/conformance': {
      get: {
        tags: ['Capabilities'],
        summary: 'Conformance classes implemented',
        operationId: 'getConformanceDeclaration',
        parameters: [ref('parameters', 'f')],
        responses: { 200: { description: 'The conformance classes', content: json(ref('schemas', 'confClasses')) }, ...errors },
      },
    },
    '/api': {
      get: {
        tags: ['Capabilities'],
        summary: 'This API definition',
        operationId: 'getApiDefinition',
        parameters: [ref('parameters', 'f')],
        responses: {
          200: { description: 'OpenAPI 3.0', content: { 'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } } } },
          ...errors,
        },
      },
    },
    '/collections': {
      get: {
        tags: ['Capabilities'],
        summary: 'The feature collections',
        operationId: 'getCollections',
        parameters: [ref('parameters', 'f')],
        responses: { 200: { description: 'Collections', content: json(ref('schemas', 'collections')) }, ...errors },
      },
    },
  };
  for (const id of OGC_COLLECTIONS) {
    const info = COLLECTION_INFO[id];
    const props = OGC_PROPERTIES[id];
    const filters = ogcFilterable(id).map((name) => ({
      name,
      in: 'query',
      required: false,
      description: `Only features whose \`${name}\` equals this value (${props[name]!.title})`,
      style: 'form',
      explode: false,
      schema: props[name]!.enum ? { type: 'string', enum: props[name]!.enum } : { type: 'string' },
    }));
    paths[`/collections/${id}`] = {
      get: {
        tags: [info.title],
        summary: `About ${info.title.toLowerCase()}`,
        operationId: `describe_${id}`,
        parameters: [ref('parameters', 'f')],
        responses: { 200: { description: 'The collection', content: json(ref('schemas', 'collection')) }, ...errors, ...notFound },
      },
    };
    paths[`/collections/${id}/items`] = {
      get: {
        tags: [info.title],
        summary: `${info.title}, a page at a time`,
        description: info.description,
        operationId: `get_${id}_features`,
        parameters: [
          ref('parameters', 'limit'),
          ref('parameters', 'offset'),
          ref('parameters', 'bbox'),
          ref('parameters', 'datetime'),
          ...filters,
          ref('parameters', 'filter'),
          ref('parameters', 'filter-lang'),
          ref('parameters', 'filter-crs'),
          ref('parameters', 'f'),
        ],
        responses: {
          200: {
            description: 'GeoJSON FeatureCollection with `links` (self, next, prev), `numberMatched`, `numberReturned` and `timeStamp`',
            content: geojson(ref('schemas', 'featureCollectionGeoJSON')),
          },
          ...errors,
          ...notFound,
        },
      },
    };
    paths[`/collections/${id}/items/{featureId}`] = {
      get: {
        tags: [info.title],
        summary: `One of the ${info.title.toLowerCase()}`,
        operationId: `get_${id}_feature`,
        parameters: [ref('parameters', 'featureId'), ref('parameters', 'f')],
        responses: { 200: { description: 'GeoJSON Feature with `links`', content: geojson(ref('schemas', 'featureGeoJSON')) }, ...errors, ...notFound },
      },
    };
    paths[`/collections/${id}/queryables`] = {
      get: {
        tags: [info.title],
        summary: 'Properties that can be filtered on',
        operationId: `get_${id}_queryables`,
        parameters: [ref('parameters', 'f')],
        responses: { 200: { description: 'JSON Schema', content: { 'application/schema+json': { schema: { type: 'object' } } } }, ...errors, ...notFound },
      },
    };
  }

  return paths;
}

export function ogcOpenApi(opts: { baseUrl: string; siteName: string; license: { id: string; url: string | null } }) {
  return {
    openapi: '3.0.3',
    info: {
      title: `${opts.siteName} OGC API Features`,
      version: '1.0.0',
      description: 'Public reports, mapped drainage assets and council areas, as OGC API Features (Part 1 Core, GeoJSON, OpenAPI 3.0). No personal data.',
      license: { name: opts.license.id, ...(opts.license.url ? { url: opts.license.url } : {}) },
    },
    servers: [{ url: `${opts.baseUrl}/ogc` }],
    // Open data: no operation needs credentials (said explicitly, for linters and clients).
    security: [],
    paths: ogcPaths(),
    components: ogcComponents(),
  };
}

/** Shared parameters, responses and schemas that the paths point at by $ref. */
function ogcComponents() {
  const link = {
    type: 'object',
    required: ['href', 'rel'],
    properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, hreflang: { type: 'string' }, title: { type: 'string' }, length: { type: 'integer' } },
  };
  const links = { type: 'array', items: ref('schemas', 'link') };
  const problem = {
    description: 'An RFC 9457 problem: `code` is a stable string, `detail` says what to change',
    content: { 'application/problem+json': { schema: ref('schemas', 'exception') } },
  };

  return {
    parameters: {
      f: { name: 'f', in: 'query', required: false, description: 'Format; only JSON is offered', style: 'form', explode: false, schema: { type: 'string', enum: ['json'] } },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        description: `How many features per page. Above ${LIMIT_MAX} is read as ${LIMIT_MAX}.`,
        style: 'form',
        explode: false,
        schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT },
      },
      offset: {
        name: 'offset',
        in: 'query',
        required: false,
        description: 'How many matching features to skip (the `next` and `prev` links set it)',
        style: 'form',
        explode: false,
        schema: { type: 'integer', minimum: 0, default: 0 },
      },
      bbox: {
        name: 'bbox',
        in: 'query',
        required: false,
        description: 'west,south,east,north in CRS84 (six numbers with heights are read by their horizontal part); west > east crosses the antimeridian',
        style: 'form',
        explode: false,
        schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
      },
      datetime: {
        name: 'datetime',
        in: 'query',
        required: false,
        description: 'An RFC 3339 instant, or an interval start/end with `..` (or nothing) for an open end. Reports and assets are matched by when they were created; areas have no time.',
        style: 'form',
        explode: false,
        schema: { type: 'string' },
      },
      filter: {
        name: 'filter',
        in: 'query',
        required: false,
        description:
          "A CQL2 text filter (OGC API Features Part 3, Basic CQL2 and S_INTERSECTS) over the collection's queryables, e.g. `state = 'fixed' AND createdAt >= TIMESTAMP('2026-01-01T00:00:00Z')` or `S_INTERSECTS(geometry, BBOX(-4.3,55.8,-4.2,55.9))`",
        style: 'form',
        explode: false,
        schema: { type: 'string' },
      },
      'filter-lang': {
        name: 'filter-lang',
        in: 'query',
        required: false,
        description: 'The language of `filter`: cql2-text (`cql-text`, the draft name older GDAL sends, is read the same way)',
        style: 'form',
        explode: false,
        schema: { type: 'string', enum: [...FILTER_LANGS], default: 'cql2-text' },
      },
      'filter-crs': {
        name: 'filter-crs',
        in: 'query',
        required: false,
        description: 'The CRS of coordinates in `filter`; only CRS84 (longitude, latitude)',
        style: 'form',
        explode: false,
        schema: { type: 'string', format: 'uri', enum: [CRS84_URI], default: CRS84_URI },
      },
      featureId: { name: 'featureId', in: 'path', required: true, description: 'The feature id', schema: { type: 'string' } },
    },
    schemas: {
      link,
      exception: {
        type: 'object',
        required: ['code'],
        properties: { code: { type: 'string' }, description: { type: 'string' }, detail: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' } },
      },
      landingPage: { type: 'object', required: ['links'], properties: { title: { type: 'string' }, description: { type: 'string' }, links } },
      confClasses: { type: 'object', required: ['conformsTo'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
      collection: {
        type: 'object',
        required: ['id', 'links'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          description: { type: 'string' },
          links,
          extent: { type: 'object' },
          itemType: { type: 'string', default: 'feature' },
          crs: { type: 'array', items: { type: 'string' } },
          storageCrs: { type: 'string' },
        },
      },
      collections: { type: 'object', required: ['links', 'collections'], properties: { links, collections: { type: 'array', items: ref('schemas', 'collection') } } },
      featureGeoJSON: {
        type: 'object',
        required: ['type', 'geometry', 'properties'],
        properties: {
          type: { type: 'string', enum: ['Feature'] },
          geometry: { type: 'object', nullable: true },
          properties: { type: 'object', nullable: true },
          id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          links,
        },
      },
      featureCollectionGeoJSON: {
        type: 'object',
        required: ['type', 'features'],
        properties: {
          type: { type: 'string', enum: ['FeatureCollection'] },
          features: { type: 'array', items: ref('schemas', 'featureGeoJSON') },
          links,
          timeStamp: { type: 'string', format: 'date-time' },
          numberMatched: { type: 'integer', minimum: 0 },
          numberReturned: { type: 'integer', minimum: 0 },
        },
      },
    },
    responses: {
      InvalidParameter: { ...problem, description: 'A query parameter is unknown or has an invalid value' },
      NotFound: { ...problem, description: 'No such collection or feature' },
      ServerError: { ...problem, description: 'A server error' },
    },
  };
}
