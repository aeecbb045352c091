import { DomainError, say, streetFeatures, type StaffActor, type StreetSource } from '@groundswell/core';
import { importStreets as storeStreets, recordAudit } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

export interface StreetImport {
  source: StreetSource;
  features: Parameters<typeof streetFeatures>[0];
}

/**
 * Loads a street register from GeoJSON, all or nothing: one feature that is not a street line
 * and none are stored. Reports then take their nearest street again. `actor` is null from the CLI.
 */
export async function importStreets(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor | null, input: StreetImport): Promise<{ imported: number; reportsUpdated: number }> {
  const { database, clock } = deps;
  const { streets, problems } = streetFeatures(input.features, input.source);
  const stored = problems.length ? undefined : await storeStreets(database, input.source, streets);
  const all = [
    ...problems,
    ...(stored?.problems ?? []).map((p) => ({
      index: p.index,
      message: p.reason !== 'Valid Geometry' ? say('street_invalid_shape', { reason: p.reason }) : say('street_not_a_line', { type: (p.type ?? 'geometry').toLowerCase() }),
    })),
  ].sort((a, b) => a.index - b.index);
  if (all.length || !stored) {
    throw new DomainError(
      'validation_failed',
      say('streets_not_imported', { count: all.length, total: input.features.length }),
      all.map((p) => {
        const name = input.features[p.index]?.properties?.name;
        return { field: `features.${p.index}`, message: typeof name === 'string' && name ? `${name}: ${p.message}` : p.message };
      }),
    );
  }
  await recordAudit(database, {
    staffId: actor?.id ?? null,
    action: 'streets_imported',
    payload: { source: input.source, count: stored.imported, reportsUpdated: stored.reportsUpdated },
    at: clock.now(),
  });
  return { imported: stored.imported, reportsUpdated: stored.reportsUpdated };
}
