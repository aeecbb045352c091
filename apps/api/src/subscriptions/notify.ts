import { NOTIFY_EVENT_KINDS } from '@groundswell/core';
import { takeNotifications } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { notificationMail } from './messages.ts';

/** One pass of the notifier: new public events become queued follower emails. */
export async function notifyFollowers(deps: Pick<AppDeps, 'database' | 'jobs' | 'config' | 'logger'>): Promise<number> {
  let sent = 0;
  for (;;) {
    const { events, notifications } = await takeNotifications(deps.database, NOTIFY_EVENT_KINDS);
    if (events === 0) break;
    for (const n of notifications) await deps.jobs.sendMail(notificationMail(n, deps.config.publicUrl));
    sent += notifications.length;
  }
  if (sent) deps.logger.info({ sent }, 'follower emails queued');
  return sent;
}
