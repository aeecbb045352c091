import { NOTIFY_EVENT_KINDS } from '@groundswell/core';
import { publicEventActors, takeNotifications } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { publicActor } from '../reports/present.ts';
import { notificationMail } from './messages.ts';

/** One pass of the notifier: new public events become queued follower emails. */
export async function notifyFollowers(deps: Pick<AppDeps, 'database' | 'jobs' | 'config' | 'logger'>): Promise<number> {
  let sent = 0;
  for (;;) {
    const { events, notifications } = await takeNotifications(deps.database, NOTIFY_EVENT_KINDS);
    if (events === 0) break;
    // Followers are told which officer answered, named as the public timeline names them.
    const actors = await publicEventActors(deps.database, [...new Set(notifications.map((n) => n.eventId))]);
    for (const n of notifications) {
      const actor = actors.get(n.eventId);
      const by = actor?.actorType === 'staff' ? publicActor(actor, deps.config.publicStaffName) : undefined;
      await deps.jobs.sendMail(notificationMail(n, deps.config.publicUrl, by));
    }
    sent += notifications.length;
  }
  if (sent) deps.logger.info({ sent }, 'follower emails queued');
  return sent;
}
