import type { StaffActor, StaffReportQuery } from '@groundswell/core';
import { staffReportWhere } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import type { Tile } from './get-report-tile.ts';
import { renderTile } from './render.ts';

export type StaffTileQuery = Omit<StaffReportQuery, 'sort' | 'limit' | 'offset'>;

/**
 * A console map tile: exactly the reports the staff list would page through for this actor
 * and these filters (the list's own predicate, remit included; hidden reports too), never
 * cached across people.
 */
export async function getStaffTile(deps: Pick<AppDeps, 'database'>, actor: StaffActor, [z, x, y]: Tile, query: StaffTileQuery) {
  const { state, category, team, channel, ...rest } = query;
  const where = staffReportWhere({ ...rest, states: state, categories: category, teams: team, channels: channel }, actor);
  return renderTile(deps.database, z, x, y, { where });
}
