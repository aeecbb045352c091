import { listeningNextPollSeconds } from '@groundswell/core';
import { dueListeningSources, findListeningSource, recordSourceError, recordSourcePoll } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { CONNECTORS } from './connectors.ts';
import { type IngestOutcome, ingestMention } from './ingest-mention.ts';
import { connectorFor } from './source-connector.ts';

/** A poll that hangs is given up, so one slow site never holds its job for ever. */
const POLL_TIMEOUT_MS = 60_000;

export type PollDeps = Pick<AppDeps, 'database' | 'clock' | 'config' | 'storage' | 'logger'> & { fetch?: typeof fetch };

/** Sources of the polled kinds whose next poll is due: one job each. */
export async function dueSources(deps: Pick<AppDeps, 'database' | 'clock'>): Promise<number[]> {
  const polled = Object.entries(CONNECTORS)
    .filter(([, k]) => k?.polled)
    .map(([kind]) => kind as keyof typeof CONNECTORS);
  return (await dueListeningSources(deps.database, polled, deps.clock.now())).map((s) => s.id);
}

/**
 * One poll of one source: what is new since its cursor goes through the pipeline, then the
 * cursor moves. A failure is recorded on the source for the admin and the next poll waits
 * longer (core's listeningNextPollSeconds); the cursor stays, so nothing is skipped.
 */
export async function pollSource(deps: PollDeps, sourceId: number): Promise<{ polled: boolean; outcomes: Partial<Record<IngestOutcome, number>>; error?: string }> {
  const source = await findListeningSource(deps.database, sourceId);
  if (!source?.enabled) return { polled: false, outcomes: {} };
  const outcomes: Partial<Record<IngestOutcome, number>> = {};
  const started = deps.clock.now();
  try {
    const connector = connectorFor(deps, source);
    if (!connector.poll) return { polled: false, outcomes };
    const result = await connector.poll(source.state, AbortSignal.timeout(POLL_TIMEOUT_MS));
    for (const mention of result.mentions) {
      const { outcome } = await ingestMention(deps, { id: source.id, kind: source.kind }, mention);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    await connector.close?.();
    await recordSourcePoll(deps.database, source.id, result.state, started, new Date(started.getTime() + listeningNextPollSeconds(source.pollSeconds, 0) * 1000));
    deps.logger.info({ sourceId, outcomes }, 'listening source polled');
    return { polled: true, outcomes };
  } catch (err) {
    const message = (err as Error).message || String(err);
    const wait = listeningNextPollSeconds(source.pollSeconds, source.failures + 1);
    await recordSourceError(deps.database, source.id, message, started, new Date(started.getTime() + wait * 1000));
    deps.logger.warn({ sourceId, err: message }, 'listening source poll failed');
    return { polled: true, outcomes, error: message };
  }
}
