import { createSignal, Show } from 'solid-js';
import { staffApi } from '../api.ts';
import { ct, format } from '../i18n/index.ts';
import { createSubmit, described, Field, focusSoon } from '../ui.tsx';
import { AdminForm } from './scaffold.tsx';

/** A key for another system, shown once: it is stored only as a hash. */
export function ApiKeys() {
  const [name, setName] = createSignal('');
  const [created, setCreated] = createSignal<{ name: string; key: string }>();
  const [copied, setCopied] = createSignal(false);
  const submit = createSubmit();

  async function create() {
    setCreated(undefined);
    setCopied(false);
    if (!name().trim()) return submit.fail(ct().admin.keys.required, 'name');
    const res = await submit.run(() => staffApi.createApiKey(name().trim()));
    if (res) {
      setCreated({ name: res.name, key: res.key });
      setName('');
      focusSoon(() => document.getElementById('c-key-value'));
    }
  }
  async function copy() {
    const key = created()?.key;
    if (!key) return;
    try {
      await navigator.clipboard.writeText(key);
      setCopied(true);
    } catch {
      (document.getElementById('c-key-value') as HTMLInputElement | null)?.select();
    }
  }

  return (
    <section aria-labelledby="c-keys-title">
      <h2 id="c-keys-title">{ct().admin.keys.heading}</h2>
      <p class="c-hint">
        {ct().admin.keys.intro} {ct().admin.keys.noList}
      </p>
      <AdminForm error={submit.error()} busy={submit.busy()} submitLabel={ct().admin.keys.submit} onSubmit={() => void create()}>
        <Field id="c-key-name" label={ct().admin.keys.name} error={submit.fields().name}>
          <input
            id="c-key-name"
            class="c-input"
            type="text"
            maxLength={200}
            aria-invalid={!!submit.fields().name}
            aria-describedby={described('c-key-name', false, submit.fields().name)}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
      </AdminForm>
      <Show when={created()}>
        {(c) => (
          <div class="c-card c-key-once" role="status">
            <p>
              <strong>{format(ct().admin.keys.created, { name: c().name })}</strong>
            </p>
            <Field id="c-key-value" label={ct().admin.keys.key}>
              <input id="c-key-value" class="c-input c-mono" type="text" readonly value={c().key} onFocus={(e) => e.currentTarget.select()} />
            </Field>
            <button type="button" class="c-btn" onClick={() => void copy()}>
              {ct().admin.keys.copy}
            </button>{' '}
            <Show when={copied()}>
              <span>{ct().admin.keys.copied}</span>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
