import type { EndpointAddress, EndpointId } from '../endpoints.ts';

/**
 * The open data page's English messages: the reference catalogue. Polish (pl.ts) must have
 * exactly these keys (the type checker enforces it). Kept apart from the app's catalogue so
 * only this lazily loaded page carries it.
 */
const en = {
  title: 'Open data',
  intro: 'Every public report is open data. Use these addresses in a GIS such as QGIS, in a web map, a spreadsheet or your own code. They always give the latest data.',
  licence: 'The data are free to reuse: see the licence and attribution in each download.',
  privacy: 'None of these contain personal data: the names, email addresses and phone numbers of the people who report are never published.',
  insightLink: 'Charts and figures: How we are doing',
  inQgis: 'In QGIS',
  copy: 'Copy',
  copied: 'Copied: {label}.',
  copyFallback: 'Your browser would not copy it for you: the address is selected, so copy it with Ctrl+C (⌘C on a Mac) or a long press.',
  open: 'Open',
  addresses: {
    download: 'Download address',
    gpkg: 'GeoPackage address',
    csvFile: 'CSV address',
    landing: 'Landing page address',
    tiles: 'Tile address',
    tilejson: 'TileJSON address',
    discovery: 'Discovery address',
    feed: 'Feed address',
    docs: 'Documentation address',
    openapi: 'OpenAPI document address',
  } satisfies Record<EndpointAddress['label'], string>,
  endpoints: {
    geojson: {
      name: 'GeoJSON',
      about: 'Every public report with its point, line or area, as one GeoJSON file.',
      qgis: ['Layer ▸ Add Layer ▸ Add Vector Layer…, and choose Source type “Protocol: HTTP(S), cloud, etc.”.', 'Paste the address as the URI, then select Add.'],
    },
    csv: {
      name: 'CSV',
      about: 'The same reports as a spreadsheet, with a longitude, a latitude and the shape as WKT.',
      qgis: [
        'Download the file, then Layer ▸ Add Layer ▸ Add Delimited Text Layer… and choose it.',
        'Under Geometry definition choose Well known text (WKT) with the field “wkt” and the CRS EPSG:4326.',
      ],
    },
    geopackage: {
      name: 'GeoPackage',
      about: 'One file with the reports (a layer each for points, lines and areas), the drainage network and the council areas, with a licence table. Takes the GeoJSON filters.',
      qgis: [
        'Download the file and drag it onto the map, or Layer ▸ Add Layer ▸ Add Vector Layer… and choose it.',
        'Select the layers you want (reports_points, reports_lines, reports_areas, assets, areas) and select Add Layers.',
      ],
    },
    shapefile: {
      name: 'Shapefile (zipped)',
      about: 'The same for older GIS tools: a shapefile each for report points, lines and polygons, the drainage network and the areas; short field names explained in fields.csv.',
      qgis: [
        'Download the zip and drag it onto the map: QGIS opens the shapefiles inside without unzipping.',
        'Field names are cut to 10 characters: fields.csv in the zip gives the full name of each.',
      ],
    },
    ditchRegister: {
      name: 'Ditch register',
      about: 'Every mapped ditch and culvert with its condition on a 1–5 grade, the date and source of the last inspection and the reports attached.',
      qgis: [
        'Download the GeoPackage and drag it onto the map: the layer ditch_register holds one line per segment.',
        'Style it by condition_grade (1 very good to 5 very poor) under Layer Properties ▸ Symbology ▸ Graduated.',
      ],
    },
    ogc: {
      name: 'OGC API – Features',
      about: 'Reports, drainage assets and council areas, page by page, with filters. The best choice for QGIS.',
      qgis: [
        'Layer ▸ Add Layer ▸ Add WFS / OGC API – Features Layer…, then New, a name, and this address as the URL.',
        'Select Connect, choose a collection (reports, assets or areas) and select Add.',
      ],
    },
    tiles: {
      name: 'Vector tiles',
      about: 'The reports as Mapbox vector tiles (layers “reports” and “clusters”), fast at any zoom. Web maps can read the TileJSON.',
      qgis: [
        'In the Browser panel, right-click Vector Tiles ▸ New Generic Connection…, give it a name and paste the tile address as the URL.',
        'Set the maximum zoom to 16, select OK, then double-click the new connection to add the layer.',
      ],
    },
    open311: {
      name: 'Open311 GeoReport v2',
      about: 'The standard interface for apps that report and follow local problems.',
      qgis: [
        'This is not a map layer: give the address to an app that speaks Open311; it finds the services and requests from there.',
        'In QGIS use OGC API – Features above, which holds the same reports.',
      ],
    },
    atom: {
      name: 'Atom feed',
      about: 'The newest reports and their changes, for a feed reader.',
      qgis: ['This is not a map layer: add the address to a feed reader to hear of new reports.', 'For a map of the same reports in QGIS use GeoJSON or OGC API – Features above.'],
    },
    docs: {
      name: 'API documentation',
      about: 'Every public endpoint with its filters (category, state, area, dates) and its answers.',
      qgis: [
        'The filters described there work on the GeoJSON, CSV, GeoPackage and Shapefile addresses too: add them to the address before adding the layer.',
        'The OpenAPI document is the same description for code generators and API tools.',
      ],
    },
  } satisfies Record<EndpointId, { name: string; about: string; qgis: readonly [string, string] }>,
};

export type OpenDataMessages = typeof en;
export default en;
