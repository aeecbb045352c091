import { createSignal, For, Show } from 'solid-js';
import { categoryName, ct, format, formatDistance, stateName } from '../i18n/index.ts';
import { ActionForm, createSubmit, described, Field } from '../ui.tsx';
import type { ConsoleContext } from '../context.ts';
import type { ReportState } from '@groundswell/core/rules';
import { listeningApi } from './api.ts';
import { lt } from './i18n/index.ts';
import type { MentionActionResult, MentionDetail } from './types.ts';

/** Attach: one of the open reports offered nearby, or any report by its reference. */
export function AttachForm(props: { ctx: ConsoleContext; detail: MentionDetail | undefined; mentionId: number; onDone: (r: MentionActionResult) => void; onCancel: () => void }) {
  const [chosen, setChosen] = createSignal('');
  const [typed, setTyped] = createSignal('');
  const submit = createSubmit();
  const target = () => typed().trim() || chosen();
  async function send() {
    if (!target()) return submit.fail(lt().attach.choose, 'report');
    const result = await submit.run(() => listeningApi.attach(props.mentionId, target()));
    if (result) props.onDone(result);
  }
  return (
    <ActionForm id="l-attach-form" title={lt().attach.heading} submitLabel={lt().attach.submit} busy={submit.busy()} error={submit.error()} onSubmit={() => void send()} onCancel={props.onCancel}>
      <Show when={(props.detail?.nearbyReports.length ?? 0) > 0}>
        <fieldset class="c-fieldset">
          <legend class="c-label">{lt().attach.offered}</legend>
          <div class="c-radios">
            <For each={props.detail?.nearbyReports ?? []}>
              {(r) => (
                <span class="c-radio">
                  <input type="radio" id={`l-attach-${r.id}`} name="l-attach" checked={chosen() === r.id} onChange={() => setChosen(r.id)} />
                  <label for={`l-attach-${r.id}`}>
                    {`${r.id} · ${categoryName(props.ctx.categories, r.category)} · ${stateName(r.state as ReportState)} · ${format(lt().detail.distance, { distance: formatDistance(r.distanceMetres) })}`}
                  </label>
                </span>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <Field id="l-attach-ref" label={lt().attach.reference} hint={lt().attach.referenceHint} error={submit.fields().report}>
        <input
          id="l-attach-ref"
          class="c-input"
          type="text"
          maxLength={40}
          autocomplete="off"
          aria-invalid={!!submit.fields().report}
          aria-describedby={described('l-attach-ref', true, submit.fields().report)}
          value={typed()}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </Field>
    </ActionForm>
  );
}

/** Dismiss, always with a reason (kept until the mention is deleted). */
export function DismissForm(props: { mentionId: number; onDone: (r: MentionActionResult) => void; onCancel: () => void }) {
  const [reason, setReason] = createSignal('');
  const submit = createSubmit();
  async function send() {
    if (!reason().trim()) return submit.fail(lt().dismiss.missing, 'reason');
    const result = await submit.run(() => listeningApi.dismiss(props.mentionId, reason().trim()));
    if (result) props.onDone(result);
  }
  return (
    <ActionForm id="l-dismiss-form" title={lt().dismiss.heading} submitLabel={lt().dismiss.submit} busy={submit.busy()} error={submit.error()} onSubmit={() => void send()} onCancel={props.onCancel}>
      <Field id="l-dismiss-reason" label={lt().dismiss.reason} hint={lt().dismiss.reasonHint} error={submit.fields().reason}>
        <input
          id="l-dismiss-reason"
          class="c-input"
          type="text"
          maxLength={500}
          aria-invalid={!!submit.fields().reason}
          aria-describedby={described('l-dismiss-reason', true, submit.fields().reason)}
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
    </ActionForm>
  );
}

/** Used by the cards: a report's state in the console's words. */
export const reportStateName = (state: string) => (ct().states as Record<string, string>)[state] ?? state;
