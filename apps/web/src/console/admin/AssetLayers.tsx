import { createResource, createSignal, For } from 'solid-js';
import type { AssetLayer } from '@groundswell/core/schemas';
import { createCatalogue } from '../../i18n/catalogue.ts';
import { locale } from '../../i18n/index.ts';
import { staffHttp } from '../api.ts';
import type { ConsoleContext } from '../context.ts';
import { categoryName, ct } from '../i18n/index.ts';
import { createSubmit, described, Field } from '../ui.tsx';
import { AdminForm, AdminTable } from './scaffold.tsx';

const en = {
  intro:
    'Layers of the council’s GIS (street lights, gullies) that residents pick the asset from when they report. The server fetches them by bbox and keeps them a minute; when the GIS is down, reports are still taken.',
  none: 'No asset layers yet.',
  name: 'Name',
  kind: 'Kind',
  kinds: { ogc: 'OGC API Features', wfs: 'WFS 2.0 (GeoJSON)' } as Record<string, string>,
  url: 'Address (the OGC landing page, or the WFS endpoint)',
  collection: 'Collection id (OGC) or typeName (WFS)',
  idField: 'Id field',
  nameField: 'Name field (optional)',
  categories: 'Categories it serves',
  snap: 'Snapping distance (m)',
  active: 'Active',
  add: 'Add layer',
  save: 'Save layer',
  edit: 'Edit',
  newLayer: 'New asset layer',
  saved: 'Saved.',
};
const pl: typeof en = {
  intro:
    'Warstwy GIS urzędu (latarnie, studzienki), z których mieszkańcy wybierają obiekt przy zgłoszeniu. Serwer pobiera je według bbox i przechowuje przez minutę; gdy GIS nie działa, zgłoszenia i tak są przyjmowane.',
  none: 'Nie ma jeszcze warstw obiektów.',
  name: 'Nazwa',
  kind: 'Rodzaj',
  kinds: { ogc: 'OGC API Features', wfs: 'WFS 2.0 (GeoJSON)' },
  url: 'Adres (strona główna OGC albo adres usługi WFS)',
  collection: 'Id kolekcji (OGC) albo typeName (WFS)',
  idField: 'Pole identyfikatora',
  nameField: 'Pole nazwy (opcjonalne)',
  categories: 'Kategorie, których dotyczy',
  snap: 'Odległość przyciągania (m)',
  active: 'Aktywna',
  add: 'Dodaj warstwę',
  save: 'Zapisz warstwę',
  edit: 'Edytuj',
  newLayer: 'Nowa warstwa obiektów',
  saved: 'Zapisano.',
};
const at = createCatalogue({ en, pl }, locale);

const api = {
  list: () => staffHttp.get<{ layers: AssetLayer[] }>('/api/staff/asset-layers'),
  save: (id: number | null, body: unknown) => staffHttp.post<{ id: number }>(id === null ? '/api/staff/asset-layers' : `/api/staff/asset-layers/${id}`, body),
};

