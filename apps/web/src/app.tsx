import { createEffect, createResource, lazy, Match, onMount, Show, Suspense, Switch } from 'solid-js';
import { fetchCategories, fetchConfig } from './api/client.ts';
import { FollowingPage } from './home/Following.tsx';
import { MyReportsPage } from './home/MyReports.tsx';
import { applyDefaultLocale, locale, t } from './i18n/index.ts';
import { MapScreen } from './map/MapScreen.tsx';
import { SentPage } from './outbox/SentPage.tsx';
import { startOutbox } from './outbox/outbox.ts';
import { ReportPage } from './reports/ReportPage.tsx';
import { createReportStore } from './reports/store.ts';
import type { SiteConfig } from './api/types.ts';
import type { Category } from '@groundswell/core/rules';
import { route } from './router.ts';
import { Header } from './ui/Header.tsx';

const DEFAULT_SITE_NAME = 'Groundswell';

/** The report flow (with terra-draw and exifr) loads when first opened; the service worker keeps it for offline use. */
const ReportFlow = lazy(() => import('./report-flow/ReportFlow.tsx'));
/** The staff console at `#/staff…`: its own lazy chunk, so residents never download it. */
const StaffConsole = lazy(() => import('./console/Console.tsx'));
/** Planning insight (`#/insight`, `#/staff/insight`) with its charting library: its own lazy chunk. */
const InsightPage = lazy(() => import('./insight/InsightPage.tsx'));
/** The list of public endpoints (`#/open-data`): rarely opened, so its own small chunk. */
const OpenDataPage = lazy(() => import('./open-data/OpenDataPage.tsx'));
/** The privacy notice (`#/privacy`), generated from the server's settings: its own small chunk. */
const PrivacyPage = lazy(() => import('./privacy/PrivacyPage.tsx'));
/** "How we listen" (`#/how-we-listen`), generated from the listening settings: its own small chunk. */
const HowWeListenPage = lazy(() => import('./listening/HowWeListenPage.tsx'));
/** "Is it fixed?" (`#/reports/:id/fixed?token=…`), opened from an email: its own small chunk. */
const FixedPage = lazy(() => import('./questionnaire/FixedPage.tsx'));
/** A resident's reports on any device (`#/me`), behind an emailed sign-in link: its own small chunk. */
const MePage = lazy(() => import('./me/MePage.tsx'));

export function App() {
  return (
    <Show when={route().name === 'staff'} fallback={<ResidentApp />}>
      <Suspense fallback={<Loading />}>
        <StaffConsole />
      </Suspense>
    </Show>
  );
}

function ResidentApp() {
  const [config, { refetch }] = createResource(fetchConfig);
  // Without categories the map still works: grey shapes and the API's category names.
  const [categories] = createResource(() => fetchCategories().catch(() => []), { initialValue: [] });
  const store = createReportStore();

  // Reading a failed resource throws; everything outside the error branch reads this instead.
  const loaded = () => (config.error ? undefined : config());
  const siteName = () => loaded()?.siteName || DEFAULT_SITE_NAME;
  const onMap = () => route().name === 'map';

  onMount(() => startOutbox());

  createEffect(() => {
    const c = loaded();
    if (c) applyDefaultLocale(c.defaultLocale);
  });
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  createEffect(() => {
    if (onMap()) document.title = siteName();
  });

  return (
    <div class="app">
      <Header siteName={siteName()} locales={loaded()?.locales} />
      <main class="main" id="main">
        <Switch>
          <Match when={config.error}>
            <div class="page page-message" role="alert">
              <p>{t().app.loadFailed}</p>
              <button type="button" class="button button-primary" onClick={() => void refetch()}>
                {t().app.retry}
              </button>
            </div>
          </Match>
          <Match when={loaded()}>{(c) => <ResidentPages config={c()} categories={categories()} store={store} siteName={siteName()} onMap={onMap()} />}</Match>
          <Match when={config.loading}>
            <Loading />
          </Match>
        </Switch>
      </main>
    </div>
  );
}

/** The "Loading" line every lazily loaded page shows while its chunk arrives. */
function Loading() {
  return (
    <p class="page page-message" role="status">
      {t().app.loading}
    </p>
  );
}

/** The resident's pages over the map, by route; the map stays mounted under them. */
function ResidentPages(props: { config: SiteConfig; categories: Category[]; store: ReturnType<typeof createReportStore>; siteName: string; onMap: boolean }) {
  return (
    <>
      {/* The map stays mounted under the other pages, so going back keeps its view. */}
      <MapScreen config={props.config} categories={props.categories} store={props.store} hidden={!props.onMap} />
      <Switch>
        <Match
          when={(() => {
            const r = route();
            return r.name === 'report' ? r.id : undefined;
          })()}
          keyed
        >
          {(id) => <ReportPage id={id} config={props.config} categories={props.categories} siteName={props.siteName} />}
        </Match>
        <Match
          when={(() => {
            const r = route();
            return r.name === 'new' ? r.step : undefined;
          })()}
        >
          {(step) => (
            <Suspense fallback={<Loading />}>
              <ReportFlow step={step()} config={props.config} categories={props.categories} siteName={props.siteName} />
            </Suspense>
          )}
        </Match>
        <Match
          when={(() => {
            const r = route();
            return r.name === 'sent' ? r.key : undefined;
          })()}
          keyed
        >
          {(key) => <SentPage sendKey={key} categories={props.categories} siteName={props.siteName} />}
        </Match>
        <Match when={route().name === 'mine'}>
          <MyReportsPage categories={props.categories} siteName={props.siteName} />
        </Match>
        <Match when={route().name === 'following'}>
          <FollowingPage siteName={props.siteName} />
        </Match>
        <Match
          when={(() => {
            const r = route();
            return r.name === 'insight' ? { staff: r.staff } : undefined;
          })()}
          keyed
        >
          {(r) => (
            <Suspense fallback={<Loading />}>
              <InsightPage config={props.config} categories={props.categories} siteName={props.siteName} staff={r.staff} />
            </Suspense>
          )}
        </Match>
        <Match
          when={(() => {
            const r = route();
            return r.name === 'fixed' ? r : undefined;
          })()}
          keyed
        >
          {(r) => (
            <Suspense fallback={<Loading />}>
              <FixedPage id={r.id} token={r.token} siteName={props.siteName} />
            </Suspense>
          )}
        </Match>
        <Match when={route().name === 'open-data'}>
          <Suspense fallback={<Loading />}>
            <OpenDataPage siteName={props.siteName} />
          </Suspense>
        </Match>
        <Match when={route().name === 'privacy'}>
          <Suspense fallback={<Loading />}>
            <PrivacyPage siteName={props.siteName} />
          </Suspense>
        </Match>
        <Match when={route().name === 'how-we-listen'}>
          <Suspense fallback={<Loading />}>
            <HowWeListenPage siteName={props.siteName} />
          </Suspense>
        </Match>
        <Match
          when={(() => {
            const r = route();
            return r.name === 'me' ? r : undefined;
          })()}
        >
          {(r) => (
            <Suspense fallback={<Loading />}>
              <MePage siteName={props.siteName} token={r().token} />
            </Suspense>
          )}
        </Match>
      </Switch>
    </>
  );
}
