/**
 * The outbox: finished reports waiting to reach the council, kept in IndexedDB with their
 * photos so that a report made without signal survives closing the page, a reload or a
 * dead battery, and is sent by itself when the connection returns.
 *
 * Exactly once: each entry carries the `Idempotency-Key` made when the resident pressed
 * Send. A resend after a crash (the server may have created the report but the answer was
 * lost) replays the first answer: the same id and upload token. The created id and token
 * are stored in the entry as soon as they arrive, so photos continue where they stopped;
 * an upload whose answer was lost is checked against the photos the report already has.
 * Only one tab sends at a time (Web Locks), and an entry leaves the outbox only when the
 * report and all its photos are on the server.
 */
import { createSignal } from 'solid-js';
import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import { createReport, fetchReport, ProblemError, NetworkError, uploadPhoto } from '../api/client.ts';
import type { ProblemBody, ReportBody, ReportCreated } from '../api/types.ts';
import { myReports } from '../device.ts';

export interface OutboxEntry {
  /** The Idempotency-Key: a UUID made when the report was finished, never changed. */
  key: string;
  /** When the resident finished it (ISO 8601). */
  finishedAt: string;
  body: ReportBody;
  /** Photos already resized on the phone, in the order chosen. */
  photos: Blob[];
  /** The category's promised response time, to show while the report waits. */
  responseDays: number;
  /** The server's answer once the report exists. */
  created?: ReportCreated;
  /** Index of the next photo to send; photos before it are sent or were refused. */
  photoIndex: number;
  /** Photos the server accepted. */
  photosSent: number;
  /** Photos the server refused (too large, not an image, over the limit). */
  photosRefused: number;
  /** An upload was started and its answer not yet recorded: check before sending it again. */
  photoInFlight: boolean;
  /** The server refused the report itself: it stays here until the resident edits or deletes it. */
  rejected?: { status: number; problem: ProblemBody };
  attempts: number;
  /** Do not try before this time (ms since epoch), after a 429 or a server error. */
  notBefore?: number;
}

export type SendProgress = { key: string; phase: 'report' } | { key: string; phase: 'photo'; index: number; count: number; fraction: number };

let store: UseStore | undefined;
const db = () => (store ??= createStore('groundswell', 'outbox'));
const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('groundswell-outbox');

const [entries, setEntries] = createSignal<OutboxEntry[]>([]);
const [progress, setProgress] = createSignal<SendProgress>();
const [sending, setSending] = createSignal(false);
/** Entries waiting, newest first; `progress` says what is being sent right now. */
export { entries as outboxEntries, progress as sendProgress, sending as outboxSending };

export async function refreshOutbox(): Promise<void> {
  try {
    const all = await values<OutboxEntry>(db());
    setEntries(all.sort((a, b) => b.finishedAt.localeCompare(a.finishedAt)));
  } catch {
    // No IndexedDB (some private modes): nothing is queued.
  }
}

async function save(entry: OutboxEntry): Promise<void> {
  await set(entry.key, entry, db());
  await refreshOutbox();
  channel?.postMessage('changed');
}

async function remove(key: string): Promise<void> {
  await del(key, db());
  await refreshOutbox();
  channel?.postMessage('changed');
}

export function newEntry(key: string, body: ReportBody, photos: Blob[], responseDays: number): OutboxEntry {
  return { key, finishedAt: new Date().toISOString(), body, photos, responseDays, photoIndex: 0, photosSent: 0, photosRefused: 0, photoInFlight: false, attempts: 0 };
}

/** Puts a finished report in the outbox; it is safe on the phone from here on. */
export const addToOutbox = (entry: OutboxEntry) => save(entry);

/** Deletes an entry the resident gave up on (only ones the server has not accepted). */
export const deleteFromOutbox = (key: string) => remove(key);

export const getOutboxEntry = (key: string) => get<OutboxEntry>(key, db());

export type SendOutcome = 'done' | 'waiting' | 'rejected';

const backoffMs = (attempts: number) => Math.min(5 * 60_000, 5_000 * 2 ** Math.min(attempts, 6));

/**
 * Tries to deliver one entry (read fresh from IndexedDB). Returns 'done' when the report and
 * its photos are on the server, 'waiting' when it must be tried again later, 'rejected' when
 * the server refused the report. Throws NetworkError when there is no connection at all.
 */
