import { DomainError, pictureFrame, say, tileZoomOf, type BBox } from '@groundswell/core';
import { mapPictureRows } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { drawPicture } from './draw-picture.ts';

/** The widest box a picture may show, each way: a whole council, never a country (the query stays small). */
export const MAX_PICTURE_SPAN_DEGREES = 5;
/** The deepest zoom the interactive map goes to. */
const MAX_ZOOM = 22;

export interface MapPictureInput {
  bbox: BBox;
  width: number;
  height: number;
  /** A public report's id, drawn highlighted. */
  report?: string;
}

/** The still picture of the map for a box and a size: SVG text. */
export async function getMapPicture(deps: Pick<AppDeps, 'database'>, input: MapPictureInput): Promise<string> {
  const [w, s, e, n] = input.bbox;
  if (e - w > MAX_PICTURE_SPAN_DEGREES || n - s > MAX_PICTURE_SPAN_DEGREES || e <= w || n <= s) {
    const message = e <= w || n <= s ? say('map_picture_bbox_empty') : say('asset_layer_bbox_large', { max: MAX_PICTURE_SPAN_DEGREES });
    throw new DomainError('validation_failed', `Please check query.bbox: ${message}`, [{ field: 'query.bbox', message }]);
  }
  const frame = pictureFrame(input.bbox, input.width, input.height);
  const tileZoom = Math.min(MAX_ZOOM, tileZoomOf(frame.zoom));
  const rows = await mapPictureRows(deps.database, { frame, tileZoom, ...(input.report ? { report: input.report } : {}) });
  if (input.report && !rows.some((r) => r.layer === 'highlight')) {
    const message = say('map_picture_no_report', { id: input.report });
    throw new DomainError('not_found', message, [{ field: 'query.report', message }]);
  }
  return drawPicture(rows, frame, tileZoom);
}
