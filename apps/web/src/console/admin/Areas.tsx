import { createResource, createSignal, For, Show } from 'solid-js';
import { HttpError, staffApi } from '../api.ts';
import { ct, format, problemText } from '../i18n/index.ts';
import { described, Field } from '../ui.tsx';

interface Collection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, unknown> | null; geometry: unknown }[];
}

function asCollection(value: unknown): Collection | undefined {
  const v = value as Partial<Collection> | null;
  return v && v.type === 'FeatureCollection' && Array.isArray(v.features) && v.features.length > 0 ? (v as Collection) : undefined;
}

/** Council areas, and importing boundaries from a GeoJSON file: all or nothing, problems by feature. */
export function AreasPage() {
  const [areas, { refetch }] = createResource(() => staffApi.areas().then((r) => r.areas));
  const [file, setFile] = createSignal<Collection>();
  const [fileError, setFileError] = createSignal<string>();
  const [nameProperty, setNameProperty] = createSignal('');
  const [codeProperty, setCodeProperty] = createSignal('');
  const [kind, setKind] = createSignal('ward');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const [featureProblems, setFeatureProblems] = createSignal<{ index: number; message: string }[]>([]);
  const [imported, setImported] = createSignal<number>();

  const properties = () => Object.keys(file()?.features[0]?.properties ?? {});

  async function choose(input: HTMLInputElement) {
    setFile(undefined);
    setFileError(undefined);
    setFeatureProblems([]);
    setImported(undefined);
    const chosen = input.files?.[0];
    if (!chosen) return;
    try {
      const parsed = asCollection(JSON.parse(await chosen.text()));
      if (!parsed) throw new Error('not a collection');
      setFile(parsed);
      const props = Object.keys(parsed.features[0]?.properties ?? {});
      setNameProperty(props.find((p) => /^name$/i.test(p)) ?? props.find((p) => /name/i.test(p)) ?? props[0] ?? '');
      setCodeProperty('');
    } catch {
      setFileError(ct().admin.areas.badFile);
    }
  }

  async function submit() {
    const collection = file();
    setProblem(undefined);
    setFeatureProblems([]);
    setImported(undefined);
    if (!collection) {
      setFileError(ct().admin.areas.chooseFile);
      document.getElementById('c-areas-file')?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await staffApi.importAreas({ kind: kind().trim() || 'ward', nameProperty: nameProperty() || 'name', ...(codeProperty() ? { codeProperty: codeProperty() } : {}), geojson: collection });
      setImported(res.imported);
      void refetch();
    } catch (err) {
      setProblem(problemText(err));
      if (err instanceof HttpError) {
        setFeatureProblems(
          (err.problem.errors ?? [])
            .map((e) => ({ index: Number(/features\.(\d+)/.exec(e.field)?.[1] ?? -1), message: e.message }))
            .filter((e) => e.index >= 0),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="c-areas-title">
      <h2 id="c-areas-title">{ct().admin.areas.heading}</h2>
      <Show when={!areas.error} fallback={<p class="c-alert c-alert-error" role="alert">{`${ct().admin.failed} ${problemText(areas.error)}`}</p>}>
        <Show when={areas()} fallback={<p role="status">{ct().admin.loading}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{ct().admin.areas.none}</p>}>
              <div class="c-table-wrap c-table-scroll" tabindex="0" role="region" aria-labelledby="c-areas-title">
                <table class="c-table">
                  <thead>
                    <tr>
                      <th scope="col">{ct().admin.areas.name}</th>
                      <th scope="col">{ct().admin.areas.code}</th>
                      <th scope="col">{ct().admin.areas.kind}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(a) => (
                        <tr>
                          <td>{a.name}</td>
                          <td>
                            <code>{a.code}</code>
                          </td>
                          <td>{a.kind}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>

      <form
        class="c-card c-admin-form"
        novalidate
        aria-labelledby="c-areas-import-title"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3 id="c-areas-import-title">{ct().admin.areas.import}</h3>
        <Field id="c-areas-file" label={ct().admin.areas.file} hint={ct().admin.areas.fileHint} error={fileError()}>
          <input
            id="c-areas-file"
            class="c-input"
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            aria-invalid={!!fileError()}
            aria-describedby={described('c-areas-file', true, fileError())}
            onChange={(e) => void choose(e.currentTarget)}
          />
        </Field>
        <Show when={file()}>
          {(f) => (
            <>
              <p role="status">{format(ct().admin.areas.features, { count: f().features.length })}</p>
              <div class="c-grid-3">
                <Field id="c-areas-name" label={ct().admin.areas.nameProperty}>
                  <select id="c-areas-name" class="c-select" value={nameProperty()} onChange={(e) => setNameProperty(e.currentTarget.value)}>
                    <For each={properties()}>{(p) => <option value={p}>{p}</option>}</For>
                  </select>
                </Field>
                <Field id="c-areas-code" label={ct().admin.areas.codeProperty}>
                  <select id="c-areas-code" class="c-select" value={codeProperty()} onChange={(e) => setCodeProperty(e.currentTarget.value)}>
                    <option value="">{ct().admin.areas.codeFromName}</option>
                    <For each={properties()}>{(p) => <option value={p}>{p}</option>}</For>
                  </select>
                </Field>
                <Field id="c-areas-kind" label={ct().admin.areas.kindLabel} hint={ct().admin.areas.kindHint}>
                  <input id="c-areas-kind" class="c-input" type="text" maxLength={50} aria-describedby="c-areas-kind-hint" value={kind()} onInput={(e) => setKind(e.currentTarget.value)} />
                </Field>
              </div>
            </>
          )}
        </Show>
        <div role="status">
          <Show when={imported() !== undefined}>
            <p class="c-alert c-alert-ok">{format(ct().admin.areas.imported, { count: imported()! })}</p>
          </Show>
        </div>
        <Show when={problem()}>
          <div class="c-alert c-alert-error" role="alert">
            <p>{problem()}</p>
            <Show when={featureProblems().length > 0}>
              <p>{ct().admin.areas.problems}</p>
              <ul class="c-problems">
                <For each={featureProblems()}>
                  {(p) => (
                    <li>
                      <strong>{format(ct().admin.areas.feature, { n: p.index + 1 })}</strong>: {p.message}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        </Show>
        <button type="submit" class="c-btn c-btn-primary" disabled={busy()}>
          {busy() ? ct().actions.sending : ct().admin.areas.submit}
        </button>
      </form>
    </section>
  );
}
