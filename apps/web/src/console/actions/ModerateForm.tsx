import { createSignal, For, Show } from 'solid-js';
import { MAX_DESCRIPTION } from '@groundswell/core/rules';
import { staffApi } from '../api.ts';
import { ct, format } from '../i18n/index.ts';
import { ActionForm, createSubmit, described, Field } from '../ui.tsx';
import type { ActionProps } from './context.ts';

/** Hide the report, or redact its description, photos or name, always with a reason. */
export function ModerateForm(props: ActionProps) {
  const [reason, setReason] = createSignal('');
  const [hide, setHide] = createSignal(false);
  const [redact, setRedact] = createSignal(false);
  const [description, setDescription] = createSignal(props.report.description);
  const [photos, setPhotos] = createSignal<string[]>([]);
  const [hideName, setHideName] = createSignal(false);
  const submit = createSubmit();
  const visiblePhotos = () => props.report.photos.filter((p) => !p.hidden);

  async function send() {
    if (reason().trim().length < 3) return submit.fail(ct().moderate.reasonRequired, 'reason');
    const body = {
      reason: reason().trim(),
      ...(hide() ? { hide: true } : {}),
      ...(redact() && description() !== props.report.description ? { description: description() } : {}),
      ...(photos().length ? { hidePhotoIds: photos() } : {}),
      ...(hideName() ? { hideName: true } : {}),
    };
    if (Object.keys(body).length === 1) return submit.fail(ct().moderate.nothing);
    if (await submit.run(() => staffApi.act(props.report.id, 'moderate', body))) props.done(ct().actions.done.moderated);
  }

  const togglePhoto = (id: string, on: boolean) => setPhotos(on ? [...photos(), id] : photos().filter((p) => p !== id));

  return (
    <ActionForm id="c-moderate" title={ct().moderate.heading} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <p class="c-hint">{ct().moderate.intro}</p>
      <Field id="c-moderate-reason" label={ct().moderate.reason} error={submit.fields().reason}>
        <input
          id="c-moderate-reason"
          class="c-input"
          type="text"
          maxLength={1000}
          required
          aria-invalid={!!submit.fields().reason}
          aria-describedby={described('c-moderate-reason', false, submit.fields().reason)}
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
      <div class="c-check">
        <input id="c-moderate-hide" type="checkbox" checked={hide()} onChange={(e) => setHide(e.currentTarget.checked)} />
        <label for="c-moderate-hide">{ct().moderate.hide}</label>
      </div>
      <div class="c-check">
        <input id="c-moderate-redact" type="checkbox" checked={redact()} aria-controls="c-moderate-text" onChange={(e) => setRedact(e.currentTarget.checked)} />
        <label for="c-moderate-redact">{ct().moderate.redact}</label>
      </div>
      <Show when={redact()}>
        <Field id="c-moderate-text" label={ct().moderate.redacted}>
          <textarea id="c-moderate-text" class="c-textarea" rows={4} maxLength={MAX_DESCRIPTION} value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
        </Field>
      </Show>
      <Show when={visiblePhotos().length > 0}>
        <fieldset class="c-fieldset">
          <legend class="c-label">{ct().moderate.photos}</legend>
          <div class="c-photo-picks">
            <For each={visiblePhotos()}>
              {(p, i) => (
                <span class="c-photo-pick">
                  <input type="checkbox" id={`c-moderate-photo-${p.id}`} checked={photos().includes(p.id)} onChange={(e) => togglePhoto(p.id, e.currentTarget.checked)} />
                  <label for={`c-moderate-photo-${p.id}`}>
                    <img src={`/api/photos/${encodeURIComponent(p.id)}/thumbnail`} alt="" width="64" height="64" loading="lazy" />
                    {format(ct().moderate.photo, { n: i() + 1 })}
                  </label>
                </span>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <Show when={props.report.publicName}>
        {(name) => (
          <div class="c-check">
            <input id="c-moderate-name" type="checkbox" checked={hideName()} onChange={(e) => setHideName(e.currentTarget.checked)} />
            <label for="c-moderate-name">{format(ct().moderate.hideName, { name: name() })}</label>
          </div>
        )}
      </Show>
    </ActionForm>
  );
}
