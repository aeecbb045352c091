import { DomainError, say, type AssetLayerInput, type StaffActor } from '@groundswell/core';
import { insertAssetLayer, recordAudit, unknownCategoryCodes, updateAssetLayer } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** Creates an asset layer (id absent) or changes one; every change is in the audit log. */
export async function saveAssetLayer(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, input: AssetLayerInput, id?: number): Promise<{ id: number }> {
  const { database, clock } = deps;
  const unknown = await unknownCategoryCodes(database, input.categories);
  if (unknown.length) {
    throw new DomainError('validation_failed', say('asset_unknown_categories', { codes: unknown.join(', ') }), [
      { field: 'body.categories', message: say('asset_unknown_categories', { codes: unknown.join(', ') }) },
    ]);
  }
  const taken = () => new DomainError('conflict', say('asset_layer_name_taken', { name: input.name }), [{ field: 'body.name', message: 'Already used' }]);
  const payload = { ...input };
  if (id === undefined) {
    const row = await insertAssetLayer(database, input);
    if (!row) throw taken();
    await recordAudit(database, { staffId: actor.id, action: 'asset_layer_created', targetType: 'asset_layer', targetId: String(row.id), payload, at: clock.now() });
    return row;
  }
  const changed = await updateAssetLayer(database, id, input);
  if (changed === null) throw taken();
  if (!changed) throw new DomainError('not_found', say('asset_layer_none', { id }));
  await recordAudit(database, { staffId: actor.id, action: 'asset_layer_changed', targetType: 'asset_layer', targetId: String(id), payload, at: clock.now() });
  return { id };
}
