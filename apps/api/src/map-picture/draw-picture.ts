/**
 * The still picture as SVG: the rows mapPictureRows computed in PostGIS, painted as the web's
 * MapLibre layers paint them (the plain base map, the report tiles' clusters and shapes, the
 * small map's highlighted report), from the same tables in core/map-colours.ts.
 * Labels are placed greedily, most important first, and one that would overlap a label already
 * placed is left out, as MapLibre's collision rule does.
 */
import { BASE_MAP_PAINT, CLUSTER_COLOUR, DITCH_WIDTH_STOPS, PLACE_TEXT_SIZES, clusterRadius, stateColour, type PictureFrame, type ReportState } from '@groundswell/core';
import type { PictureRow } from '@groundswell/db';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
const WHITE = '#ffffff';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 10) / 10);

function ditchWidth(zoom: number): number {
  const stops = DITCH_WIDTH_STOPS;
  if (zoom <= stops[0]![0]) return stops[0]![1];
  for (let i = 1; i < stops.length; i++) {
    const [z1, w1] = stops[i]!;
    const [z0, w0] = stops[i - 1]!;
    if (zoom <= z1) return w0 + ((w1 - w0) * (zoom - z0)) / (z1 - z0);
  }
  return stops.at(-1)![1];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** A label's rough box: the picture has no text metrics, and a rough box is enough to keep names apart. */
function labelBox(text: string, x: number, y: number, size: number, spacing = 0): Box {
  const width = text.length * size * (0.58 + spacing);
  return { x0: x - width / 2, y0: y, x1: x + width / 2, y1: y + size * 1.2 };
}

function reportShape(row: PictureRow): string {
  const colour = stateColour((row.state ?? 'closed') as ReportState);
  const ended = row.open === false;
  if (row.geometryType === 'Point' || !row.d) {
    return `<circle cx="${n(row.x!)}" cy="${n(row.y!)}" r="8" fill="${colour}" fill-opacity="${ended ? 0.6 : 1}" stroke="${WHITE}" stroke-width="2"/>`;
  }
  if (row.geometryType === 'LineString') {
    return `<path d="${row.d}" fill="none" stroke="${colour}" stroke-width="5" stroke-linejoin="round"${ended ? ' stroke-opacity="0.55" stroke-dasharray="7.5 6"' : ''}/>`;
  }
  return `<path d="${row.d}" fill="${colour}" fill-opacity="${ended ? 0.12 : 0.32}" fill-rule="evenodd" stroke="${colour}" stroke-width="2" stroke-linejoin="round"${ended ? ' stroke-opacity="0.6" stroke-dasharray="4 4"' : ''}/>`;
}

/** The asked-for report, as the small map draws it: in its category's colour, over everything. */
function highlight(row: PictureRow): string {
  const colour = /^#[0-9a-fA-F]{3,8}$/.test(row.colour ?? '') ? row.colour! : CLUSTER_COLOUR;
  if (row.geometryType === 'Point' || !row.d) {
    return `<circle cx="${n(row.x!)}" cy="${n(row.y!)}" r="9" fill="${colour}" stroke="${WHITE}" stroke-width="3"/>`;
  }
  if (row.geometryType === 'LineString') {
    return `<path d="${row.d}" fill="none" stroke="${WHITE}" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/><path d="${row.d}" fill="none" stroke="${colour}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>`;
  }
  return `<path d="${row.d}" fill="${colour}" fill-opacity="0.3" fill-rule="evenodd" stroke="${colour}" stroke-width="3" stroke-linejoin="round"/>`;
}

export function drawPicture(rows: readonly PictureRow[], frame: PictureFrame, tileZoom: number): string {
  const { width, height } = frame;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}'>`,
    `<rect width="${width}" height="${height}" fill="${BASE_MAP_PAINT.background}"/>`,
  ];
  const placed: Box[] = [];
  const place = (box: Box) => {
    if (placed.some((b) => overlaps(b, box))) return false;
    placed.push(box);
    return true;
  };
  const inside = (x: number, y: number) => x >= 0 && x <= width && y >= 0 && y <= height;
  const halo = `stroke="${BASE_MAP_PAINT.halo}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;
  const labels: string[] = [];
  const top: string[] = [];

  for (const row of rows) {
    switch (row.layer) {
      case 'area':
        if (row.d) out.push(`<path d="${row.d}" fill="none" stroke="${BASE_MAP_PAINT.areaOutline}" stroke-width="1.5" stroke-dasharray="6 3"/>`);
        break;
      case 'ditch':
        if (row.d) out.push(`<path d="${row.d}" fill="none" stroke="${BASE_MAP_PAINT.ditch}" stroke-width="${n(ditchWidth(tileZoom))}" stroke-linecap="round" stroke-linejoin="round"/>`);
        break;
      case 'area-label': {
        const text = (row.name ?? '').toUpperCase();
        const box = labelBox(text, row.x!, row.y! - 7, 12, 0.08);
        if (text && inside(row.x!, row.y!) && place(box))
          labels.push(
            `<text x="${n(row.x!)}" y="${n(row.y!)}" text-anchor="middle" dominant-baseline="middle" font-size="12" letter-spacing="0.96" fill="${BASE_MAP_PAINT.areaLabel}" ${halo}>${escapeXml(text)}</text>`,
          );
        break;
      }
      case 'place': {
        const size = PLACE_TEXT_SIZES[row.rank ?? 0] ?? PLACE_TEXT_SIZES[0];
        const box = labelBox(row.name ?? '', row.x!, row.y! + 4, size);
        if (row.name && inside(row.x!, row.y!) && place(box)) {
          out.push(`<circle cx="${n(row.x!)}" cy="${n(row.y!)}" r="2.5" fill="${BASE_MAP_PAINT.place}" stroke="${WHITE}" stroke-width="1"/>`);
          labels.push(`<text x="${n(row.x!)}" y="${n(row.y! + 4 + size * 0.9)}" text-anchor="middle" font-size="${size}" fill="${BASE_MAP_PAINT.place}" ${halo}>${escapeXml(row.name)}</text>`);
        }
        break;
      }
      case 'report':
        top.push(reportShape(row));
        break;
      case 'cluster': {
        const r = clusterRadius(row.count!);
        top.push(
          `<g class="cluster" data-count="${row.count}"><circle cx="${n(row.x!)}" cy="${n(row.y!)}" r="${r}" fill="${CLUSTER_COLOUR}" fill-opacity="0.85" stroke="${WHITE}" stroke-width="2"/><text x="${n(row.x!)}" y="${n(row.y!)}" text-anchor="middle" dominant-baseline="central" font-size="14" font-weight="800" fill="${WHITE}">${row.count}</text></g>`,
        );
        break;
      }
      case 'highlight':
        top.push(`<g class="highlight">${highlight(row)}</g>`);
        break;
    }
  }
  out.push(...labels, ...top, '</svg>');
  return out.join('');
}
