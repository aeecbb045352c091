import { createSignal } from 'solid-js';
import type { BBox } from '@groundswell/core/rules';
import { fetchReports } from '../api/client.ts';
import type { ReportCollection, ReportFeature } from '../api/types.ts';

/**
 * The reports in the current map view and the one the user picked. The map, the list and
 * the summary panel all read from here, so each is another way to reach the same report.
 */
export function createReportStore() {
  const [collection, setCollection] = createSignal<ReportCollection>();
  const [loading, setLoading] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [selected, setSelected] = createSignal<ReportFeature>();
  let inFlight: AbortController | undefined;

  /** Loads the reports inside `bbox`; a newer call cancels an older one still waiting. */
  async function load(bbox: BBox): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    setLoading(true);
    try {
      const data = await fetchReports(bbox, controller.signal);
      if (inFlight !== controller) return;
      setCollection(data);
      setFailed(false);
    } catch {
      if (!controller.signal.aborted) setFailed(true);
    } finally {
      if (inFlight === controller) setLoading(false);
    }
  }

  const find = (id: string) => collection()?.features.find((f) => f.properties.id === id);

  return {
    collection,
    loading,
    failed,
    selected,
    load,
    /** Selects by id from the loaded reports; an id no longer in view selects nothing. */
    selectId: (id: string) => setSelected(find(id)),
    select: (feature: ReportFeature | undefined) => setSelected(feature),
    dismissFailure: () => setFailed(false),
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
