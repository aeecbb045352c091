import { OGC_PROPERTIES, ogcExtent, ogcQueryables, type Database, type OgcCollectionId } from '@groundswell/db';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
export const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';

export const COLLECTION_INFO: Record<OgcCollectionId, { title: string; description: string }> = {
  reports: {
    title: 'Reports',
    description:
      'Problems reported by residents (litter, blocked ditches, fly-tipping, potholes…) as points, lines and areas, with their state and dates. Hidden reports and all personal data are left out.',
  },
  assets: {
    title: 'Drainage assets',
    description: 'Mapped network segments (ditches, culverts, drains) with their condition at the last inspection.',
  },
  areas: { title: 'Council areas', description: 'The areas the council looks after (community council areas).' },
};

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

/** A collection's description, identical in /collections and /collections/{id}. */
export async function describeCollection(database: Database, id: OgcCollectionId, base: string, license: { id: string; url: string | null }) {
  const extent = await ogcExtent(database, id);
  const info = COLLECTION_INFO[id];
  const links: Link[] = [
    { href: `${base}/collections/${id}`, rel: 'self', type: JSON_TYPE, title: info.title },
    { href: `${base}/collections/${id}/items`, rel: 'items', type: GEOJSON, title: `${info.title} as GeoJSON` },
    { href: `${base}/collections/${id}/queryables`, rel: QUERYABLES_REL, type: 'application/schema+json', title: 'Queryables' },
  ];
  if (license.url) links.push({ href: license.url, rel: 'license', type: 'text/html', title: license.id });
  return {
    id,
    title: info.title,
    description: info.description,
    links,
    extent: {
      spatial: { bbox: [extent.bbox ?? [-180, -90, 180, 90]], crs: CRS84 },
      ...(extent.interval ? { temporal: { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
    },
    itemType: 'feature',
    crs: [CRS84],
    storageCrs: CRS84,
  };
}

/**
 * OGC API Features Part 3 queryables: the properties a CQL2 `filter` can read, as JSON Schema
 * 2020-12 (the spatial one by Part 3's `format`); the simple `name=value` filters are a subset.
 */
export function queryables(id: OgcCollectionId, base: string) {
  const props = OGC_PROPERTIES[id];
  const properties: Record<string, object> = {};
  for (const [name, type] of Object.entries(ogcQueryables(id))) {
    if (type === 'geometry') {
      properties[name] = { title: 'Geometry', format: 'geometry-any', 'x-ogc-role': 'primary-geometry' };
      continue;
    }
    const p = props[name]!;
    const schema = type === 'integer' ? { type: 'integer' } : type === 'date-time' ? { type: 'string', format: 'date-time' } : { type: 'string' };
    properties[name] = { title: p.title, ...schema, ...(p.enum ? { enum: p.enum } : {}) };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${base}/collections/${id}/queryables`,
    type: 'object',
    title: COLLECTION_INFO[id].title,
    properties,
    additionalProperties: false,
  };
}
