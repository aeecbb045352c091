import { createResource, createSignal, For, Show } from 'solid-js';
import { MENTION_SOURCE_KINDS, type MentionSourceKind } from '@groundswell/core/rules';
import { format, formatDate } from '../i18n/index.ts';
import { listeningApi } from '../listening/api.ts';
import { lt } from '../listening/i18n/index.ts';
import type { ListeningSource } from '../listening/types.ts';
import { createSubmit, described, Field } from '../ui.tsx';
import { configFrom, fieldText, initialTexts, SOURCE_FIELDS, type SourceField } from './listening-source-fields.ts';
import { AdminForm, AdminTable } from './scaffold.tsx';

const kindName = (k: string) => lt().kinds[k] ?? k;
const fieldLabel = (key: string) => lt().admin.sources.fields[key] ?? key;

function ConfigField(props: { field: SourceField; value: string; error: string | undefined; onInput: (v: string) => void }) {
  const f = props.field;
  const id = `l-src-${f.key}`;
  const label = () => `${fieldLabel(f.key)}${f.required ? ` ${lt().admin.sources.required}` : ''}`;
  return (
    <Show
      when={f.type !== 'boolean'}
      fallback={
        <div class="c-check">
          <input id={id} type="checkbox" checked={props.value === 'true'} onChange={(e) => props.onInput(e.currentTarget.checked ? 'true' : 'false')} />
          <label for={id}>{label()}</label>
        </div>
      }
    >
      <Field id={id} label={label()} hint={f.type === 'list' ? lt().admin.sources.listHint : undefined} error={props.error}>
        <Show
          when={f.type === 'select'}
          fallback={
            <input
              id={id}
              class="c-input"
              type={f.type === 'number' ? 'number' : f.type === 'url' ? 'url' : f.type === 'email' ? 'email' : 'text'}
              autocomplete="off"
              aria-invalid={!!props.error}
              aria-describedby={described(id, f.type === 'list', props.error)}
              value={props.value}
              onInput={(e) => props.onInput(e.currentTarget.value)}
            />
          }
        >
          <select id={id} class="c-select" value={props.value} onChange={(e) => props.onInput(e.currentTarget.value)}>
            <Show when={!f.required}>
              <option value="" />
            </Show>
            <For each={f.options ?? []}>{(o) => <option value={o}>{lt().admin.sources.options[o] ?? o}</option>}</For>
          </select>
        </Show>
      </Field>
    </Show>
  );
}

/**
 * Listening sources: add, edit, switch on and off, per kind with the fields its connector needs.
 * Credentials are write-only: the page shows only whether each is set.
 */
