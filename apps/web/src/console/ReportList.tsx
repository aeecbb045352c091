import { createEffect, For, on, Show } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { ago, categoryName, ct, format, formatDate, formatTime, priorityName, problemText, teamName } from './i18n/index.ts';
import { StateBadge } from './ui.tsx';
import type { StaffReport, Team } from './types.ts';

export interface ReportListProps {
  reports: readonly StaffReport[];
  total: number;
  loading: boolean;
  error: unknown;
  selectedId: string | undefined;
  fresh: ReadonlySet<string>;
  checked: ReadonlySet<string>;
  categories: readonly Category[];
  teams: readonly Team[];
  checkedAt: string | undefined;
  onSelect: (id: string) => void;
  onCheck: (id: string, on: boolean) => void;
  onCheckAll: (on: boolean) => void;
  onLoadMore: () => void;
  onPoll: () => void;
  onSeenAll: () => void;
  onShowNew: () => void;
}

export const itemId = (id: string) => `c-item-${id}`;

/** One report in the list: a checkbox for bulk actions and a button that selects it. */
function ReportItem(props: { r: StaffReport; list: ReportListProps }) {
  const r = props.r;
  const list = props.list;
  const selected = () => list.selectedId === r.id;
  const isFresh = () => list.fresh.has(r.id);
  return (
    <li class="c-item" classList={{ 'c-item-selected': selected(), 'c-item-fresh': isFresh() }} data-id={r.id} data-state={r.state}>
      <input
        type="checkbox"
        class="c-item-check"
        aria-label={format(ct().list.selectOne, { id: r.id })}
        checked={list.checked.has(r.id)}
        onChange={(e) => list.onCheck(r.id, e.currentTarget.checked)}
      />
      <button type="button" class="c-item-main" id={itemId(r.id)} aria-current={selected() ? 'true' : undefined} onClick={() => list.onSelect(r.id)}>
        {/* Title, state and id on one line, then one line of description and one of facts: eight reports fit a laptop screen. */}
        <span class="c-item-top">
          <span class="c-item-title">{categoryName(list.categories, r.category, r.categoryName)}</span>
          <span class="c-item-badges">
            <StateBadge state={r.state} />
            <Show when={r.priority > 0}>
              <span class="c-priority" data-priority={r.priority}>
                {format(ct().priorityLabel, { priority: priorityName(r.priority) })}
              </span>
            </Show>
            <Show when={isFresh()}>
              <span class="c-badge c-badge-new">{ct().list.newBadge}</span>
            </Show>
            <Show when={selected()}>
              <span class="visually-hidden">{ct().list.selected}</span>
            </Show>
          </span>
          <span class="c-item-id">{r.id}</span>
        </span>
        <span class="c-item-desc">{r.description}</span>
        <span class="c-item-meta">
          <time datetime={r.createdAt} title={formatDate(r.createdAt, true)}>
            {ago(r.createdAt)}
          </time>
          <Show when={r.area}>
            <span>{r.area}</span>
          </Show>
          <span>{teamName(list.teams, r.team, r.teamName) ?? ct().list.noTeam}</span>
          <span>{r.assigneeName ?? ct().list.unassigned}</span>
          <Show when={r.photoCount > 0}>
            <span>{format(ct().list.photos, { count: r.photoCount })}</span>
          </Show>
          <Show when={r.supportCount > 0}>
            <span>{format(ct().list.supporters, { count: r.supportCount })}</span>
          </Show>
        </span>
      </button>
    </li>
  );
}

/**
 * The reports as a list: one button per report selects it (the same selection as the
 * map), a checkbox adds it to the bulk selection. New arrivals carry a "New" badge.
 */
export function ReportList(props: ReportListProps) {
  let list!: HTMLUListElement;

  // The selected report is always in sight, whoever chose it.
  createEffect(
    on(
      () => [props.selectedId, props.reports.length] as const,
      ([id]) => {
        if (id) document.getElementById(itemId(id))?.scrollIntoView({ block: 'nearest' });
      },
    ),
  );

  const allChecked = () => props.reports.length > 0 && props.reports.every((r) => props.checked.has(r.id));
  const freshCount = () => props.reports.filter((r) => props.fresh.has(r.id)).length;

  return (
    <section class="c-list-panel" aria-labelledby="c-list-title">
      <div class="c-list-head">
        <h2 id="c-list-title" class="c-panel-title">
          {ct().list.heading}
        </h2>
        <p class="c-list-count" aria-live="polite">
          {props.loading && props.reports.length === 0 ? ct().list.loading : format(ct().list.count, { shown: props.reports.length, total: props.total })}
        </p>
        <span class="c-poll">
          <Show when={props.checkedAt}>{(at) => <span class="c-muted">{format(ct().list.checkedAt, { time: formatTime(at()) })}</span>}</Show>{' '}
          <button type="button" class="c-btn c-btn-small c-btn-link" onClick={() => props.onPoll()}>
            {ct().list.checkNow}
          </button>
        </span>
      </div>
      <div class="c-list-tools">
        <span class="c-check">
          <input id="c-check-all" type="checkbox" checked={allChecked()} disabled={props.reports.length === 0} onChange={(e) => props.onCheckAll(e.currentTarget.checked)} />
          <label for="c-check-all">{ct().list.selectAll}</label>
        </span>
      </div>
      <div class="c-new-banner" role="status">
        <Show when={freshCount() > 0}>
          <span class="c-badge c-badge-new">{format(ct().list.newCount, { count: freshCount() })}</span>{' '}
          <button type="button" class="c-btn c-btn-small" onClick={() => props.onShowNew()}>
            {ct().list.showNew}
          </button>{' '}
          <button type="button" class="c-btn c-btn-small c-btn-link" onClick={() => props.onSeenAll()}>
            {ct().list.markSeen}
          </button>
        </Show>
      </div>
      <Show when={props.error && props.reports.length === 0}>
        <p class="c-alert c-alert-error" role="alert">
          {ct().list.failed} {problemText(props.error)}
        </p>
      </Show>
      <Show when={!props.loading && !props.error && props.reports.length === 0}>
        <p class="c-empty">{ct().list.empty}</p>
      </Show>
      <ul class="c-list" ref={list}>
        <For each={props.reports}>{(r) => <ReportItem r={r} list={props} />}</For>
      </ul>
      <Show when={props.reports.length < props.total}>
        <button type="button" class="c-btn c-btn-wide" onClick={() => props.onLoadMore()}>
          {ct().list.loadMore}
        </button>
      </Show>
    </section>
  );
}
