import { For, Show } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { categoryLabel, locale, t } from '../../i18n/index.ts';
import { FieldError } from '../../ui/Field.tsx';
import { clearError, draft, setDraft } from '../draft.ts';
import { CategoryIcon } from '../icons.tsx';

/** Step 2: what. One large button per category; choosing one moves on at once. */
export function WhatStep(props: { categories: readonly Category[]; onChosen: () => void }) {
  const choose = (c: Category) => {
    if (draft.category !== c.code) {
      // Another category has other questions and may allow other shapes.
      setDraft('category', c.code);
      setDraft('answers', {});
      if (!draft.kind || !c.geometryTypes.includes(draft.kind)) setDraft('kind', c.geometryTypes[0]);
      setDraft('hasSimilar', false);
    }
    clearError('category');
    props.onChosen();
  };
  const description = (c: Category) => (c.description ? (c.description[locale()] ?? c.description.en) : '');
  return (
    <div class="step step-what">
      <p>{t().flow.what.intro}</p>
      <FieldError id="what-first" message={draft.errors.category} />
      <Show when={props.categories.length > 0} fallback={<p class="callout">{t().flow.what.none}</p>}>
        <ul class="category-grid">
          <For each={props.categories}>
            {(c, i) => (
              <li>
                <button
                  type="button"
                  id={i() === 0 ? 'what-first' : undefined}
                  class="category-button"
                  aria-pressed={draft.category === c.code}
                  aria-describedby={description(c) ? `what-desc-${c.code}` : undefined}
                  style={{ '--category': c.color }}
                  onClick={() => choose(c)}
                >
                  <CategoryIcon icon={c.icon} colour={c.color} />
                  <span class="category-name">{categoryLabel(c, c.code)}</span>
                </button>
                <Show when={description(c)}>
                  <span id={`what-desc-${c.code}`} class="visually-hidden">
                    {description(c)}
                  </span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
