import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { ReportState } from '@groundswell/core/rules';
import { staffApi } from './api.ts';
import type { StaffReport } from './types.ts';

/** How often the list asks for work that arrived or changed since the last look. */
export const POLL_MS = 15_000;
const PAGE = 200;
const MAX_LIMIT = 500;

/**
 * The reports matching the filter, their counts per state, and new work as it arrives:
 * every 15 s (and when the window regains focus) the list asks for reports changed since the
 * server's time of the previous answer. Reports it had not shown before are marked new; the
 * page is then loaded again so counts and order stay true.
 */
export function createTriage(filterKey: Accessor<string>) {
  const [reports, setReports] = createSignal<StaffReport[]>([]);
  const [total, setTotal] = createSignal(0);
  const [counts, setCounts] = createSignal<Partial<Record<ReportState, number>>>({});
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<unknown>();
  const [fresh, setFresh] = createSignal<ReadonlySet<string>>(new Set());
  const [checkedAt, setCheckedAt] = createSignal<string>();
  let since: string | undefined;
  let generation = 0;
  let polling = false;

  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams(filterKey());
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q;
  };
  // A second of overlap: a report written while the list was being read is not missed.
  const sinceFrom = (serverTime: string) => new Date(Date.parse(serverTime) - 1000).toISOString();

  async function load(limit = Math.max(PAGE, reports().length)): Promise<void> {
    const gen = ++generation;
    try {
      const res = await staffApi.reports(query({ limit: String(Math.min(MAX_LIMIT, limit)) }));
      if (gen !== generation) return;
      setReports(res.reports);
      setTotal(res.total);
      setCounts(res.counts);
      setError(undefined);
      since = sinceFrom(res.serverTime);
      setCheckedAt(res.serverTime);
    } catch (err) {
      if (gen === generation) setError(err);
    } finally {
      if (gen === generation) setLoading(false);
    }
  }

  async function loadMore(): Promise<void> {
    const gen = generation;
    try {
      const res = await staffApi.reports(query({ limit: String(PAGE), offset: String(reports().length) }));
      if (gen !== generation) return;
      const known = new Set(reports().map((r) => r.id));
      setReports([...reports(), ...res.reports.filter((r) => !known.has(r.id))]);
      setTotal(res.total);
      setCounts(res.counts);
    } catch (err) {
      setError(err);
    }
  }

  async function poll(): Promise<void> {
    if (!since || polling) return;
    polling = true;
    try {
      const res = await staffApi.reports(query({ since, limit: String(MAX_LIMIT) }));
      if (res.reports.length === 0) {
        since = sinceFrom(res.serverTime);
        setCheckedAt(res.serverTime);
        return;
      }
      const known = new Set(reports().map((r) => r.id));
      const added = res.reports.filter((r) => !known.has(r.id)).map((r) => r.id);
      if (added.length) setFresh(new Set([...fresh(), ...added]));
      await load(Math.max(PAGE, reports().length + added.length));
    } catch {
      // The next poll tries again; a lost session is handled by the API client.
    } finally {
      polling = false;
    }
  }

  createEffect(
    on(filterKey, () => {
      setLoading(true);
      setFresh(new Set<string>());
      since = undefined;
      void load(PAGE);
    }),
  );

  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void poll();
  }, POLL_MS);
  const onFocus = () => void poll();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void poll();
  };
  window.addEventListener('focus', onFocus);
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onVisible);
  });

  return {
    reports,
    total,
    counts,
    loading,
    error,
    fresh,
    checkedAt,
    reload: () => load(),
    loadMore,
    poll,
    seen: (id?: string) => {
      if (id === undefined) setFresh(new Set<string>());
      else if (fresh().has(id)) {
        const next = new Set(fresh());
        next.delete(id);
        setFresh(next);
      }
    },
  };
}

export type TriageStore = ReturnType<typeof createTriage>;
