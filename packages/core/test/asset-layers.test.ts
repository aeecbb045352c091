import { describe, expect, it } from 'vitest';
import { anchorPoint, bboxAround, greatCircleMetres, metresToGeometry, nearestAsset, ogcItemsUrl, readLayerAssets, wfsGetFeatureUrl } from '../src/asset-layers.ts';

describe('asset layer rules', () => {
  it('builds a WFS 2.0 GetFeature for GeoJSON with the bbox latitude first under the URN CRS, keeping the endpoint’s own parameters', () => {
    const url = new URL(wfsGetFeatureUrl('https://gis.example/geoserver/ows?map=lights', 'council:street_lights', [-3.22, 56.39, -3.21, 56.4], 50));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      map: 'lights',
      SERVICE: 'WFS',
      VERSION: '2.0.0',
      REQUEST: 'GetFeature',
      TYPENAMES: 'council:street_lights',
      OUTPUTFORMAT: 'application/json',
      SRSNAME: 'EPSG:4326',
      BBOX: '56.39,-3.22,56.4,-3.21,urn:ogc:def:crs:EPSG::4326',
      COUNT: '50',
    });
  });

  it('builds an OGC API Features items request with bbox and limit', () => {
    expect(ogcItemsUrl('https://gis.example/ogc/', 'street lights', [1, 2, 3, 4], 10)).toBe('https://gis.example/ogc/collections/street%20lights/items?bbox=1%2C2%2C3%2C4&limit=10&f=json');
  });

  it('makes a bbox reaching the distance each way', () => {
    const p: [number, number] = [-3.213, 56.392];
    const b = bboxAround(p, 100);
    expect(greatCircleMetres(p, [b[0], p[1]])).toBeCloseTo(100, 0);
    expect(greatCircleMetres(p, [p[0], b[3]])).toBeCloseTo(100, 0);
  });

  it('measures to a line’s edge, not only its vertices, and picks the nearest within snapping distance', () => {
    const p: [number, number] = [-3.213, 56.392];
    const [w, , e] = bboxAround(p, 500);
    const pipe = {
      type: 'LineString',
      coordinates: [
        [w, p[1]],
        [e, p[1]],
      ],
    };
    expect(metresToGeometry(p, pipe)).toBeLessThan(0.01);
    const lamp = (id: string, dx: number) => ({ id, name: null, geometry: { type: 'Point', coordinates: [p[0] + dx, p[1]] } });
    const near = nearestAsset(
      [
        lamp('far', 0.001),
        lamp('near', 0.0002),
        {
          id: 'pipe',
          name: 'Main drain',
          geometry: {
            type: 'LineString',
            coordinates: [
              [w, p[1] + 0.01],
              [e, p[1] + 0.01],
            ],
          },
        },
      ],
      p,
      30,
    );
    expect(near?.id).toBe('near');
    expect(near?.metres).toBeCloseTo(greatCircleMetres(p, [p[0] + 0.0002, p[1]]), 0);
    expect(nearestAsset([lamp('far', 0.001)], p, 30)).toBeNull();
  });

  it('reads the id and name fields, leaves out features without an id, and turns latitude-first answers around', () => {
    const fc = (coords: [number, number]) => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'x.1', geometry: { type: 'Point', coordinates: coords }, properties: { unit_no: 'LP-1', street: 'High Street' } },
        { type: 'Feature', id: 'x.2', geometry: { type: 'Point', coordinates: coords }, properties: { street: 'No number' } },
      ],
    });
    const box: [number, number, number, number] = [-3.22, 56.38, -3.2, 56.4];
    expect(readLayerAssets(fc([-3.21, 56.39]), 'unit_no', 'street', box)).toEqual([{ id: 'LP-1', name: 'High Street', geometry: { type: 'Point', coordinates: [-3.21, 56.39] } }]);
    expect(readLayerAssets(fc([56.39, -3.21]), 'unit_no', 'street', box)[0]!.geometry).toEqual({ type: 'Point', coordinates: [-3.21, 56.39] });
    expect(readLayerAssets(fc([-3.21, 56.39]), 'id', null).map((a) => a.id)).toEqual(['x.1', 'x.2']);
    expect(() => readLayerAssets({ type: 'Feature' }, 'id', null)).toThrow(/FeatureCollection/);
  });

  it('anchors a line at its middle vertex, as the server checks the pick', () => {
    expect(
      anchorPoint({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
      }),
    ).toEqual([1, 1]);
  });
});
