import { DomainError, shapeErrors, type SubscriptionInput } from '@groundswell/core';
import { measureShape } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/**
 * A drawn area to follow is held to a report's limits: the schema bounds its vertices, and
 * here PostGIS says whether it is valid and no larger than a report's area may be. A huge
 * area would otherwise cost every later notification pass.
 */
export async function checkFollowedArea(deps: Pick<AppDeps, 'database' | 'config'>, geometry: NonNullable<SubscriptionInput['geometry']>): Promise<void> {
  const facts = await measureShape(deps.database, geometry);
  const [error] = shapeErrors('Polygon', facts, deps.config.shapeLimits);
  if (error) throw new DomainError('invalid_geometry', `Please check body.geometry: ${error.message}`, [{ field: 'body.geometry', message: error.message }]);
}