export function ListeningSources() {
  const [sources, { refetch }] = createResource(() => listeningApi.sources().then((r) => r.sources));
  const [editing, setEditing] = createSignal<ListeningSource>();
  const [kind, setKind] = createSignal<MentionSourceKind>('feed');
  const [name, setName] = createSignal('');
  const [enabled, setEnabled] = createSignal(true);
  const [pollSeconds, setPollSeconds] = createSignal('900');
  const [texts, setTexts] = createSignal<Record<string, string>>({});
  const [secrets, setSecrets] = createSignal<Record<string, string>>({});
  const [saved, setSaved] = createSignal(false);
  const submit = createSubmit();
  const toggle = createSubmit();
  const s = () => lt().admin.sources;

  function edit(src: ListeningSource | undefined) {
    setEditing(src);
    setSaved(false);
    submit.clear();
    setKind(src?.kind ?? 'feed');
    setName(src?.name ?? '');
    setEnabled(src?.enabled ?? true);
    setPollSeconds(String(src?.pollSeconds ?? 900));
    const fields = SOURCE_FIELDS[src?.kind ?? 'feed'].config;
    setTexts(src ? Object.fromEntries(fields.map((f) => [f.key, fieldText(src.config[f.key])])) : initialTexts('feed'));
    setSecrets({});
    if (src) queueMicrotask(() => document.getElementById('l-src-name')?.focus());
  }

  async function save() {
    setSaved(false);
    const creds = Object.fromEntries(Object.entries(secrets()).filter(([, v]) => v.trim() !== ''));
    const body = {
      kind: kind(),
      name: name().trim(),
      enabled: enabled(),
      config: configFrom(kind(), texts()) as Record<string, string | number | boolean | null>,
      pollSeconds: Number(pollSeconds()) || 900,
      ...(Object.keys(creds).length ? { credentials: creds } : {}),
    };
    const current = editing();
    const res = await submit.run(() => (current ? listeningApi.updateSource(current.id, body) : listeningApi.addSource(body)));
    if (res) {
      setSaved(true);
      edit(undefined);
      setSaved(true);
      void refetch();
    }
  }

  async function setOn(src: ListeningSource, on: boolean) {
    const body = { kind: src.kind, name: src.name, enabled: on, config: src.config as Record<string, string | number | boolean | null>, pollSeconds: src.pollSeconds };
    const res = await toggle.run(() => listeningApi.updateSource(src.id, body));
    if (res) void refetch();
  }

  const err = (key: string) => submit.fields()[`config.${key}`] ?? submit.fields()[key];

  return (
    <section aria-labelledby="l-sources-title">
      <h2 id="l-sources-title">{s().heading}</h2>
      <Show when={toggle.error()}>
        <p class="c-alert c-alert-error" role="alert">
          {toggle.error()}
        </p>
      </Show>
      <AdminTable
        error={sources.error}
        rows={sources()}
        none={s().none}
        labelledBy="l-sources-title"
        columns={[
          { label: s().name, cell: (r) => r.name },
          { label: s().kind, cell: (r) => kindName(r.kind) },
          {
            label: s().enabled,
            cell: (r) => (
              <>
                <span class="l-src-state">{r.enabled ? s().on : s().off}</span>{' '}
                <button type="button" class="c-btn c-btn-small" aria-label={format(r.enabled ? s().disable : s().enable, { name: r.name })} onClick={() => void setOn(r, !r.enabled)}>
                  {r.enabled ? s().switchOff : s().switchOn}
                </button>
              </>
            ),
          },
          {
            label: s().credentials,
            cell: (r) => (
              <Show when={SOURCE_FIELDS[r.kind].secrets.length > 0} fallback="–">
                <ul class="c-plain-list">
                  <For each={SOURCE_FIELDS[r.kind].secrets}>{(k) => <li>{`${fieldLabel(k)}: ${r.credentialsSet.includes(k) ? s().set : s().notSet}`}</li>}</For>
                </ul>
              </Show>
            ),
          },
          { label: s().lastPolled, cell: (r) => (r.lastPolledAt ? formatDate(r.lastPolledAt) : s().never) },
          { label: s().lastError, cell: (r) => r.lastError ?? '–' },
          {
            label: '',
            cell: (r) => (
              <button type="button" class="c-btn c-btn-small" aria-label={format(s().edit, { name: r.name })} onClick={() => edit(r)}>
                {s().editButton}
              </button>
            ),
          },
        ]}
      />
      <AdminForm
        titleId="l-src-form-title"
        title={editing() ? format(s().editing, { name: editing()!.name }) : s().add}
        error={submit.error()}
        status={
          <Show when={saved()}>
            <p class="c-alert c-alert-ok">{s().saved}</p>
          </Show>
        }
        busy={submit.busy()}
        submitLabel={s().save}
        onSubmit={() => void save()}
      >
        <div class="c-grid-3">
          <Field id="l-src-kind" label={s().kind}>
            <select
              id="l-src-kind"
              class="c-select"
              disabled={!!editing()}
              value={kind()}
              onChange={(e) => {
                setKind(e.currentTarget.value as MentionSourceKind);
                setTexts(initialTexts(e.currentTarget.value as MentionSourceKind));
                setSecrets({});
              }}
            >
              <For each={MENTION_SOURCE_KINDS}>{(k) => <option value={k}>{kindName(k)}</option>}</For>
            </select>
          </Field>
          <Field id="l-src-name" label={`${s().name} ${s().required}`} error={submit.fields().name}>
            <input id="l-src-name" class="c-input" type="text" maxLength={200} aria-invalid={!!submit.fields().name} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field id="l-src-poll" label={s().pollSeconds} error={submit.fields().pollSeconds}>
            <input id="l-src-poll" class="c-input" type="number" min={60} max={86400} value={pollSeconds()} onInput={(e) => setPollSeconds(e.currentTarget.value)} />
          </Field>
        </div>
        <div class="c-check">
          <input id="l-src-enabled" type="checkbox" checked={enabled()} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          <label for="l-src-enabled">{s().enabled}</label>
        </div>
        <div class="c-grid-2">
          <For each={SOURCE_FIELDS[kind()].config}>{(f) => <ConfigField field={f} value={texts()[f.key] ?? ''} error={err(f.key)} onInput={(v) => setTexts({ ...texts(), [f.key]: v })} />}</For>
          <For each={SOURCE_FIELDS[kind()].secrets}>
            {(k) => (
              <Field
                id={`l-src-secret-${k}`}
                label={`${fieldLabel(k)} (${editing()?.credentialsSet.includes(k) ? s().set : s().notSet})`}
                hint={s().secretHint}
                error={submit.fields()[`credentials.${k}`]}
              >
                <input
                  id={`l-src-secret-${k}`}
                  class="c-input"
                  type="password"
                  autocomplete="new-password"
                  aria-describedby={described(`l-src-secret-${k}`, true, submit.fields()[`credentials.${k}`])}
                  value={secrets()[k] ?? ''}
                  onInput={(e) => setSecrets({ ...secrets(), [k]: e.currentTarget.value })}
                />
              </Field>
            )}
          </For>
        </div>
        <Show when={editing()?.webhookUrl}>{(url) => <p class="c-hint">{`${s().webhook}: ${url()}`}</p>}</Show>
        <Show when={editing()}>
          <button type="button" class="c-btn" onClick={() => edit(undefined)}>
            {s().cancel}
          </button>
        </Show>
      </AdminForm>
    </section>
  );
}
