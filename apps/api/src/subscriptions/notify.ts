import { ACTION_GAP_SECONDS, NOTIFY_EVENT_KINDS } from '@groundswell/core';
import { publicEventActors, takeNotifications, type Notification } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { publicActor } from '../reports/present.ts';
import { notificationMail } from './messages.ts';

export interface NotifyOptions {
  /**
   * Wait until an action is over before telling anyone of it: an action whose last event is
   * newer than this many seconds may still grow (the console sends the expected date and the
   * answer as two requests), so it waits for the next pass. The background worker passes
   * `NOTIFY_SETTLE_SECONDS`; a pass run by hand (tests, tools) tells of everything written so far.
   */
  settleSeconds?: number;
}

/** How long the background notifier waits after an action's last event: the gap that ends an action, and a little for commits. */
export const NOTIFY_SETTLE_SECONDS = ACTION_GAP_SECONDS + 2;

/** One pass of the notifier: new public events become queued follower emails, one per action and follower. Returns the emails queued. */
export async function notifyFollowers(deps: Pick<AppDeps, 'database' | 'jobs' | 'config' | 'logger' | 'clock'>, options: NotifyOptions = {}): Promise<number> {
  let sent = 0;
  const settleSeconds = options.settleSeconds ?? 0;
  for (;;) {
    const { events, notifications } = await takeNotifications(deps.database, NOTIFY_EVENT_KINDS, { now: deps.clock.now(), settleSeconds });
    if (events === 0) break;
    // Followers are told which officer answered, named as the public timeline names them.
    const actors = await publicEventActors(deps.database, [...new Set(notifications.map((n) => n.eventId))]);
    const emails = new Map<string, Notification[]>();
    for (const n of notifications) {
      const key = `${n.actionId}\u0000${n.email.toLowerCase()}`;
      emails.set(key, [...(emails.get(key) ?? []), n]);
    }
    for (const action of emails.values()) {
      const actor = actors.get(action[0]!.eventId);
      // In the follower's language: their team's name in it, when the team has one.
      const by = actor?.actorType === 'staff' ? publicActor(actor, deps.config.publicStaffName, action[0]!.locale) : undefined;
      await deps.jobs.sendMail(notificationMail(action, deps.config.publicUrl, by));
    }
    sent += emails.size;
  }
  if (sent) deps.logger.info({ sent }, 'follower emails queued');
  return sent;
}