async function deliver(key: string): Promise<SendOutcome> {
  const entry = await getOutboxEntry(key);
  if (!entry) return 'done'; // another tab finished it
  if (entry.rejected) return 'rejected';

  if (!entry.created) {
    setProgress({ key, phase: 'report' });
    try {
      entry.created = await createReport(entry.body, entry.key);
      entry.attempts = 0;
      delete entry.notBefore;
      await save(entry);
    } catch (err) {
      // Refused for good: invalid, too large, or the key already used for another report. (A 409
      // without that field means the first request with this key is still being processed.)
      const keyReused = err instanceof ProblemError && err.status === 409 && !!err.problem.errors?.some((e) => e.field.includes('idempotency'));
      if (err instanceof ProblemError && (err.status === 400 || err.status === 413 || err.status === 422 || keyReused)) {
        entry.rejected = { status: err.status, problem: err.problem };
        await save(entry);
        return 'rejected';
      }
      if (err instanceof ProblemError) {
        entry.attempts += 1;
        entry.notBefore = Date.now() + (err.retryAfter !== undefined ? err.retryAfter * 1000 : backoffMs(entry.attempts));
        await save(entry);
        return 'waiting';
      }
      throw err;
    }
  }

  const { id, uploadToken } = entry.created;
  if (entry.photoInFlight) {
    // The page went away during an upload: did that photo arrive?
    const onServer = (
      await fetchReport(id).catch((err: unknown) => {
        if (err instanceof ProblemError) return undefined;
        throw err;
      })
    )?.properties.photos?.length;
    if (onServer !== undefined && onServer > entry.photosSent) {
      entry.photoIndex += onServer - entry.photosSent;
      entry.photosSent = onServer;
    }
    entry.photoInFlight = false;
    await save(entry);
  }
  while (entry.photoIndex < entry.photos.length) {
    const index = entry.photoIndex;
    entry.photoInFlight = true;
    await save(entry);
    setProgress({ key, phase: 'photo', index, count: entry.photos.length, fraction: 0 });
    try {
      await uploadPhoto(id, uploadToken, entry.photos[index]!, (fraction) => setProgress({ key, phase: 'photo', index, count: entry.photos.length, fraction }));
      entry.photosSent += 1;
      entry.photoIndex += 1;
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      if (err.status === 429 || err.status >= 500) {
        entry.photoInFlight = false;
        entry.attempts += 1;
        entry.notBefore = Date.now() + (err.retryAfter !== undefined ? err.retryAfter * 1000 : backoffMs(entry.attempts));
        await save(entry);
        return 'waiting';
      }
      // 409 (five photos already), 403/404 (no longer ours to add to): nothing more can go.
      // 413/415/400: this photo cannot go; the others still may.
      if (err.status === 409 || err.status === 403 || err.status === 404) {
        entry.photosRefused += entry.photos.length - index;
        entry.photoIndex = entry.photos.length;
      } else {
        entry.photosRefused += 1;
        entry.photoIndex += 1;
      }
    }
    entry.photoInFlight = false;
    await save(entry);
  }

  myReports.add({
    id,
    localId: entry.key,
    category: entry.body.category,
    responseDays: entry.created.responseDays,
    createdAt: entry.created.createdAt,
    ...(entry.photosRefused ? { photosRefused: entry.photosRefused } : {}),
  });
  await remove(entry.key);
  return 'done';
}

let flushing: Promise<void> | undefined;

/**
 * Sends everything that is due, one entry at a time, in one tab at a time. Nothing is tried
 * while the browser says it is offline (that answer is reliable; "online" is only a hope):
 * the `online` event starts the next attempt.
 */
export function flushOutbox(force = false): Promise<void> {
  if (navigator.onLine === false) return flushing ?? Promise.resolve();
  flushing ??= (async () => {
    setSending(true);
    try {
      const run = async () => {
        const due = (await values<OutboxEntry>(db())).filter((e) => !e.rejected && (force || !e.notBefore || e.notBefore <= Date.now())).sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
        for (const entry of due) {
          try {
            await deliver(entry.key);
          } catch (err) {
            if (err instanceof NetworkError) break; // no connection: everything else would fail too
          }
        }
      };
      if (navigator.locks) await navigator.locks.request('groundswell-outbox', run);
      else await run();
    } catch {
      // IndexedDB unavailable: nothing to send.
    } finally {
      setProgress(undefined);
      setSending(false);
      flushing = undefined;
      await refreshOutbox();
    }
  })();
  return flushing;
}

/** Sends one entry now (after others already waiting) and says how it went. */
export async function sendNow(key: string): Promise<SendOutcome> {
  await flushing;
  await flushOutbox(true);
  const entry = await getOutboxEntry(key);
  if (!entry) return 'done';
  return entry.rejected ? 'rejected' : 'waiting';
}

const RETRY_EVERY_MS = 30_000;
let started = false;

/** Sends on start, whenever the connection returns, and every 30 s while anything waits. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  channel?.addEventListener('message', () => void refreshOutbox());
  window.addEventListener('online', () => void flushOutbox(true));
  setInterval(() => {
    if (navigator.onLine !== false && entries().some((e) => !e.rejected)) void flushOutbox();
  }, RETRY_EVERY_MS);
  void refreshOutbox().then(() => flushOutbox(true));
}
