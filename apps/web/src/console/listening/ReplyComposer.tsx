import { createSignal, Show } from 'solid-js';
import { REPLY_LIMITS, replyLength } from '@groundswell/core/rules';
import { reportHref } from '../../router.ts';
import { format } from '../i18n/index.ts';
import { ActionForm, createSubmit, described } from '../ui.tsx';
import { listeningApi } from './api.ts';
import { lt } from './i18n/index.ts';
import type { Mention, MentionActionResult } from './types.ts';

/** The public page of a report, as a resident would open it. */
export const publicReportUrl = (id: string) => `${location.origin}/${reportHref(id)}`;

/**
 * The reply, where it was said: the API's draft (in the mention's language, signed with the
 * officer's first name and team, with the public report link), a live count against the
 * platform's limit in the platform's own way of counting, and sending.
 */
export function ReplyComposer(props: { mention: Mention; draft: string | null; followUp: boolean; onSent: (result: MentionActionResult) => void; onCancel: () => void }) {
  const kind = () => props.mention.source.kind;
  const limit = () => REPLY_LIMITS[kind()];
  const platform = () => lt().kinds[kind()] ?? kind();
  const [text, setText] = createSignal(props.draft ?? '');
  const length = () => replyLength(kind(), text());
  const over = () => length() > limit();
  const submit = createSubmit();
  const id = 'l-reply';

  async function send() {
    if (!text().trim()) return submit.fail(lt().reply.missing, 'text');
    if (over()) return submit.fail(format(lt().reply.tooLong, { platform: platform() }), 'text');
    const result = await submit.run(() => listeningApi.reply(props.mention.id, text().trim()));
    if (result) props.onSent(result);
  }

  return (
    <ActionForm
      id="l-reply-form"
      title={props.followUp ? lt().reply.followUpHeading : lt().reply.heading}
      submitLabel={lt().reply.submit}
      busy={submit.busy()}
      error={submit.error()}
      onSubmit={() => void send()}
      onCancel={props.onCancel}
    >
      <div class="c-field" classList={{ 'c-field-invalid': !!submit.fields().text }}>
        <label class="c-label" for={`${id}-text`}>
          {lt().reply.text}
        </label>
        <p class="c-hint" id={`${id}-text-hint`}>
          {lt().reply.hint}
        </p>
        <Show when={submit.fields().text}>
          <p class="c-field-error" id={`${id}-text-error`}>
            {submit.fields().text}
          </p>
        </Show>
        <textarea
          id={`${id}-text`}
          class="c-textarea"
          rows={6}
          lang={props.mention.language ?? undefined}
          aria-invalid={over() || !!submit.fields().text}
          aria-describedby={`${described(`${id}-text`, true, submit.fields().text)} ${id}-counter`}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p id={`${id}-counter`} class="l-counter" classList={{ 'l-counter-over': over() }} aria-live="polite">
          {over() ? format(lt().reply.over, { count: length() - limit(), limit: limit(), platform: platform() }) : format(lt().reply.counter, { count: length(), limit: limit() })}
        </p>
      </div>
      <Show when={props.mention.report}>
        {(report) => (
          <p class="c-hint">
            {lt().reply.link}{' '}
            <a href={publicReportUrl(report())} target="_blank" rel="noopener">
              {publicReportUrl(report())}
            </a>
          </p>
        )}
      </Show>
    </ActionForm>
  );
}
