import { createEffect, createResource, createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { fetchReport, ProblemError } from '../api/client.ts';
import type { ReportDetail, SiteConfig } from '../api/types.ts';
import { formatDate, formatNumber, t, format } from '../i18n/index.ts';
import { SmallMap } from '../map/SmallMap.tsx';
import { MAP_HREF } from '../router.ts';
import { answerRows } from './answers.ts';
import { findCategory, reportCategoryName, reportColour } from './categories.ts';
import { StateBadge } from './StateBadge.tsx';
import { Timeline } from './Timeline.tsx';
import { describeWhere } from './where.ts';
import { FollowForm } from './FollowForm.tsx';
import { SupportButton } from './SupportButton.tsx';

/** `#/reports/{id}`: one report, what and where it is, and what has happened to it. */
export function ReportPage(props: { id: string; config: SiteConfig; categories: readonly Category[]; siteName: string }) {
  const [report, { refetch }] = createResource(
    () => props.id,
    (id) => fetchReport(id),
  );
  let top!: HTMLDivElement;
  onMount(() => {
    window.scrollTo(0, 0);
    top.focus();
  });

  return (
    <div class="page" ref={top} tabindex="-1">
      <p class="page-back">
        <a class="button button-quiet" href={MAP_HREF}>
          <span aria-hidden="true">← </span>
          {t().report.back}
        </a>
      </p>
      <Switch>
        <Match when={report.error}>
          <div class="page-message" role="alert">
            <p>{report.error instanceof ProblemError && report.error.status === 404 ? t().report.notFound : t().report.failed}</p>
            <Show when={!(report.error instanceof ProblemError && report.error.status === 404)}>
              <button type="button" class="button" onClick={() => void refetch()}>
                {t().app.retry}
              </button>
            </Show>
          </div>
        </Match>
        <Match when={report()}>{(detail) => <ReportDetails detail={detail()} config={props.config} categories={props.categories} siteName={props.siteName} />}</Match>
        <Match when={report.loading}>
          <p class="page-message" role="status">
            {t().report.loading}
          </p>
        </Match>
      </Switch>
    </div>
  );
}

function ReportDetails(props: { detail: ReportDetail; config: SiteConfig; categories: readonly Category[]; siteName: string }) {
  const p = () => props.detail.properties;
  const title = () => reportCategoryName(props.categories, props.detail);
  const answers = () => answerRows(findCategory(props.categories, p().category), p().answers ?? {});
  const [supportCount, setSupportCount] = createSignal(props.detail.properties.supportCount);
  createEffect(() => {
    document.title = `${title()} · ${props.siteName}`;
  });

  return (
    <article class="report" aria-labelledby="report-heading">
      <h1 id="report-heading">{title()}</h1>
      <p>
        <StateBadge properties={p()} />
      </p>
      <SupportButton id={p().id} open={p().status === 'open'} onCount={setSupportCount} />

      <section aria-labelledby="what-heading">
        <h2 id="what-heading">{t().report.what}</h2>
        <p class="description">{p().description}</p>
        <Show when={answers().length > 0}>
          <h3>{t().report.answers}</h3>
          <dl class="facts facts-stacked">
            <For each={answers()}>
              {(row) => (
                <div>
                  <dt>{row.label}</dt>
                  <dd>{row.value}</dd>
                </div>
              )}
            </For>
          </dl>
        </Show>
        <Show when={(p().photos ?? []).length > 0}>
          <h3>{t().report.photos}</h3>
          <ul class="photos">
            <For each={p().photos}>
              {(photo, i) => (
                <li>
                  <a href={photo.url}>
                    <img src={photo.thumbnailUrl} alt={format(t().report.photoAlt, { n: i() + 1 })} loading="lazy" width="160" height="120" />
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <section aria-labelledby="where-heading">
        <h2 id="where-heading">{t().report.where}</h2>
        <p id="report-where">{describeWhere(props.detail.geometry)}</p>
        <SmallMap config={props.config} geometry={props.detail.geometry} colour={reportColour(props.categories, props.detail)} label={t().map.placeMap} describedBy="report-where" report={p().id} />
        <Show when={(p().areas ?? []).length > 0}>
          <p>
            {t().report.areas}: {p().areas.join(', ')}
          </p>
        </Show>
      </section>

      <dl class="facts">
        <div>
          <dt>{t().report.reported}</dt>
          <dd>
            <time datetime={p().createdAt}>{formatDate(p().createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t().report.updated}</dt>
          <dd>
            <time datetime={p().updatedAt}>{formatDate(p().updatedAt)}</time>
          </dd>
        </div>
        <Show when={p().status === 'open' && p().expectedAt}>
          {(expected) => (
            <div>
              <dt>{t().report.expected}</dt>
              <dd>
                <time datetime={expected()}>{formatDate(expected())}</time>
              </dd>
            </div>
          )}
        </Show>
        <div>
          <dt>{t().report.supporters}</dt>
          <dd>{formatNumber(supportCount())}</dd>
        </div>
      </dl>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t().report.timeline}</h2>
        <Timeline events={props.detail.timeline ?? []} />
      </section>

      <FollowForm reportId={p().id} />
    </article>
  );
}
