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

export function App() {
  return (
    <Show when={route().name === 'staff'} fallback={<ResidentApp />}>
      <Suspense
        fallback={
          <p class="page page-message" role="status">
            {t().app.loading}
          </p>
        }
      >
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
          <Match when={loaded()}>
            {(c) => (
              <>
                {/* The map stays mounted under the other pages, so going back keeps its view. */}
                <MapScreen config={c()} categories={categories()} store={store} hidden={!onMap()} />
                <Switch>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'report' ? r.id : undefined;
                    })()}
                    keyed
                  >
                    {(id) => <ReportPage id={id} categories={categories()} siteName={siteName()} />}
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'new' ? r.step : undefined;
                    })()}
                  >
                    {(step) => (
                      <Suspense
                        fallback={
                          <p class="page page-message" role="status">
                            {t().app.loading}
                          </p>
                        }
                      >
                        <ReportFlow step={step()} config={c()} categories={categories()} siteName={siteName()} />
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
                    {(key) => <SentPage sendKey={key} categories={categories()} siteName={siteName()} />}
                  </Match>
                  <Match when={route().name === 'mine'}>
                    <MyReportsPage categories={categories()} siteName={siteName()} />
                  </Match>
                  <Match when={route().name === 'following'}>
                    <FollowingPage siteName={siteName()} />
                  </Match>
                  <Match
                    when={(() => {
                      const r = route();
                      return r.name === 'insight' ? { staff: r.staff } : undefined;
                    })()}
                    keyed
                  >
                    {(r) => (
                      <Suspense
                        fallback={
                          <p class="page page-message" role="status">
                            {t().app.loading}
                          </p>
                        }
                      >
                        <InsightPage config={c()} categories={categories()} siteName={siteName()} staff={r.staff} />
                      </Suspense>
                    )}
                  </Match>
                  <Match when={route().name === 'open-data'}>
                    <Suspense
                      fallback={
                        <p class="page page-message" role="status">
                          {t().app.loading}
                        </p>
                      }
                    >
                      <OpenDataPage siteName={siteName()} />
                    </Suspense>
                  </Match>
                </Switch>
              </>
            )}
          </Match>
          <Match when={config.loading}>
            <p class="page page-message" role="status">
              {t().app.loading}
            </p>
          </Match>
        </Switch>
      </main>
    </div>
  );
}
