/**
 * The contact centre's call log and the go-live date, for administrators on the staff
 * dashboard's evidence section (issue 13): upload or paste the CSV, check it (every problem
 * named by line and column, nothing stored), confirm the import, set the go-live date. The
 * API checks the role, the CSRF token and writes the audit log; `onChange` redraws the chart.
 */
import { createSignal, For, Show } from 'solid-js';
import { createHttp, ProblemError } from '../api/http.ts';
import { format, formatNumber, locale } from '../i18n/index.ts';
import { DataTable } from './Chart.tsx';
import { tc } from './i18n/conversations.ts';

interface Preview {
  lines: Array<{ line: number; week: string; category: string; calls: number }>;
  problems: Array<{ field: string; message: string }>;
}

const problemText = (err: unknown) => (err instanceof ProblemError ? [err.detail, ...err.errors.map((e) => `${e.field}: ${e.message}`)].filter(Boolean).join(' · ') : String(err));

export function CallsAdmin(props: { csrf: string; goLive: string | null; onChange: () => void }) {
  const http = createHttp({ language: locale, csrf: () => props.csrf });
  const [csv, setCsv] = createSignal('');
  const [preview, setPreview] = createSignal<Preview>();
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal('');
  const [goLive, setGoLive] = createSignal(props.goLive ?? '');
  const t = () => tc().calls;

  const edit = (text: string) => {
    setCsv(text);
    // A changed file must be checked again before it can be imported.
    setPreview(undefined);
    setStatus('');
  };
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await what();
    } catch (err) {
      setError(`${t().failed} ${problemText(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const check = () =>
    run(async () => {
      setStatus('');
      setPreview(await http.post<Preview>('/api/staff/insight/calls/preview', { csv: csv() }));
    });
  const confirm = () =>
    run(async () => {
      const r = await http.post<{ imported: number }>('/api/staff/insight/calls', { csv: csv() });
      setPreview(undefined);
      setStatus(format(t().imported, { count: formatNumber(r.imported) }));
      props.onChange();
    });
  const saveGoLive = () =>
    run(async () => {
      const r = await http.request<{ goLive: string | null }>('PUT', '/api/staff/insight/go-live', { body: { date: goLive() || null } });
      setStatus(r.goLive ? format(t().goLiveSaved, { date: r.goLive }) : t().goLiveCleared);
      props.onChange();
    });

  return (
    <details class="insight-admin">
      <summary>{t().heading}</summary>
      <p>{t().intro}</p>
      <form
        class="insight-admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <label>
          {t().file}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (file) edit(await file.text());
            }}
          />
        </label>
        <label class="insight-admin-wide">
          {t().text}
          <textarea rows={6} value={csv()} onInput={(e) => edit(e.currentTarget.value)} spellcheck={false} />
        </label>
        <button type="submit" class="button" disabled={busy() || !csv().trim()}>
          {busy() ? t().checking : t().check}
        </button>
      </form>
      <Show when={preview()}>
        {(p) => (
          <div class="insight-admin-preview">
            <Show
              when={p().problems.length}
              fallback={
                <>
                  <p role="status">{format(t().ready, { count: formatNumber(p().lines.length) })}</p>
                  <button type="button" class="button button-primary" disabled={busy() || !p().lines.length} onClick={() => void confirm()}>
                    {format(t().confirm, { count: formatNumber(p().lines.length) })}
                  </button>
                </>
              }
            >
              <div role="alert" class="insight-error">
                <p>{format(t().problems, { count: formatNumber(p().problems.length) })}</p>
                <ul class="insight-admin-problems">
                  <For each={p().problems}>
                    {(x) => (
                      <li>
                        <strong>{x.field}</strong>: {x.message}
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </Show>
            <DataTable
              caption={t().previewCaption}
              rows={p().lines}
              open
              columns={[
                { label: t().cols.line, value: (l) => String(l.line) },
                { label: t().cols.week, value: (l) => l.week },
                { label: t().cols.category, value: (l) => l.category },
                { label: t().cols.calls, value: (l) => formatNumber(l.calls), numeric: true },
              ]}
            />
          </div>
        )}
      </Show>
      <form
        class="insight-admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveGoLive();
        }}
      >
        <label>
          {t().goLive}
          <input type="date" value={goLive()} onChange={(e) => setGoLive(e.currentTarget.value)} aria-describedby="go-live-hint" />
        </label>
        <p id="go-live-hint" class="insight-hint">
          {t().goLiveHint}
        </p>
        <button type="submit" class="button" disabled={busy()}>
          {t().saveGoLive}
        </button>
      </form>
      <Show when={status()}>
        <p role="status" class="insight-admin-done">
          {status()}
        </p>
      </Show>
      <Show when={error()}>
        <p role="alert" class="insight-error">
          {error()}
        </p>
      </Show>
    </details>
  );
}
