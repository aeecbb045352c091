import { createSignal, For, Show } from 'solid-js';
import { canTakeDuplicates } from '@groundswell/core/rules';
import { staffApi } from '../api.ts';
import { distance, anchor } from '../geometry.ts';
import { categoryName, ct, format, formatDistance, stateName } from '../i18n/index.ts';
import { ActionForm, createSubmit, described, Field } from '../ui.tsx';
import type { ActionProps } from './context.ts';

const ID = /^[a-z0-9]{4,32}$/;

/**
 * Close this report as a duplicate of another: pick one of the nearest similar reports in
 * the list, or type its id.
 */
export function MergeForm(props: ActionProps) {
  const [into, setInto] = createSignal('');
  const submit = createSubmit();
  const here = anchor(props.report.geometry);
  const candidates = () =>
    props.listed
      .filter((r) => r.id !== props.report.id && canTakeDuplicates(r))
      .map((r) => ({ report: r, metres: distance(here, anchor(r.geometry)), same: r.category === props.report.category }))
      .sort((a, b) => Number(b.same) - Number(a.same) || a.metres - b.metres)
      .slice(0, 6);

  async function send() {
    const target = into().trim().toLowerCase();
    if (!ID.test(target)) return submit.fail(ct().merge.required, 'into');
    if (target === props.report.id) return submit.fail(ct().merge.self, 'into');
    if (await submit.run(() => staffApi.act(props.report.id, 'merge', { into: target }))) props.done(format(ct().actions.done.merged, { id: target }));
  }

  return (
    <ActionForm id="c-merge" title={ct().merge.heading} submitLabel={ct().merge.submit} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <p class="c-hint">{format(ct().merge.intro, { id: props.report.id })}</p>
      <fieldset class="c-fieldset">
        <legend class="c-label">{ct().merge.candidates}</legend>
        <Show when={candidates().length > 0} fallback={<p class="c-muted">{ct().merge.none}</p>}>
          <div class="c-radios">
            <For each={candidates()}>
              {(c) => (
                <span class="c-radio c-candidate">
                  <input type="radio" id={`c-merge-${c.report.id}`} name="c-merge-into" value={c.report.id} checked={into() === c.report.id} onChange={() => setInto(c.report.id)} />
                  <label for={`c-merge-${c.report.id}`}>
                    <span>
                      <strong>{c.report.id}</strong> · {categoryName(props.ctx.categories, c.report.category, c.report.categoryName)} · {stateName(c.report.state)} ·{' '}
                      {format(ct().merge.distance, { distance: formatDistance(c.metres) })}
                    </span>
                    <span class="c-candidate-desc">{c.report.description}</span>
                  </label>
                </span>
              )}
            </For>
          </div>
        </Show>
      </fieldset>
      <Field id="c-merge-id" label={ct().merge.target} error={submit.fields().into}>
        <input
          id="c-merge-id"
          class="c-input"
          type="text"
          inputmode="text"
          autocomplete="off"
          spellcheck={false}
          aria-invalid={!!submit.fields().into}
          aria-describedby={described('c-merge-id', false, submit.fields().into)}
          value={into()}
          onInput={(e) => setInto(e.currentTarget.value)}
        />
      </Field>
    </ActionForm>
  );
}
