import { HANDOFF_MAX_ATTEMPTS, handoffSendKey, type StaffActor } from '@groundswell/core';
import { beginHandoffTry, loadHandoffSend, markHandoffFailure, markHandoffMaybeSent, markHandoffSent, type HandoffSendJob } from '@groundswell/db';
import { handoffEmail, open311Form, webhookBody } from './compose.ts';
import type { HandoffDeps } from './deps.ts';
import { findOpen311Request, HandoffError, postOpen311Request } from './open311-client.ts';
import { openSecret } from './secret-box.ts';
import { signHandoff } from './signature.ts';
import { targetSettings } from './target-config.ts';

export type SendOutcome = 'sent' | 'already_sent' | 'dead' | 'missing';

/**
 * One try at handing one report to one target. A send already made does nothing (so a
 * duplicate job is harmless); a failed try is recorded and thrown for the queue to retry with
 * backoff, until the last try (or a refusal no retry can mend) dead-letters it for an admin.
 */
export async function sendHandoff(deps: HandoffDeps, sendId: number): Promise<SendOutcome> {
  const { database, clock } = deps;
  const job = await loadHandoffSend(database, sendId);
  if (!job) return 'missing';
  if (job.state === 'sent') return 'already_sent';
  if (job.state === 'failed') return 'dead';
  const attempt = await beginHandoffTry(database, job.id, clock.now());
  const key = handoffSendKey(job.report.publicId, job.target.id);
  try {
    const ref = await deliver(deps, job, key);
    const at = clock.now();
    const note = `Sent to ${job.target.name} (${job.target.method}) at ${at.toISOString()}${ref ? `, their reference ${ref}` : ''}.`;
    await markHandoffSent(database, job.id, { reportId: job.reportId, externalRef: ref, note, actor: { type: 'system', label: job.target.name }, at });
    return 'sent';
  } catch (err) {
    const permanent = err instanceof HandoffError && err.permanent;
    const dead = permanent || attempt >= HANDOFF_MAX_ATTEMPTS;
    const message = err instanceof Error ? err.message : String(err);
    await markHandoffFailure(database, job.id, { error: `Try ${attempt}: ${message}`, dead, at: clock.now() });
    deps.logger.warn({ err, sendId, attempt, dead }, dead ? 'hand-off dead-lettered' : 'hand-off failed; will retry');
    if (dead) return 'dead';
    throw err;
  }
}

async function deliver(deps: HandoffDeps, job: HandoffSendJob, key: string): Promise<string | null> {
  const { config, clock } = deps;
  const s = targetSettings(job.target);
  const secret = openSecret(config.handoffSecretKey, job.target.secret);
  switch (job.target.method) {
    case 'open311': {
      if (!s.endpoint) throw new HandoffError('This target has no Open311 endpoint', { permanent: true });
      const form = open311Form(job.report, s, { apiKey: secret, publicUrl: config.publicUrl, sendKey: key });
      // An earlier try may have reached them (a timeout, a connection cut after the body was
      // written): look for its marker before posting again, so they never get it twice.
      if (job.maybeSentAt) {
        const found = await findOpen311Request(s, form.get('service_code')!, key, new Date(job.maybeSentAt), clock.now());
        if (found) return found;
      }
      await markHandoffMaybeSent(deps.database, job.id, clock.now());
      return postOpen311Request(s, form);
    }
    case 'email': {
      const to = job.report.team?.email ?? s.email;
      if (!to) throw new HandoffError(`Neither the report's team nor the target has a mailbox`, { permanent: true });
      const message = await handoffEmail(job.report, to, { publicUrl: config.publicUrl, siteName: config.siteName, sendKey: key, storage: deps.storage });
      await deps.mailer.send(message);
      return message.messageId ?? null;
    }
    case 'webhook': {
      if (!s.url || !secret) throw new HandoffError('This webhook target has no URL or no secret', { permanent: true });
      const body = webhookBody(job.report, config.publicUrl, key);
      const signature = signHandoff(secret, body, Math.floor(clock.now().getTime() / 1000));
      let res: Response;
      try {
        res = await fetch(s.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-Groundswell-Signature': signature, 'Idempotency-Key': key },
          body,
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        throw new HandoffError(`POST ${new URL(s.url).origin} failed: ${cause?.code ?? (err as Error).message}`);
      }
      const text = await res.text();
      if (!res.ok) throw new HandoffError(`Webhook: HTTP ${res.status} ${text.slice(0, 300)}`, { permanent: res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429 });
      try {
        const reply = JSON.parse(text) as Record<string, unknown>;
        const ref = reply.reference ?? reply.id;
        return ref === undefined || ref === null ? null : String(ref);
      } catch {
        return null;
      }
    }
  }
}

/** The council system as it acts on a report through the officers' own use-cases. */
export function systemActor(target: { id: number; name: string }): StaffActor {
  return { id: `handoff-target-${target.id}`, name: target.name, role: 'admin', teamIds: [], system: true };
}
