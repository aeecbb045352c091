/**
 * The public endpoints the open data page lists, in the order a newcomer needs them. Each
 * address is a path on this site; the page puts the current origin in front, so a copied
 * address works as it stands (in QGIS, a script or a feed reader).
 */
export type EndpointId = 'geojson' | 'csv' | 'geopackage' | 'shapefile' | 'ditchRegister' | 'ogc' | 'tiles' | 'open311' | 'atom' | 'docs';

/** One copyable address; `label` names it in the catalogue (`addresses` in i18n/en.ts). */
export interface EndpointAddress {
  label: 'download' | 'gpkg' | 'csvFile' | 'landing' | 'tiles' | 'tilejson' | 'discovery' | 'feed' | 'docs' | 'openapi';
  path: string;
}

export interface Endpoint {
  id: EndpointId;
  addresses: readonly EndpointAddress[];
}

export const ENDPOINTS: readonly Endpoint[] = [
  { id: 'geojson', addresses: [{ label: 'download', path: '/export/reports.geojson' }] },
  { id: 'csv', addresses: [{ label: 'download', path: '/export/reports.csv' }] },
  { id: 'geopackage', addresses: [{ label: 'download', path: '/export/reports.gpkg' }] },
  { id: 'shapefile', addresses: [{ label: 'download', path: '/export/reports.shp.zip' }] },
  {
    id: 'ditchRegister',
    addresses: [
      { label: 'gpkg', path: '/export/ditch-register.gpkg' },
      { label: 'csvFile', path: '/export/ditch-register.csv' },
    ],
  },
  { id: 'ogc', addresses: [{ label: 'landing', path: '/ogc' }] },
  {
    id: 'tiles',
    addresses: [
      // QGIS and MapLibre fill in {z}/{x}/{y} themselves, so the braces stay as they are.
      { label: 'tiles', path: '/tiles/reports/{z}/{x}/{y}.mvt' },
      { label: 'tilejson', path: '/tiles/reports.json' },
    ],
  },
  { id: 'open311', addresses: [{ label: 'discovery', path: '/open311/v2/discovery.json' }] },
  { id: 'atom', addresses: [{ label: 'feed', path: '/feeds/reports.atom' }] },
  {
    id: 'docs',
    addresses: [
      { label: 'docs', path: '/api/docs' },
      { label: 'openapi', path: '/api/openapi.json' },
    ],
  },
];

/** The full address on this site. */
export const absoluteUrl = (path: string, origin: string = location.origin): string => `${origin}${path}`;
