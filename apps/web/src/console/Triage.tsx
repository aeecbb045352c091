import { createMemo, createResource, createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { staffApi } from './api.ts';
import { BulkBar } from './Bulk.tsx';
import type { ConsoleContext } from './Console.tsx';
import { ConsoleMap } from './ConsoleMap.tsx';
import { Detail, type DetailControls } from './Detail.tsx';
import { FilterBar } from './FilterBar.tsx';
import { filterParams, parseFilter, type Filter } from './filters.ts';
import { ct } from './i18n/index.ts';
import { itemId, ReportList } from './ReportList.tsx';
import { go, triageHref, view } from './route.ts';
import { ShortcutsHelp } from './Shortcuts.tsx';
import { createTriage } from './triage.ts';
import { focusSoon } from './ui.tsx';
import type { Area, StaffReport, StaffUser } from './types.ts';

/** Keys typed into these are text, not shortcuts. */
const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"]');

/**
 * The triage console: filters (in the address), the list and the map side by side with one
 * selection, the open report beside them, bulk actions on checked reports, new work arriving
 * by itself, and keyboard shortcuts for the common moves.
 */
export function Triage(props: { ctx: ConsoleContext }) {
  const params = () => {
    const v = view();
    return v.name === 'triage' ? v.params : new URLSearchParams();
  };
  const filter = createMemo(() => parseFilter(params()));
  const filterKey = createMemo(() => filterParams(filter()).toString());
  const selectedId = createMemo(() => params().get('sel') || undefined);
  const store = createTriage(filterKey);

  const [checked, setChecked] = createSignal<ReadonlySet<string>>(new Set());
  const [map, setMap] = createSignal<MapLibreMap>();
  const [editing, setEditing] = createSignal(false);
  const [help, setHelp] = createSignal(false);
  const [pane, setPane] = createSignal<'list' | 'map'>('list');
  const [announce, setAnnounce] = createSignal('');
  const [basemapNotice, setBasemapNotice] = createSignal(false);
  const [shown, setShown] = createSignal<StaffReport>();
  let search: HTMLInputElement | undefined;
  let controls: DetailControls | undefined;
  let helpOpener: HTMLElement | null = null;

  // Areas and colleagues are admin lists; an officer gets a code field and the names the list shows.
  const [areas] = createResource(() => staffApi.areas().then((r): Area[] | undefined => r.areas).catch(() => undefined));
  const [users] = createResource(
    () => (props.ctx.me.role === 'admin' ? 'admin' : undefined),
    () => staffApi.users().then((r) => r.users).catch(() => [] as StaffUser[]),
    { initialValue: [] },
  );
  const officers = createMemo(() => {
    const byId = new Map<string, string>();
    for (const u of users()) if (!u.disabled) byId.set(u.id, u.name);
    for (const r of store.reports()) if (r.assigneeId && r.assigneeName) byId.set(r.assigneeId, r.assigneeName);
    byId.set(props.ctx.me.id, props.ctx.me.name);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  });

  function write(f: Filter, sel: string | undefined) {
    const p = filterParams(f);
    if (sel) p.set('sel', sel);
    go(triageHref(p), true);
  }
  const setFilter = (f: Filter) => {
    setChecked(new Set<string>());
    write(f, selectedId());
  };
  function select(id: string | undefined) {
    write(filter(), id);
    if (id) {
      store.seen(id);
      if (pane() === 'map' && window.matchMedia('(max-width: 719px)').matches) setPane('list');
    }
  }
  function closeDetail() {
    const id = selectedId();
    select(undefined);
    if (id) focusSoon(() => document.getElementById(itemId(id)));
  }

  function step(delta: 1 | -1) {
    const list = store.reports();
    if (!list.length) return;
    const at = list.findIndex((r) => r.id === selectedId());
    const next = at === -1 ? list[delta === 1 ? 0 : list.length - 1] : list[at + delta];
    if (!next) return;
    const fromList = !!document.activeElement?.closest('.c-list');
    select(next.id);
    if (fromList) focusSoon(() => document.getElementById(itemId(next.id)));
  }

  function withReport(fn: (c: DetailControls) => void) {
    if (selectedId() && controls) fn(controls);
    else setAnnounce(ct().actions.chooseFirst);
  }

  function openHelp() {
    helpOpener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setHelp(true);
  }

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || help()) return;
      if (e.key === 'Escape') {
        if (isTyping(e.target) && (e.target as HTMLElement).id !== 'c-search') return;
        if (controls?.close()) e.preventDefault();
        else if (selectedId()) {
          e.preventDefault();
          closeDetail();
        }
        return;
      }
      if (isTyping(e.target)) return;
      const actions: Record<string, () => void> = {
        j: () => step(1),
        k: () => step(-1),
        a: () => withReport((c) => c.assignToMe()),
        r: () => withReport((c) => c.open('answer')),
        n: () => withReport((c) => c.open('note')),
        e: () => withReport((c) => c.open('expected')),
        s: () => withReport((c) => c.open('state')),
        '/': () => search?.focus(),
        '?': openHelp,
      };
      const run = actions[e.key];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  const showNewest = () => {
    const first = store.reports().find((r) => store.fresh().has(r.id));
    if (first) select(first.id);
  };

  return (
    <div class="c-triage" classList={{ 'c-has-detail': !!selectedId(), 'c-pane-map': pane() === 'map' }}>
      <h1 class="visually-hidden">{ct().app.triage}</h1>
      <FilterBar
        filter={filter()}
        onChange={setFilter}
        counts={store.counts()}
        categories={props.ctx.categories}
        teams={props.ctx.me.role === 'admin' ? props.ctx.teams : props.ctx.teams.filter((t) => props.ctx.me.teamIds.includes(t.id))}
        officers={officers()}
        areas={areas()}
        searchRef={(el) => (search = el)}
      />
      <div class="c-panes-switch" role="group" aria-label={ct().map.view}>
        <button type="button" class="c-btn c-btn-small" aria-pressed={pane() === 'list'} onClick={() => setPane('list')}>
          {ct().map.showList}
        </button>
        <button type="button" class="c-btn c-btn-small" aria-pressed={pane() === 'map'} onClick={() => setPane('map')}>
          {ct().map.showMap}
        </button>
        <button type="button" class="c-btn c-btn-small c-btn-link" aria-keyshortcuts="?" onClick={openHelp}>
          {ct().app.shortcuts} <kbd class="c-kbd">?</kbd>
        </button>
      </div>
      <div class="c-work">
        <div class="c-side">
          <Show when={checked().size > 0}>
            <BulkBar ctx={props.ctx} ids={[...checked()]} officers={officers()} onClear={() => setChecked(new Set<string>())} onDone={() => void store.reload()} onSelect={select} />
          </Show>
          <ReportList
            reports={store.reports()}
            total={store.total()}
            loading={store.loading()}
            error={store.error()}
            selectedId={selectedId()}
            fresh={store.fresh()}
            checked={checked()}
            categories={props.ctx.categories}
            checkedAt={store.checkedAt()}
            onSelect={select}
            onCheck={(id, on) => {
              const next = new Set(checked());
              if (on) next.add(id);
              else next.delete(id);
              setChecked(next);
            }}
            onCheckAll={(on) => setChecked(on ? new Set(store.reports().map((r) => r.id)) : new Set<string>())}
            onLoadMore={() => void store.loadMore()}
            onPoll={() => void store.poll()}
            onSeenAll={() => store.seen()}
            onShowNew={showNewest}
          />
        </div>
        <div class="c-map-pane">
          <Show when={basemapNotice()}>
            <p class="c-map-notice" role="status">
              {ct().map.fallback}
            </p>
          </Show>
          <ConsoleMap
            config={props.ctx.config}
            categories={props.ctx.categories}
            reports={store.reports()}
            fresh={store.fresh()}
            selectedId={selectedId()}
            selectedReport={shown()}
            editing={editing()}
            onSelect={(id) => select(id)}
            onMap={setMap}
            onBasemapFallback={() => setBasemapNotice(true)}
          />
          <button type="button" class="c-btn c-btn-small c-help-button" aria-keyshortcuts="?" onClick={openHelp}>
            {ct().app.shortcuts} <kbd class="c-kbd">?</kbd>
          </button>
        </div>
        <Show when={selectedId()} keyed>
          {(id) => (
            <Detail
              ctx={props.ctx}
              id={id}
              fresh={store.fresh().has(id)}
              officers={officers()}
              listed={store.reports()}
              map={map()}
              setEditing={setEditing}
              onChanged={() => void store.reload()}
              onClose={closeDetail}
              onSelect={select}
              controls={(c) => (controls = c)}
              onLoaded={setShown}
            />
          )}
        </Show>
      </div>
      <Show when={help()}>
        <ShortcutsHelp
          onClose={() => {
            setHelp(false);
            focusSoon(() => helpOpener);
          }}
        />
      </Show>
      <div class="visually-hidden" role="status" aria-live="polite">
        {announce()}
      </div>
    </div>
  );
}
