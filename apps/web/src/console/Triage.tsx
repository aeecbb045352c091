import { onCleanup, onMount, Show } from 'solid-js';
import { BulkBar } from './Bulk.tsx';
import type { ConsoleContext } from './context.ts';
import { ConsoleMap } from './ConsoleMap.tsx';
import { Detail } from './Detail.tsx';
import { FilterBar } from './FilterBar.tsx';
import { ct } from './i18n/index.ts';
import { ReportList } from './ReportList.tsx';
import { ShortcutsHelp } from './Shortcuts.tsx';
import { createTriageScreen, shortcutHandler, type TriageScreen } from './triage-screen.ts';

function PaneSwitch(props: { t: TriageScreen }) {
  const t = props.t;
  return (
    <div class="c-panes-switch" role="group" aria-label={ct().map.view}>
      <button type="button" class="c-btn c-btn-small" aria-pressed={t.pane() === 'list'} onClick={() => t.setPane('list')}>
        {ct().map.showList}
      </button>
      <button type="button" class="c-btn c-btn-small" aria-pressed={t.pane() === 'map'} onClick={() => t.setPane('map')}>
        {ct().map.showMap}
      </button>
      <button type="button" class="c-btn c-btn-small c-btn-link" aria-keyshortcuts="?" onClick={() => t.openHelp()}>
        {ct().app.shortcuts} <kbd class="c-kbd">?</kbd>
      </button>
    </div>
  );
}

function SidePane(props: { t: TriageScreen; ctx: ConsoleContext }) {
  const t = props.t;
  return (
    <div class="c-side">
      <Show when={t.checked().size > 0}>
        <BulkBar ctx={props.ctx} ids={[...t.checked()]} officers={t.officers()} onClear={t.clearChecked} onDone={() => void t.store.reload()} onSelect={t.select} />
      </Show>
      <ReportList
        reports={t.store.reports()}
        total={t.store.total()}
        loading={t.store.loading()}
        error={t.store.error()}
        selectedId={t.selectedId()}
        fresh={t.store.fresh()}
        checked={t.checked()}
        categories={props.ctx.categories}
        teams={props.ctx.teams}
        checkedAt={t.store.checkedAt()}
        onSelect={t.select}
        onCheck={t.check}
        onCheckAll={t.checkAll}
        onLoadMore={() => void t.store.loadMore()}
        onPoll={() => void t.store.poll()}
        onSeenAll={() => t.store.seen()}
        onShowNew={t.showNewest}
      />
    </div>
  );
}

function MapPane(props: { t: TriageScreen; ctx: ConsoleContext }) {
  const t = props.t;
  return (
    <div class="c-map-pane">
      <Show when={t.basemapNotice()}>
        <p class="c-map-notice" role="status">
          {ct().map.fallback}
        </p>
      </Show>
      <ConsoleMap
        config={props.ctx.config}
        categories={props.ctx.categories}
        reports={t.store.reports()}
        tileQuery={t.filterKey()}
        fresh={t.store.fresh()}
        selectedId={t.selectedId()}
        selectedReport={t.shown()}
        editing={t.editing()}
        onSelect={(id) => t.select(id)}
        onMap={t.setMap}
        onBasemapFallback={() => t.setBasemapNotice(true)}
      />
      <button type="button" class="c-btn c-btn-small c-help-button" aria-keyshortcuts="?" onClick={() => t.openHelp()}>
        {ct().app.shortcuts} <kbd class="c-kbd">?</kbd>
      </button>
    </div>
  );
}

/**
 * The triage console: filters (in the address), the list and the map side by side with one
 * selection, the open report beside them, bulk actions on checked reports, new work arriving
 * by itself, and keyboard shortcuts for the common moves.
 */
export function Triage(props: { ctx: ConsoleContext }) {
  const t = createTriageScreen(() => props.ctx);
  let search: HTMLInputElement | undefined;
  onMount(() => {
    const onKey = shortcutHandler(t, () => search?.focus());
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  return (
    <div class="c-triage" classList={{ 'c-has-detail': !!t.selectedId(), 'c-pane-map': t.pane() === 'map' }}>
      <h1 class="visually-hidden">{ct().app.triage}</h1>
      <FilterBar
        filter={t.filter()}
        onChange={t.setFilter}
        counts={t.store.counts()}
        categories={props.ctx.categories}
        teams={t.teams()}
        officers={t.officers()}
        areas={t.areas()}
        searchRef={(el) => (search = el)}
      />
      <PaneSwitch t={t} />
      <div class="c-work">
        <SidePane t={t} ctx={props.ctx} />
        <MapPane t={t} ctx={props.ctx} />
        <Show when={t.selectedId()} keyed>
          {(id) => (
            <Detail
              ctx={props.ctx}
              id={id}
              fresh={t.store.fresh().has(id)}
              officers={t.officers()}
              listed={t.store.reports()}
              map={t.map()}
              setEditing={t.setEditing}
              onChanged={() => void t.store.reload()}
              onClose={t.closeDetail}
              onSelect={t.select}
              controls={t.setControls}
              onLoaded={t.setShown}
            />
          )}
        </Show>
      </div>
      <Show when={t.help()}>
        <ShortcutsHelp onClose={t.closeHelp} />
      </Show>
      <div class="visually-hidden" role="status" aria-live="polite">
        {t.announce()}
      </div>
    </div>
  );
}
