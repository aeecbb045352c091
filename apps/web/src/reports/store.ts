import { createSignal } from 'solid-js';
import type { BBox } from '@groundswell/core/rules';
import { fetchReport, fetchReports } from '../api/client.ts';
import type { ReportCollection, ReportFeature } from '../api/types.ts';

/**
 * The reports in the current map view (for the list) and the one the user picked. The map
 * draws from vector tiles and only says where it is looking (`view`); the GeoJSON list of
 * that view is asked for while the list is open (`want`), so a map with a million reports
 * never waits for it. The map, the list and the summary panel are each a way to the same report.
 */
export function createReportStore() {
  const [collection, setCollection] = createSignal<ReportCollection>();
  const [loading, setLoading] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [selected, setSelected] = createSignal<ReportFeature>();
  let inFlight: AbortController | undefined;
  let bbox: BBox | undefined;
  let wanted = false;
  let picking: AbortController | undefined;

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

  /** The report behind an id picked on the map: from the list when it holds it, else fetched. */
  async function selectId(id: string): Promise<void> {
    picking?.abort();
    const found = find(id);
    if (found) return void setSelected(found);
    const controller = new AbortController();
    picking = controller;
    try {
      const report = await fetchReport(id, controller.signal);
      if (picking === controller) setSelected(report as unknown as ReportFeature);
    } catch {
      if (!controller.signal.aborted) setFailed(true);
    }
  }

  return {
    collection,
    loading,
    failed,
    selected,
    load,
    /** Where the map is looking: the list follows it while it is open. */
    view(next: BBox) {
      bbox = next;
      if (wanted) void load(next);
    },
    /** The list opened (load the view's reports) or closed (stop following the map). */
    want(open: boolean) {
      wanted = open;
      if (open && bbox) void load(bbox);
    },
    selectId,
    select: (feature: ReportFeature | undefined) => {
      picking?.abort();
      setSelected(feature);
    },
    dismissFailure: () => setFailed(false),
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
