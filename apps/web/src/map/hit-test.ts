import type { Map as MapLibreMap, PointLike } from 'maplibre-gl';
import { REPORT_LAYER_IDS } from './report-layers.ts';

/** Half the side of the box searched around a tap: a fingertip is not a pixel. */
export const TAP_TOLERANCE_PX = 14;

/**
 * The id of the report under a tap or click, looking in a small box around it so a thin
 * line is easy to hit. Points win over lines, lines over areas.
 */
export function reportIdAt(map: MapLibreMap, x: number, y: number, tolerance = TAP_TOLERANCE_PX): string | undefined {
  const layers = REPORT_LAYER_IDS.filter((id) => map.getLayer(id));
  if (layers.length === 0) return undefined;
  const box: [PointLike, PointLike] = [
    [x - tolerance, y - tolerance],
    [x + tolerance, y + tolerance],
  ];
  const hits = map.queryRenderedFeatures(box, { layers });
  hits.sort((a, b) => layers.indexOf(a.layer.id as (typeof layers)[number]) - layers.indexOf(b.layer.id as (typeof layers)[number]));
  const id: unknown = hits[0]?.properties?.id;
  return typeof id === 'string' ? id : undefined;
}
