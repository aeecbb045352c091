import { OPEN311_MAX_RESULTS, open311UpdateStatus, open311UpdatesWindow } from '@groundswell/core';
import { open311Updates } from '@groundswell/db';
import { readsFrom, type AppDeps } from '../deps.ts';
import { Open311Error } from './errors.ts';

/** One `request_update` of FixMyStreet's `servicerequestupdates` extension. */
export type ServiceRequestUpdate = {
  update_id: string;
  service_request_id: string;
  status: string;
  description: string;
  updated_datetime: string;
  media_url: string;
  /** Our own state word, for clients that map states themselves. */
  external_status_code: string;
};

/**
 * The public updates in a window, oldest first, at most 1000 (a client that gets 1000 asks
 * again from the last `updated_datetime`). A change of state carries an empty description,
 * as FixMyStreet expects of a status-only update.
 */
export async function listServiceRequestUpdates(deps: AppDeps, window: { start?: Date | undefined; end?: Date | undefined }): Promise<ServiceRequestUpdate[]> {
  const span = open311UpdatesWindow(window.start, window.end, deps.clock.now());
  if (typeof span === 'string') throw new Open311Error(400, [span]);
  const rows = await open311Updates(readsFrom(deps), { start: span.start.toISOString(), end: span.end.toISOString(), limit: OPEN311_MAX_RESULTS });
  return rows.map((r) => ({
    update_id: r.update_id,
    service_request_id: r.service_request_id,
    status: open311UpdateStatus(r.state),
    description: r.description ?? '',
    updated_datetime: r.updated_datetime,
    media_url: '',
    external_status_code: r.state,
  }));
}
