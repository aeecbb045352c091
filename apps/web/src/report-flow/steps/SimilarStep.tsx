import { createSignal, For, Show } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { NearbyFeature } from '../../api/types.ts';
import { format, formatNumber, t } from '../../i18n/index.ts';
import { reportCategoryName } from '../../reports/categories.ts';
import { StateBadge } from '../../reports/StateBadge.tsx';
import { supportOnce } from '../../reports/SupportButton.tsx';
import { MAP_HREF, reportHref } from '../../router.ts';

const distance = (m: number) => (m >= 1000 ? `${formatNumber(m / 1000, 1)} km` : `${formatNumber(Math.max(1, Math.round(m)))} m`);

/**
 * Step 4 (only when there are any): open reports of the same kind close by. Supporting one
 * instead ends the flow; "Mine is different" goes on to the details.
 */
export function SimilarStep(props: { reports: NearbyFeature[]; category: Category; categories: readonly Category[]; onDifferent: () => void; onSupported: () => void }) {
  const [busyId, setBusyId] = createSignal<string>();
  const [message, setMessage] = createSignal<{ id: string; text: string; ok: boolean }>();

  const support = async (id: string) => {
    setBusyId(id);
    const { outcome, result } = await supportOnce(id);
    setBusyId(undefined);
    const m = t().flow.similar;
    if (outcome === 'added' || outcome === 'already') {
      setMessage({ id, ok: true, text: outcome === 'added' ? format(m.done, { count: formatNumber(result?.supportCount ?? 1) }) : m.already });
      props.onSupported();
    } else setMessage({ id, ok: false, text: outcome === 'closed' ? m.closed : m.failed });
  };

  return (
    <div class="step step-similar">
      <Show
        when={!message()?.ok}
        fallback={
          <div class="success-panel">
            <p role="status">{message()!.text}</p>
            <p class="page-actions">
              <a class="button button-primary" href={reportHref(message()!.id)}>
                {t().flow.similar.openReport}
              </a>
              <a class="button" href={MAP_HREF}>
                {t().flow.similar.toMap}
              </a>
            </p>
          </div>
        }
      >
        <p>{t().flow.similar.intro}</p>
        <ul class="cards">
          <For each={props.reports}>
            {(r) => (
              <li class="card similar-card">
                <p class="card-title">{reportCategoryName(props.categories, r)}</p>
                <p class="item-meta">
                  <StateBadge properties={r.properties} /> {format(t().flow.similar.away, { distance: distance(r.distanceMeters) })}
                </p>
                <p class="card-desc">{r.properties.description}</p>
                <Show when={message()?.id === r.properties.id && !message()?.ok}>
                  <p class="field-error" role="alert">
                    {message()!.text}
                  </p>
                </Show>
                <div class="card-actions">
                  <button type="button" class="button button-primary" disabled={busyId() !== undefined} onClick={() => void support(r.properties.id)}>
                    {t().flow.similar.support}
                  </button>
                  <a class="button" href={reportHref(r.properties.id)}>
                    {t().flow.similar.view}
                  </a>
                </div>
              </li>
            )}
          </For>
        </ul>
        <button type="button" class="button button-primary button-large button-block" onClick={() => props.onDifferent()}>
          {t().flow.similar.different}
          <span aria-hidden="true"> →</span>
        </button>
      </Show>
    </div>
  );
}
