import { DomainError, type StaffActor } from '@groundswell/core';
import { importAreas as storeAreas, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { areaFeatures } from './area-import.ts';

export interface AreaImport {
  kind: string;
  nameProperty: string;
  codeProperty?: string | undefined;
  geojson: { features: Parameters<typeof areaFeatures>[0] };
}

/** Loads council areas from GeoJSON, all or nothing: one bad polygon and none are stored. */
export async function importAreas(deps: AppDeps, actor: StaffActor, input: AreaImport): Promise<{ imported: number }> {
  const { database, clock } = deps;
  const features = areaFeatures(input.geojson.features, input.nameProperty, input.codeProperty);
  const result = await storeAreas(database, input.kind, features);
  if (result.problems.length) {
    throw new DomainError(
      'validation_failed',
      `${result.problems.length} of ${features.length} areas have problems; nothing was imported`,
      result.problems.map((p) => ({ field: `geojson.features.${p.index}`, message: `${p.name}: ${p.message}` })),
    );
  }
  await recordAudit(database, { staffId: actor.id, action: 'areas_imported', payload: { kind: input.kind, count: result.imported }, at: clock.now() });
  return { imported: result.imported };
}
