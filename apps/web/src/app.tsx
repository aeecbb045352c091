import { createEffect, createResource, Match, Show, Switch } from 'solid-js';
import { fetchCategories, fetchConfig } from './api/client.ts';
import { applyDefaultLocale, locale, t } from './i18n/index.ts';
import { MapScreen } from './map/MapScreen.tsx';
import { ReportPage } from './reports/ReportPage.tsx';
import { createReportStore } from './reports/store.ts';
import { route } from './router.ts';
import { Header } from './ui/Header.tsx';

const DEFAULT_SITE_NAME = 'Groundswell';

export function App() {
  const [config, { refetch }] = createResource(fetchConfig);
  // Without categories the map still works: grey shapes and the API's category names.
  const [categories] = createResource(() => fetchCategories().catch(() => []), { initialValue: [] });
  const store = createReportStore();

  // Reading a failed resource throws; everything outside the error branch reads this instead.
  const loaded = () => (config.error ? undefined : config());
  const siteName = () => loaded()?.siteName || DEFAULT_SITE_NAME;
  const reportId = () => {
    const r = route();
    return r.name === 'report' ? r.id : undefined;
  };

  createEffect(() => {
    const c = loaded();
    if (c) applyDefaultLocale(c.defaultLocale);
  });
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  createEffect(() => {
    if (!reportId()) document.title = siteName();
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
                {/* The map stays mounted under a report page, so going back keeps its view. */}
                <MapScreen config={c()} categories={categories()} store={store} hidden={reportId() !== undefined} />
                <Show when={reportId()} keyed>
                  {(id) => <ReportPage id={id} categories={categories()} siteName={siteName()} />}
                </Show>
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
