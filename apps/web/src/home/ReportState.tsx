import { createResource, Show } from 'solid-js';
import { fetchReport } from '../api/client.ts';
import { t } from '../i18n/index.ts';
import { StateBadge } from '../reports/StateBadge.tsx';

/** A sent report's current state, fetched when online (the service worker keeps the last one seen). */
export function ReportState(props: { id: string; showCategory?: boolean }) {
  const [report] = createResource(
    () => props.id,
    (id) => fetchReport(id).catch(() => undefined),
  );
  return (
    <Show when={!report.loading}>
      <Show when={report()} fallback={<span class="item-meta">{t().mine.stateUnknown}</span>}>
        {(r) => (
          <>
            <Show when={props.showCategory}>
              <span class="item-title">{r().properties.categoryName} </span>
            </Show>
            <StateBadge properties={r().properties} />
          </>
        )}
      </Show>
    </Show>
  );
}
