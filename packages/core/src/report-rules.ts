import type { GeometryKind } from './geometry.ts';
import type { FieldError } from './errors.ts';
import { say } from './problem-messages.ts';

/** Limits on what a resident may draw; a council can change them in config. */
export interface ShapeLimits {
  maxLineMeters: number;
  maxAreaSquareMeters: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { maxLineMeters: 10_000, maxAreaSquareMeters: 5_000_000 };

/** What PostGIS measured of a submitted shape (ST_IsValidReason, geography length/area). */
export interface ShapeFacts {
  validReason: string;
  lengthMeters: number;
  areaSquareMeters: number;
}

/** ST_IsValidReason's wording, in words a resident understands. */
export function explainInvalid(reason: string, kind: GeometryKind): string {
  const r = reason.toLowerCase();
  if (r.includes('ring self-intersection') || r.includes('self-intersection')) {
    return kind === 'Polygon' ? say('area_edges_cross') : say('shape_crosses');
  }
  if (r.includes('too few points')) return kind === 'Polygon' ? say('area_three_corners') : say('line_two_points');
  if (r.includes('hole lies outside shell')) return say('hole_outside');
  if (r.includes('nested holes') || r.includes('interior is disconnected')) return say('holes_overlap');
  if (r.includes('invalid coordinate')) return say('impossible_point');
  return say('shape_invalid');
}

export function shapeErrors(kind: GeometryKind, facts: ShapeFacts, limits: ShapeLimits): FieldError[] {
  const field = 'geometry';
  if (facts.validReason !== 'Valid Geometry') return [{ field, message: explainInvalid(facts.validReason, kind) }];
  if (kind === 'LineString' && facts.lengthMeters > limits.maxLineMeters) {
    return [{ field, message: say('line_too_long', { max: formatKm(limits.maxLineMeters), actual: formatKm(facts.lengthMeters) }) }];
  }
  if (kind === 'Polygon' && facts.areaSquareMeters > limits.maxAreaSquareMeters) {
    return [{ field, message: say('area_too_large', { max: formatKm2(limits.maxAreaSquareMeters), actual: formatKm2(facts.areaSquareMeters) }) }];
  }
  return [];
}

const formatKm = (m: number) => `${(m / 1000).toFixed(1)} km`;
const formatKm2 = (m2: number) => `${(m2 / 1_000_000).toFixed(1)} km²`;

const ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A short public id with no look-alike characters (no 0/o, 1/l/i), from random bytes. */
export function publicIdFrom(bytes: Uint8Array, length = 8): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[(bytes[i] ?? 0) % ID_ALPHABET.length];
  return id;
}
