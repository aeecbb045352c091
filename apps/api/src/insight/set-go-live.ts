import type { StaffActor } from '@groundswell/core';
import { recordAudit, setGoLiveDate } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';

/** Sets (or clears, with null) the day the council's online channels went live, which the calls comparison splits on. */
export async function setGoLive(deps: Pick<AppDeps, 'database' | 'clock'>, actor: StaffActor, day: string | null): Promise<{ goLive: string | null }> {
  await setGoLiveDate(deps.database, day);
  await recordAudit(deps.database, { staffId: actor.id, action: 'go_live_set', payload: { date: day }, at: deps.clock.now() });
  return { goLive: day };
}
