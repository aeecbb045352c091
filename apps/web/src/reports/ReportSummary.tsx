import { createEffect, on, onCleanup, onMount, Show } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { ReportFeature } from '../api/types.ts';
import { formatDate, formatNumber, t } from '../i18n/index.ts';
import { reportHref } from '../router.ts';
import { reportCategoryName } from './categories.ts';
import { StateBadge } from './StateBadge.tsx';

/**
 * The panel that opens when a report is picked on the map or in the list. Focus moves to
 * its heading; closing it puts focus back where it was.
 */
export function ReportSummary(props: { feature: ReportFeature; categories: readonly Category[]; onClose: () => void }) {
  let heading!: HTMLHeadingElement;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const p = () => props.feature.properties;

  onMount(() => heading.focus());
  createEffect(
    on(
      () => p().id,
      () => heading.focus(),
      { defer: true },
    ),
  );
  onCleanup(() => {
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  });

  return (
    <aside class="sheet sheet-summary" aria-labelledby="summary-heading">
      <div class="sheet-head">
        <h2 id="summary-heading" ref={heading} tabindex="-1">
          {reportCategoryName(props.categories, props.feature)}
        </h2>
        <button type="button" class="icon-button" aria-label={t().summary.close} title={t().summary.close} onClick={() => props.onClose()}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      <div class="sheet-body">
        <p class="summary-state">
          <StateBadge properties={p()} />
        </p>
        <p class="description summary-description">{p().description || t().summary.noDescription}</p>
        <dl class="facts">
          <div>
            <dt>{t().summary.reported}</dt>
            <dd>
              <time datetime={p().createdAt}>{formatDate(p().createdAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{t().summary.supporters}</dt>
            <dd>{formatNumber(p().supportCount)}</dd>
          </div>
          <Show when={p().status === 'open' && p().expectedAt}>
            {(expected) => (
              <div>
                <dt>{t().summary.expected}</dt>
                <dd>
                  <time datetime={expected()}>{formatDate(expected())}</time>
                </dd>
              </div>
            )}
          </Show>
        </dl>
        <a class="button button-primary" href={reportHref(p().id)}>
          {t().summary.openPage}
        </a>
      </div>
    </aside>
  );
}
