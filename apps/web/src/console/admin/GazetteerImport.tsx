import { createSignal, Show } from 'solid-js';
import { format } from '../i18n/index.ts';
import { listeningApi } from '../listening/api.ts';
import { lt } from '../listening/i18n/index.ts';
import { createSubmit, described, Field } from '../ui.tsx';
import { AdminForm } from './scaffold.tsx';

type Format = 'os-open-names' | 'geojson';

/** The format a file's name suggests: `.csv` is OS Open Names, anything else GeoJSON. */
export const formatOf = (fileName: string): Format => (/\.csv$/i.test(fileName) ? 'os-open-names' : 'geojson');

/** Gazetteer import: an OS Open Names CSV or a GeoJSON of named points, read in the browser and sent as text. */
export function GazetteerImport() {
  const [file, setFile] = createSignal<File>();
  const [fmt, setFmt] = createSignal<Format>('os-open-names');
  const [replace, setReplace] = createSignal(false);
  const [imported, setImported] = createSignal<number>();
  const submit = createSubmit();
  const g = () => lt().admin.gazetteer;

  async function send() {
    setImported(undefined);
    const f = file();
    if (!f) return submit.fail(g().chooseFile, 'data');
    const data = await f.text();
    const res = await submit.run(() => listeningApi.importGazetteer({ format: fmt(), data, replace: replace() }));
    if (res) setImported(res.imported);
  }

  return (
    <section aria-labelledby="l-gaz-title">
      <h2 id="l-gaz-title">{g().heading}</h2>
      <p class="c-hint">{g().intro}</p>
      <AdminForm
        error={submit.error()}
        status={
          <Show when={imported() !== undefined}>
            <p class="c-alert c-alert-ok">{format(g().done, { count: imported()! })}</p>
          </Show>
        }
        busy={submit.busy()}
        submitLabel={g().submit}
        onSubmit={() => void send()}
      >
        <div class="c-grid-2">
          <Field id="l-gaz-file" label={g().file} error={submit.fields().data}>
            <input
              id="l-gaz-file"
              class="c-input"
              type="file"
              accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
              aria-invalid={!!submit.fields().data}
              aria-describedby={described('l-gaz-file', false, submit.fields().data)}
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                setFile(f);
                if (f) setFmt(formatOf(f.name));
              }}
            />
          </Field>
          <Field id="l-gaz-format" label={g().format}>
            <select id="l-gaz-format" class="c-select" value={fmt()} onChange={(e) => setFmt(e.currentTarget.value as Format)}>
              <option value="os-open-names">{g().osOpenNames}</option>
              <option value="geojson">{g().geojson}</option>
            </select>
          </Field>
        </div>
        <div class="c-check">
          <input id="l-gaz-replace" type="checkbox" checked={replace()} onChange={(e) => setReplace(e.currentTarget.checked)} />
          <label for="l-gaz-replace">{g().replace}</label>
        </div>
      </AdminForm>
    </section>
  );
}
