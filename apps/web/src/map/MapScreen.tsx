import { createEffect, createSignal, lazy, onCleanup, onMount, Show, Suspense } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { format, t } from '../i18n/index.ts';
import { ReportList } from '../reports/ReportList.tsx';
import { ReportSummary } from '../reports/ReportSummary.tsx';
import type { ReportStore } from '../reports/store.ts';
import { Notice } from '../ui/Notice.tsx';
import { HomeActions } from '../home/HomeActions.tsx';
import { online } from '../net.ts';
import { MapLegend } from './MapLegend.tsx';
import { cameraBBox, fitCamera, type Camera } from '@groundswell/core/rules';
import { MapPicture, startsMapAtOnce } from './MapPicture.tsx';
import './map.css';

/**
 * MapLibre is most of the download (about 270 kB gzipped) and of the work on a phone's main
 * thread (its WebGL set-up): it loads on its own, so the header, "Report a problem" and the
 * other actions are painted and usable before the map arrives. On a phone it loads only when
 * the resident asks for the map; until then the map is a picture of the same view (ADR 0004).
 */
const MapView = lazy(() => import('./MapView.tsx').then((m) => ({ default: m.MapView })));

/** Runs `fn` once the browser has painted the current screen (after the next frame, not before it). */
function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The home screen: the map, its notices, the list toggle, the list and the summary panel. */
export function MapScreen(props: { config: SiteConfig; categories: readonly Category[]; store: ReportStore; hidden: boolean }) {
  const [basemapNotice, setBasemapNotice] = createSignal(false);
  const [listOpen, setListOpen] = createSignal(false);
  let listToggle!: HTMLButtonElement;

  const closeList = () => {
    setListOpen(false);
    listToggle.focus();
  };
  // The list's reports are fetched only while it is open: the map itself draws from tiles.
  createEffect(() => props.store.want(listOpen()));
  const count = () => props.store.collection()?.features.length;

  // On a wide screen with a mouse the map starts when it is on screen, after the first paint:
  // a report page opened from a link never starts the home map under it, and the buttons come
  // first. On a phone it starts when the resident touches the picture (ADR 0004). Once started
  // it stays, hidden under other pages, so going back keeps its view.
  const [mapWanted, setMapWanted] = createSignal(false);
  const [camera, setCamera] = createSignal<Camera>();
  const [mapReady, setMapReady] = createSignal(false);
  const atOnce = startsMapAtOnce();
  createEffect(() => {
    if (!atOnce || props.hidden || mapWanted()) return;
    onCleanup(afterPaint(() => setMapWanted(true)));
  });
  let focusMap = false;
  const wake = (view: Camera | undefined, focus: boolean) => {
    if (view && !mapWanted()) setCamera(view);
    focusMap = focus;
    setMapWanted(true);
  };

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || props.hidden) return;
      if (props.store.selected()) props.store.select(undefined);
      else if (listOpen()) closeList();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  return (
    <div class="map-screen" hidden={props.hidden}>
      <h1 class="visually-hidden">{t().map.heading}</h1>
      <Show when={!mapReady()}>
        <MapPicture
          camera={(w, h) => fitCamera(props.config.bounds, w, h, 16)}
          alt={t().map.pictureAlt}
          onWake={wake}
          onView={(view, w, h) => {
            if (!mapWanted()) props.store.view(cameraBBox(view, w, h));
          }}
        />
      </Show>
      <Show when={mapWanted()}>
        <Suspense>
          <MapView
            config={props.config}
            store={props.store}
            {...(camera() ? { camera: camera()! } : {})}
            onReady={(canvas) => {
              setMapReady(true);
              // Asked for with the button, which has gone: the keyboard's focus goes to the map that replaced it.
              if (focusMap) canvas.focus();
            }}
            onBasemapFallback={() => setBasemapNotice(true)}
          />
        </Suspense>
      </Show>
      <MapLegend />

      <div class="notices" role="status">
        <Show when={!online()}>
          <p class="notice notice-offline" data-tone="warning">
            {t().offline.banner}
          </p>
        </Show>
        <Show when={basemapNotice()}>
          <Notice onDismiss={() => setBasemapNotice(false)}>{t().map.fallbackNotice}</Notice>
        </Show>
        <Show when={props.store.failed()}>
          <Notice tone="warning" onDismiss={() => props.store.dismissFailure()}>
            {t().map.reportsFailed}
          </Notice>
        </Show>
      </div>

      <HomeActions
        list={
          <button type="button" ref={listToggle} class="button list-toggle" aria-expanded={listOpen()} aria-controls="report-list" onClick={() => setListOpen((open) => !open)}>
            <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
              <path d="M4 6h16M4 12h16M4 18h16" />
            </svg>
            {count() === undefined ? t().list.toggle : format(t().list.toggleCount, { count: count()! })}
          </button>
        }
      />

      <Show when={listOpen()}>
        <ReportList store={props.store} categories={props.categories} onClose={closeList} />
      </Show>
      <Show when={props.store.selected()}>{(feature) => <ReportSummary feature={feature()} categories={props.categories} onClose={() => props.store.select(undefined)} />}</Show>
    </div>
  );
}
