/**
 * The street register's pure rules (issue 14, Streets): how far a report may be from a street
 * to take its name, and how a GeoJSON feature from OS Open USRN or OpenStreetMap becomes a street.
 */
import { say } from './problem-messages.ts';

/** A report takes the name of the nearest street no further than this, in metres on the ground. */
export const STREET_SNAP_METRES = 50;

export const STREET_SOURCES = ['usrn', 'osm'] as const;
export type StreetSource = (typeof STREET_SOURCES)[number];

export interface StreetFeature {
  index: number;
  usrn: string;
  name: string | null;
  geometry: unknown;
}

export interface StreetFeatureProblem {
  index: number;
  message: string;
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

/**
 * The identifier a street keeps across imports: the USRN, or `way/<id>` for an OSM way
 * (exported by overpass-turbo as `@id: "way/123"`, by ogr2ogr or osmium as `osm_id`/`id`).
 */
function identifier(props: Record<string, unknown>, source: StreetSource): string {
  if (source === 'usrn') return text(props.usrn ?? props.USRN);
  const id = text(props['@id'] ?? props.osm_id ?? props.id);
  if (!id) return '';
  return /^\d+$/.test(id) ? `way/${id}` : id;
}

/** Features as streets, or the problems naming each feature that cannot be one. */
export function streetFeatures(
  features: ReadonlyArray<{ properties?: Record<string, unknown> | null; geometry?: unknown }>,
  source: StreetSource,
): { streets: StreetFeature[]; problems: StreetFeatureProblem[] } {
  const streets: StreetFeature[] = [];
  const problems: StreetFeatureProblem[] = [];
  features.forEach((f, index) => {
    const props = f.properties ?? {};
    const usrn = identifier(props, source);
    const name = text(props.name ?? props.NAME ?? props.street_name ?? props.name1) || null;
    if (!usrn) problems.push({ index, message: say(source === 'usrn' ? 'street_no_usrn' : 'street_no_osm_id') });
    else if (!f.geometry || typeof f.geometry !== 'object') problems.push({ index, message: say('street_no_geometry') });
    else streets.push({ index, usrn, name, geometry: f.geometry });
  });
  return { streets, problems };
}

/** How staff see a report's street: "High Street (12345678)", or the identifier alone when unnamed. */
export function streetLabel(street: { name: string | null; usrn: string | null }): string | null {
  if (!street.usrn) return null;
  return street.name ? `${street.name} (${street.usrn})` : street.usrn;
}