/** Council asset layers (issue 14): OGC API Features or WFS 2.0, the fields to read, the categories served. */
export function AssetLayersPage(props: { ctx: ConsoleContext }) {
  const [layers, { refetch }] = createResource(() => api.list().then((r) => r.layers));
  const [editing, setEditing] = createSignal<number | null>(null);
  const [name, setName] = createSignal('');
  const [kind, setKind] = createSignal<'ogc' | 'wfs'>('wfs');
  const [url, setUrl] = createSignal('');
  const [collection, setCollection] = createSignal('');
  const [idField, setIdField] = createSignal('');
  const [nameField, setNameField] = createSignal('');
  const [categories, setCategories] = createSignal<string[]>([]);
  const [snap, setSnap] = createSignal('30');
  const [active, setActive] = createSignal(true);
  const [saved, setSaved] = createSignal(false);
  const submit = createSubmit();

  function edit(l: AssetLayer) {
    setEditing(l.id);
    setName(l.name);
    setKind(l.kind);
    setUrl(l.url);
    setCollection(l.collection);
    setIdField(l.idField);
    setNameField(l.nameField ?? '');
    setCategories(l.categories);
    setSnap(String(l.snapMetres));
    setActive(l.active);
    setSaved(false);
    document.getElementById('c-assets-name')?.focus();
  }

  async function save() {
    setSaved(false);
    const body = {
      name: name().trim(),
      kind: kind(),
      url: url().trim(),
      collection: collection().trim(),
      idField: idField().trim(),
      nameField: nameField().trim() || null,
      categories: categories(),
      snapMetres: Number(snap()) || 30,
      active: active(),
    };
    const res = await submit.run(() => api.save(editing(), body));
    if (res) {
      setSaved(true);
      setEditing(res.id);
      void refetch();
    }
  }

  const text = (id: string, label: string, value: () => string, set: (v: string) => void, field: string, type = 'text') => (
    <Field id={id} label={label} error={submit.fields()[field]}>
      <input
        id={id}
        class="c-input"
        type={type}
        aria-invalid={!!submit.fields()[field]}
        aria-describedby={described(id, false, submit.fields()[field])}
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
      />
    </Field>
  );

  return (
    <section aria-labelledby="c-assets-title">
      <h2 id="c-assets-title">{ct().admin.tabs.assets}</h2>
      <p class="c-hint">{at().intro}</p>
      <AdminTable
        error={layers.error}
        rows={layers()}
        none={at().none}
        labelledBy="c-assets-title"
        columns={[
          { label: at().name, cell: (l) => l.name },
          { label: at().kind, cell: (l) => at().kinds[l.kind] ?? l.kind },
          { label: at().url, cell: (l) => `${l.url} · ${l.collection}` },
          { label: at().categories, cell: (l) => l.categories.map((c) => categoryName(props.ctx.categories, c)).join(', ') },
          { label: at().snap, cell: (l) => String(l.snapMetres) },
          { label: at().active, cell: (l) => (l.active ? '✓' : '—') },
          {
            label: '',
            cell: (l) => (
              <button type="button" class="c-btn" onClick={() => edit(l)}>
                {at().edit} <span class="c-visually-hidden">{l.name}</span>
              </button>
            ),
          },
        ]}
      />
      <AdminForm
        titleId="c-assets-form"
        title={editing() === null ? at().newLayer : `${at().edit}: ${name()}`}
        error={submit.error()}
        status={saved() ? at().saved : ''}
        busy={submit.busy()}
        submitLabel={editing() === null ? at().add : at().save}
        onSubmit={() => void save()}
      >
        {text('c-assets-name', at().name, name, setName, 'name')}
        <Field id="c-assets-kind" label={at().kind}>
          <select id="c-assets-kind" class="c-input" value={kind()} onChange={(e) => setKind(e.currentTarget.value as 'ogc' | 'wfs')}>
            <For each={['wfs', 'ogc'] as const}>{(k) => <option value={k}>{at().kinds[k]}</option>}</For>
          </select>
        </Field>
        {text('c-assets-url', at().url, url, setUrl, 'url', 'url')}
        {text('c-assets-collection', at().collection, collection, setCollection, 'collection')}
        {text('c-assets-id-field', at().idField, idField, setIdField, 'idField')}
        {text('c-assets-name-field', at().nameField, nameField, setNameField, 'nameField')}
        <Field id="c-assets-categories" label={at().categories} error={submit.fields().categories}>
          <select id="c-assets-categories" class="c-input" multiple size={5} onChange={(e) => setCategories([...e.currentTarget.selectedOptions].map((o) => o.value))}>
            <For each={props.ctx.categories}>
              {(c) => (
                <option value={c.code} selected={categories().includes(c.code)}>
                  {categoryName(props.ctx.categories, c.code)}
                </option>
              )}
            </For>
          </select>
        </Field>
        {text('c-assets-snap', at().snap, snap, setSnap, 'snapMetres', 'number')}
        <Field id="c-assets-active" label={at().active}>
          <input id="c-assets-active" type="checkbox" checked={active()} onChange={(e) => setActive(e.currentTarget.checked)} />
        </Field>
      </AdminForm>
    </section>
  );
}
