/**
 * Which mentions are about the same problem: near in space and in time. The inbox offers such
 * mentions together (and beside an open report of the same category), so an officer makes one
 * report and attaches the rest. FixMyStreet's "nearby" default is 250 m.
 */
import { metresBetween } from './geoparse.ts';

export const MENTION_GROUP_METRES = 250;
export const MENTION_GROUP_DAYS = 7;

const DAY_MS = 86_400_000;

/** Within 250 m and 7 days of each other (both ends included). */
export function mentionsBelongTogether(a: { lon: number; lat: number; at: Date }, b: { lon: number; lat: number; at: Date }): boolean {
  if (![a.lon, a.lat, b.lon, b.lat, a.at.getTime(), b.at.getTime()].every(Number.isFinite)) return false;
  return Math.abs(a.at.getTime() - b.at.getTime()) <= MENTION_GROUP_DAYS * DAY_MS && metresBetween(a, b) <= MENTION_GROUP_METRES;
}
