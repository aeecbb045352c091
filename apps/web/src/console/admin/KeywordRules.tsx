import { createResource, createSignal, For, Show } from 'solid-js';
import { LISTENING_LANGUAGES, type ListeningLanguage } from '@groundswell/core/rules';
import type { ConsoleContext } from '../context.ts';
import { categoryName, format } from '../i18n/index.ts';
import { listeningApi } from '../listening/api.ts';
import { lt } from '../listening/i18n/index.ts';
import type { KeywordRule } from '../listening/types.ts';
import { createSubmit, described, Field } from '../ui.tsx';
import { AdminForm, AdminTable } from './scaffold.tsx';

/** Words typed one per line or separated by commas. */
export const wordsFrom = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,\n]/)
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];

/** Keyword rules: per language, keywords and exclusions, and the category a match suggests. */
export function KeywordRules(props: { ctx: ConsoleContext }) {
  const [rules, { refetch }] = createResource(() => listeningApi.rules().then((r) => r.rules));
  const [editing, setEditing] = createSignal<KeywordRule>();
  const [name, setName] = createSignal('');
  const [language, setLanguage] = createSignal<ListeningLanguage>('en');
  const [keywords, setKeywords] = createSignal('');
  const [exclusions, setExclusions] = createSignal('');
  const [category, setCategory] = createSignal('');
  const [enabled, setEnabled] = createSignal(true);
  const [saved, setSaved] = createSignal(false);
  const submit = createSubmit();
  const r = () => lt().admin.rules;

  function edit(rule: KeywordRule | undefined) {
    setEditing(rule);
    submit.clear();
    setName(rule?.name ?? '');
    setLanguage(rule?.language ?? 'en');
    setKeywords(rule?.keywords.join('\n') ?? '');
    setExclusions(rule?.exclusions.join('\n') ?? '');
    setCategory(rule?.category ?? '');
    setEnabled(rule?.enabled ?? true);
    if (rule) queueMicrotask(() => document.getElementById('l-rule-name')?.focus());
  }

  async function save() {
    setSaved(false);
    const words = wordsFrom(keywords());
    if (!words.length) return submit.fail(r().missingKeywords, 'keywords');
    const body = { name: name().trim(), language: language(), keywords: words, exclusions: wordsFrom(exclusions()), category: category() || null, enabled: enabled() };
    const current = editing();
    const res = await submit.run(() => (current ? listeningApi.updateRule(current.id, body) : listeningApi.addRule(body)));
    if (res) {
      edit(undefined);
      setSaved(true);
      void refetch();
    }
  }

  return (
    <section aria-labelledby="l-rules-title">
      <h2 id="l-rules-title">{r().heading}</h2>
      <p class="c-hint">{r().intro}</p>
      <AdminTable
        error={rules.error}
        rows={rules()}
        none={r().none}
        labelledBy="l-rules-title"
        columns={[
          { label: r().name, cell: (x) => x.name },
          { label: r().language, cell: (x) => lt().card.language[x.language] ?? x.language },
          { label: r().keywords, cell: (x) => x.keywords.join(', ') },
          { label: r().exclusions, cell: (x) => x.exclusions.join(', ') || '–' },
          { label: r().category, cell: (x) => (x.category ? categoryName(props.ctx.categories, x.category) : r().noCategory) },
          { label: r().enabled, cell: (x) => (x.enabled ? lt().admin.sources.on : lt().admin.sources.off) },
          {
            label: '',
            cell: (x) => (
              <button type="button" class="c-btn c-btn-small" aria-label={format(r().edit, { name: x.name })} onClick={() => edit(x)}>
                {lt().admin.sources.editButton}
              </button>
            ),
          },
        ]}
      />
      <AdminForm
        titleId="l-rule-form-title"
        title={editing() ? format(r().editing, { name: editing()!.name }) : r().add}
        error={submit.error()}
        status={
          <Show when={saved()}>
            <p class="c-alert c-alert-ok">{r().saved}</p>
          </Show>
        }
        busy={submit.busy()}
        submitLabel={r().save}
        onSubmit={() => void save()}
      >
        <div class="c-grid-3">
          <Field id="l-rule-name" label={r().name} error={submit.fields().name}>
            <input id="l-rule-name" class="c-input" type="text" maxLength={200} aria-invalid={!!submit.fields().name} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field id="l-rule-language" label={r().language}>
            <select id="l-rule-language" class="c-select" value={language()} onChange={(e) => setLanguage(e.currentTarget.value as ListeningLanguage)}>
              <For each={LISTENING_LANGUAGES}>{(l) => <option value={l}>{lt().card.language[l] ?? l}</option>}</For>
            </select>
          </Field>
          <Field id="l-rule-category" label={r().category} error={submit.fields().category}>
            <select id="l-rule-category" class="c-select" value={category()} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">{r().noCategory}</option>
              <For each={props.ctx.categories}>{(c) => <option value={c.code}>{categoryName(props.ctx.categories, c.code)}</option>}</For>
            </select>
          </Field>
        </div>
        <div class="c-grid-2">
          <Field id="l-rule-keywords" label={r().keywords} hint={r().listHint} error={submit.fields().keywords}>
            <textarea
              id="l-rule-keywords"
              class="c-textarea"
              rows={4}
              aria-invalid={!!submit.fields().keywords}
              aria-describedby={described('l-rule-keywords', true, submit.fields().keywords)}
              value={keywords()}
              onInput={(e) => setKeywords(e.currentTarget.value)}
            />
          </Field>
          <Field id="l-rule-exclusions" label={r().exclusions} hint={r().listHint} error={submit.fields().exclusions}>
            <textarea
              id="l-rule-exclusions"
              class="c-textarea"
              rows={4}
              aria-describedby={described('l-rule-exclusions', true, submit.fields().exclusions)}
              value={exclusions()}
              onInput={(e) => setExclusions(e.currentTarget.value)}
            />
          </Field>
        </div>
        <div class="c-check">
          <input id="l-rule-enabled" type="checkbox" checked={enabled()} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          <label for="l-rule-enabled">{r().enabled}</label>
        </div>
        <Show when={editing()}>
          <button type="button" class="c-btn" onClick={() => edit(undefined)}>
            {lt().admin.sources.cancel}
          </button>
        </Show>
      </AdminForm>
    </section>
  );
}
