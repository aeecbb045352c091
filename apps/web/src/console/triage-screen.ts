/**
 * The triage screen's state: the filter and the selection (both in the address), the
 * checked reports, which pane a phone shows, the open report's controls, and the keyboard
 * shortcuts. The list itself, its counts and new work come from `createTriage`.
 */
import { createMemo, createResource, createSignal } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { staffApi } from './api.ts';
import type { ConsoleContext } from './context.ts';
import type { DetailControls } from './detail-state.ts';
import { filterParams, parseFilter, type Filter } from './filters.ts';
import { ct } from './i18n/index.ts';
import { itemId } from './ReportList.tsx';
import { go, triageHref, view } from './route.ts';
import { createTriage } from './triage.ts';
import { focusSoon } from './ui.tsx';
import type { Area, StaffReport, StaffUser } from './types.ts';

/** Keys typed into these are text, not shortcuts. */
export const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"]');

/** Everyone a report can be given to: active colleagues, whoever the list names, and me; by name. */
export function officerList(users: readonly StaffUser[], reports: readonly StaffReport[], me: { id: string; name: string }): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const u of users) if (!u.disabled) byId.set(u.id, u.name);
  for (const r of reports) if (r.assigneeId && r.assigneeName) byId.set(r.assigneeId, r.assigneeName);
  byId.set(me.id, me.name);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

export function createTriageScreen(ctx: () => ConsoleContext) {
  const params = () => {
    const v = view();
    return v.name === 'triage' ? v.params : new URLSearchParams();
  };
  const filter = createMemo(() => parseFilter(params()));
  const filterKey = createMemo(() => filterParams(filter(), { for: 'api' }).toString());
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
  let controls: DetailControls | undefined;
  let helpOpener: HTMLElement | null = null;

  // Areas and colleagues are admin lists; an officer gets a code field and the names the list shows.
  const [areas] = createResource(() =>
    staffApi
      .areas()
      .then((r): Area[] | undefined => r.areas)
      .catch(() => undefined),
  );
  const [users] = createResource(
    () => (ctx().me.role === 'admin' ? 'admin' : undefined),
    () =>
      staffApi
        .users()
        .then((r) => r.users)
        .catch(() => [] as StaffUser[]),
    { initialValue: [] },
  );
  const officers = createMemo(() => officerList(users(), store.reports(), ctx().me));
  const teams = () => (ctx().me.role === 'admin' ? ctx().teams : ctx().teams.filter((t) => ctx().me.teamIds.includes(t.id)));

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
  function closeHelp() {
    setHelp(false);
    focusSoon(() => helpOpener);
  }
  const showNewest = () => {
    const first = store.reports().find((r) => store.fresh().has(r.id));
    if (first) select(first.id);
  };
  const check = (id: string, on: boolean) => {
    const next = new Set(checked());
    if (on) next.add(id);
    else next.delete(id);
    setChecked(next);
  };
  const checkAll = (on: boolean) => setChecked(on ? new Set(store.reports().map((r) => r.id)) : new Set<string>());

  return {
    ...{ filter, filterKey, selectedId, store, checked, check, checkAll, map, setMap, editing, setEditing, help, openHelp, closeHelp },
    ...{ pane, setPane, announce, basemapNotice, setBasemapNotice, shown, setShown, areas, officers, teams },
    ...{ setFilter, select, closeDetail, step, withReport, showNewest },
    clearChecked: () => setChecked(new Set<string>()),
    setControls: (c: DetailControls) => (controls = c),
    closeOpenForm: () => controls?.close() ?? false,
  };
}

export type TriageScreen = ReturnType<typeof createTriageScreen>;

/** The triage shortcuts: j/k move, a/r/n/e/s act on the open report, / searches, ? helps, Escape closes. */
export function shortcutHandler(t: TriageScreen, focusSearch: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || t.help()) return;
    if (e.key === 'Escape') {
      if (isTyping(e.target) && (e.target as HTMLElement).id !== 'c-search') return;
      if (t.closeOpenForm()) e.preventDefault();
      else if (t.selectedId()) {
        e.preventDefault();
        t.closeDetail();
      }
      return;
    }
    if (isTyping(e.target)) return;
    const actions: Record<string, () => void> = {
      j: () => t.step(1),
      k: () => t.step(-1),
      a: () => t.withReport((c) => c.assignToMe()),
      r: () => t.withReport((c) => c.open('answer')),
      n: () => t.withReport((c) => c.open('note')),
      e: () => t.withReport((c) => c.open('expected')),
      s: () => t.withReport((c) => c.open('state')),
      '/': focusSearch,
      '?': t.openHelp,
    };
    const run = actions[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };
}
