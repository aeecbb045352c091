import { createResource, createSignal, For, Show } from 'solid-js';
import { ProblemError, staffApi } from '../api.ts';
import { ct, format, problemText } from '../i18n/index.ts';
import { described, Field } from '../ui.tsx';
import { AdminForm, AdminTable } from './scaffold.tsx';

interface Collection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: Record<string, unknown> | null; geometry: unknown }[];
}

export function asCollection(value: unknown): Collection | undefined {
  const v = value as Partial<Collection> | null;
  return v && v.type === 'FeatureCollection' && Array.isArray(v.features) && v.features.length > 0 ? (v as Collection) : undefined;
}

/** The features the server refused (`features.3` in a field name), numbered from 0. */
export function featureProblemsOf(err: unknown): { index: number; message: string }[] {
  if (!(err instanceof ProblemError)) return [];
  return err.errors.map((e) => ({ index: Number(/features\.(\d+)/.exec(e.field)?.[1] ?? -1), message: e.message })).filter((e) => e.index >= 0);
}

/** The property most likely to hold an area's name. */
export function guessNameProperty(props: readonly string[]): string {
  return props.find((p) => /^name$/i.test(p)) ?? props.find((p) => /name/i.test(p)) ?? props[0] ?? '';
}

/** Importing boundaries from a GeoJSON file: the file, which properties name the areas, and the outcome. */
export function createAreaImport(onImported: () => void) {
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

  async function choose(chosen: { text(): Promise<string> } | undefined) {
    setFile(undefined);
    setFileError(undefined);
    setFeatureProblems([]);
    setImported(undefined);
    if (!chosen) return;
    try {
      const parsed = asCollection(JSON.parse(await chosen.text()));
      if (!parsed) throw new Error('not a collection');
      setFile(parsed);
      const props = Object.keys(parsed.features[0]?.properties ?? {});
      setNameProperty(guessNameProperty(props));
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
      const res = await staffApi.importAreas({
        kind: kind().trim() || 'ward',
        nameProperty: nameProperty() || 'name',
        ...(codeProperty() ? { codeProperty: codeProperty() } : {}),
        geojson: collection,
      });
      setImported(res.imported);
      onImported();
    } catch (err) {
      setProblem(problemText(err));
      setFeatureProblems(featureProblemsOf(err));
    } finally {
      setBusy(false);
    }
  }

  return { file, fileError, nameProperty, setNameProperty, codeProperty, setCodeProperty, kind, setKind, busy, problem, featureProblems, imported, properties, choose, submit };
}

type AreaImport = ReturnType<typeof createAreaImport>;

function PropertyChoice(props: { state: AreaImport; file: Collection }) {
  const st = props.state;
  return (
    <>
      <p role="status">{format(ct().admin.areas.features, { count: props.file.features.length })}</p>
      <div class="c-grid-3">
        <Field id="c-areas-name" label={ct().admin.areas.nameProperty}>
          <select id="c-areas-name" class="c-select" value={st.nameProperty()} onChange={(e) => st.setNameProperty(e.currentTarget.value)}>
            <For each={st.properties()}>{(p) => <option value={p}>{p}</option>}</For>
          </select>
        </Field>
        <Field id="c-areas-code" label={ct().admin.areas.codeProperty}>
          <select id="c-areas-code" class="c-select" value={st.codeProperty()} onChange={(e) => st.setCodeProperty(e.currentTarget.value)}>
            <option value="">{ct().admin.areas.codeFromName}</option>
            <For each={st.properties()}>{(p) => <option value={p}>{p}</option>}</For>
          </select>
        </Field>
        <Field id="c-areas-kind" label={ct().admin.areas.kindLabel} hint={ct().admin.areas.kindHint}>
          <input id="c-areas-kind" class="c-input" type="text" maxLength={50} aria-describedby="c-areas-kind-hint" value={st.kind()} onInput={(e) => st.setKind(e.currentTarget.value)} />
        </Field>
      </div>
    </>
  );
}

function ImportOutcome(props: { state: AreaImport }) {
  const st = props.state;
  return (
    <>
      <div role="status">
        <Show when={st.imported() !== undefined}>
          <p class="c-alert c-alert-ok">{format(ct().admin.areas.imported, { count: st.imported()! })}</p>
        </Show>
      </div>
      <Show when={st.problem()}>
        <div class="c-alert c-alert-error" role="alert">
          <p>{st.problem()}</p>
          <Show when={st.featureProblems().length > 0}>
            <p>{ct().admin.areas.problems}</p>
            <ul class="c-problems">
              <For each={st.featureProblems()}>
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
    </>
  );
}

function ImportForm(props: { state: AreaImport }) {
  const st = props.state;
  return (
    <AdminForm titleId="c-areas-import-title" title={ct().admin.areas.import} busy={st.busy()} submitLabel={ct().admin.areas.submit} onSubmit={() => void st.submit()}>
      <Field id="c-areas-file" label={ct().admin.areas.file} hint={ct().admin.areas.fileHint} error={st.fileError()}>
        <input
          id="c-areas-file"
          class="c-input"
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          aria-invalid={!!st.fileError()}
          aria-describedby={described('c-areas-file', true, st.fileError())}
          onChange={(e) => void st.choose(e.currentTarget.files?.[0])}
        />
      </Field>
      <Show when={st.file()}>{(f) => <PropertyChoice state={st} file={f()} />}</Show>
      <ImportOutcome state={st} />
    </AdminForm>
  );
}

/** Council areas, and importing boundaries from a GeoJSON file: all or nothing, problems by feature. */
export function AreasPage() {
  const [areas, { refetch }] = createResource(() => staffApi.areas().then((r) => r.areas));
  const importer = createAreaImport(() => void refetch());
  return (
    <section aria-labelledby="c-areas-title">
      <h2 id="c-areas-title">{ct().admin.areas.heading}</h2>
      <AdminTable
        error={areas.error}
        rows={areas()}
        none={ct().admin.areas.none}
        labelledBy="c-areas-title"
        columns={[
          { label: ct().admin.areas.name, cell: (a) => a.name },
          { label: ct().admin.areas.code, cell: (a) => <code>{a.code}</code> },
          { label: ct().admin.areas.kind, cell: (a) => a.kind },
        ]}
      />
      <ImportForm state={importer} />
    </section>
  );
}
