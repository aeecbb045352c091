import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { CHANNELS, REPORT_STATES, type Category, type ReportState } from '@groundswell/core/rules';
import { activeFilterCount, EMPTY_FILTER, SORTS, type Filter, type Sort } from './filters.ts';
import { ct, format, localName, stateName, channelName, priorityName, teamLabel } from './i18n/index.ts';
import type { Area, Team } from './types.ts';

const SEVERAL = '__several';

/** One value of a list filter as a select: any, one, or "several" when a shared link chose more. */
function ListSelect(props: { id: string; label: string; values: string[]; options: { value: string; label: string }[]; onChange: (values: string[]) => void }) {
  const value = () => (props.values.length > 1 ? SEVERAL : (props.values[0] ?? ''));
  return (
    <div class="c-filter">
      <label class="c-label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class="c-select"
        value={value()}
        onChange={(e) => props.onChange(e.currentTarget.value && e.currentTarget.value !== SEVERAL ? [e.currentTarget.value] : e.currentTarget.value === SEVERAL ? props.values : [])}
      >
        <option value="">{ct().filters.any}</option>
        <Show when={props.values.length > 1}>
          <option value={SEVERAL} selected>
            {format(ct().filters.several, { count: props.values.length })}
          </option>
        </Show>
        {/* Options may arrive after the select: each says whether it is the chosen one. */}
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={value() === o.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

export interface FilterBarProps {
  filter: Filter;
  onChange: (next: Filter) => void;
  counts: Partial<Record<ReportState, number>>;
  categories: readonly Category[];
  teams: readonly Team[];
  officers: readonly { id: string; name: string }[];
  areas: readonly Area[] | undefined;
  searchRef: (el: HTMLInputElement) => void;
}

/** The search box: typing waits 400 ms before it filters; Enter filters at once. */
function SearchBox(props: { filter: Filter; q: string; setQ: (q: string) => void; onCommit: (q: string) => void; searchRef: (el: HTMLInputElement) => void }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let search!: HTMLInputElement;
  onCleanup(() => clearTimeout(timer));
  // A filter changed elsewhere (cleared, a shared link): the search box follows.
  createEffect(
    on(
      () => props.filter.q,
      (value) => {
        if (document.activeElement !== search) props.setQ(value);
      },
    ),
  );
  const commit = (value: string) => {
    clearTimeout(timer);
    if (value.trim() !== props.filter.q.trim()) props.onCommit(value);
  };
  return (
    <div class="c-search">
      <label class="c-search-label" for="c-search">
        {ct().filters.search}
      </label>
      <input
        id="c-search"
        ref={(el) => {
          search = el;
          props.searchRef(el);
        }}
        class="c-input"
        type="search"
        placeholder={ct().filters.searchPlaceholder}
        value={props.q}
        maxLength={200}
        onInput={(e) => {
          const value = e.currentTarget.value;
          props.setQ(value);
          clearTimeout(timer);
          timer = setTimeout(() => commit(value), 400);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(e.currentTarget.value);
          }
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
      />
    </div>
  );
}

function StateChips(props: { filter: Filter; counts: Partial<Record<ReportState, number>>; set: (patch: Partial<Filter>) => void }) {
  const toggle = (s: ReportState) => {
    const has = props.filter.states.includes(s);
    props.set({ states: has ? props.filter.states.filter((x) => x !== s) : [...props.filter.states, s] });
  };
  return (
    <div class="c-chips" role="group" aria-label={ct().filters.states}>
      <button type="button" class="c-chip" aria-pressed={props.filter.states.length === 0} onClick={() => props.set({ states: [] })}>
        {ct().filters.allStates}
      </button>
      <For each={REPORT_STATES}>
        {(s) => (
          <button type="button" class="c-chip" data-state={s} aria-pressed={props.filter.states.includes(s)} onClick={() => toggle(s)}>
            <span>{stateName(s)}</span> <span class="c-chip-count">{props.counts[s] ?? 0}</span>
          </button>
        )}
      </For>
    </div>
  );
}

function AssigneeFilter(props: { filter: Filter; officers: readonly { id: string; name: string }[]; set: (patch: Partial<Filter>) => void }) {
  const unknown = () => props.filter.assignee && !['me', 'none'].includes(props.filter.assignee) && !props.officers.some((o) => o.id === props.filter.assignee);
  return (
    <div class="c-filter">
      <label class="c-label" for="c-f-assignee">
        {ct().filters.assignee}
      </label>
      <select id="c-f-assignee" class="c-select" value={props.filter.assignee} onChange={(e) => props.set({ assignee: e.currentTarget.value })}>
        <option value="">{ct().filters.anyone}</option>
        <option value="me">{ct().filters.me}</option>
        <option value="none">{ct().filters.nobody}</option>
        <For each={props.officers}>
          {(o) => (
            <option value={o.id} selected={props.filter.assignee === o.id}>
              {o.name}
            </option>
          )}
        </For>
        <Show when={unknown()}>
          <option value={props.filter.assignee}>{props.filter.assignee.slice(0, 8)}…</option>
        </Show>
      </select>
    </div>
  );
}

/** Areas as a list for administrators, a code field for officers (who cannot list them). */
function AreaFilter(props: { filter: Filter; areas: readonly Area[] | undefined; set: (patch: Partial<Filter>) => void }) {
  return (
    <Show
      when={props.areas}
      fallback={
        <div class="c-filter">
          <label class="c-label" for="c-f-area">
            {ct().filters.areaCode}
          </label>
          <input id="c-f-area" class="c-input" type="text" value={props.filter.area} placeholder={ct().filters.areaCodeHint} onChange={(e) => props.set({ area: e.currentTarget.value.trim() })} />
        </div>
      }
    >
      {(areas) => (
        <div class="c-filter">
          <label class="c-label" for="c-f-area">
            {ct().filters.area}
          </label>
          <select id="c-f-area" class="c-select" value={props.filter.area} onChange={(e) => props.set({ area: e.currentTarget.value })}>
            <option value="">{ct().filters.any}</option>
            <For each={areas()}>
              {(a) => (
                <option value={a.code} selected={props.filter.area === a.code}>
                  {a.name}
                </option>
              )}
            </For>
          </select>
        </div>
      )}
    </Show>
  );
}

function DateFilters(props: { filter: Filter; set: (patch: Partial<Filter>) => void }) {
  return (
    <>
      <div class="c-filter">
        <label class="c-label" for="c-f-from">
          {ct().filters.from}
        </label>
        <input id="c-f-from" class="c-input" type="date" value={props.filter.from} max={props.filter.to || undefined} onChange={(e) => props.set({ from: e.currentTarget.value })} />
      </div>
      <div class="c-filter">
        <label class="c-label" for="c-f-to">
          {ct().filters.to}
        </label>
        <input id="c-f-to" class="c-input" type="date" value={props.filter.to} min={props.filter.from || undefined} onChange={(e) => props.set({ to: e.currentTarget.value })} />
      </div>
    </>
  );
}

function MoreFilters(props: FilterBarProps & { open: boolean; set: (patch: Partial<Filter>) => void }) {
  const set = (patch: Partial<Filter>) => props.set(patch);
  return (
    <div class="c-filters-more" id="c-more-filters" hidden={!props.open}>
      <ListSelect
        id="c-f-category"
        label={ct().filters.category}
        values={props.filter.categories}
        options={props.categories.map((c) => ({ value: c.code, label: localName(c.name) }))}
        onChange={(categories) => set({ categories })}
      />
      <ListSelect id="c-f-team" label={ct().filters.team} values={props.filter.teams} options={props.teams.map((t) => ({ value: t.code, label: teamLabel(t) }))} onChange={(teams) => set({ teams })} />
      <AssigneeFilter filter={props.filter} officers={props.officers} set={set} />
      <AreaFilter filter={props.filter} areas={props.areas} set={set} />
      <div class="c-filter">
        <label class="c-label" for="c-f-street">
          {ct().filters.street}
        </label>
        <input id="c-f-street" class="c-input" type="text" value={props.filter.street} placeholder={ct().filters.streetHint} onChange={(e) => set({ street: e.currentTarget.value.trim() })} />
      </div>
      <div class="c-filter">
        <label class="c-label" for="c-f-priority">
          {ct().filters.priority}
        </label>
        <select id="c-f-priority" class="c-select" value={props.filter.priority} onChange={(e) => set({ priority: e.currentTarget.value })}>
          <option value="">{ct().filters.any}</option>
          <For each={[3, 2, 1, 0]}>{(p) => <option value={String(p)}>{priorityName(p)}</option>}</For>
        </select>
      </div>
      <ListSelect
        id="c-f-channel"
        label={ct().filters.channel}
        values={props.filter.channels}
        options={CHANNELS.map((c) => ({ value: c, label: channelName(c) }))}
        onChange={(channels) => set({ channels })}
      />
      <DateFilters filter={props.filter} set={set} />
      <div class="c-filter c-filter-check">
        <input id="c-f-photos" type="checkbox" checked={props.filter.hasPhotos} onChange={(e) => set({ hasPhotos: e.currentTarget.checked })} />
        <label for="c-f-photos">{ct().filters.hasPhotos}</label>
      </div>
      <div class="c-filter">
        <label class="c-label" for="c-f-sort">
          {ct().filters.sort}
        </label>
        <select id="c-f-sort" class="c-select" value={props.filter.sort} onChange={(e) => set({ sort: e.currentTarget.value as Sort })}>
          <For each={SORTS}>{(s) => <option value={s}>{ct().filters.sorts[s]}</option>}</For>
        </select>
      </div>
    </div>
  );
}

/**
 * State chips with their counts, search, and the other filters behind "More filters", all in
 * one row. Every change lands in the address, so the view can be shared and survives reload.
 */
export function FilterBar(props: FilterBarProps) {
  const [q, setQ] = createSignal(props.filter.q);
  const set = (patch: Partial<Filter>) => props.onChange({ ...props.filter, ...patch });
  const more = () => activeFilterCount({ ...props.filter, q: '' });
  // One row, so the list keeps the screen: the other filters open on demand, or when a shared link set some.
  const [open, setOpen] = createSignal(more() > 0);

  return (
    <section class="c-filters" aria-label={ct().filters.heading}>
      <div class="c-filters-row">
        <StateChips filter={props.filter} counts={props.counts} set={set} />
        <SearchBox filter={props.filter} q={q()} setQ={setQ} onCommit={(value) => set({ q: value })} searchRef={props.searchRef} />
        <button type="button" class="c-btn c-btn-small" aria-expanded={open()} aria-controls="c-more-filters" onClick={() => setOpen(!open())}>
          {more() ? format(ct().filters.moreCount, { count: more() }) : ct().filters.more}
        </button>
        <Show when={more() || props.filter.states.length || props.filter.q}>
          <button type="button" class="c-btn c-btn-small c-btn-link" onClick={() => (setQ(''), props.onChange({ ...EMPTY_FILTER, sort: props.filter.sort }))}>
            {ct().filters.clear}
          </button>
        </Show>
      </div>
      <MoreFilters {...props} open={open()} set={set} />
    </section>
  );
}
