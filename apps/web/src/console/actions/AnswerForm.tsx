import { createSignal, Show } from 'solid-js';
import { canTransition, type ReportState } from '@groundswell/core/rules';
import { staffApi } from '../api.ts';
import { ct, format, formatDay, stateName } from '../i18n/index.ts';
import { ActionForm, createSubmit, Field } from '../ui.tsx';
import type { Template } from '../types.ts';
import { answerProblem, Composer } from './Composer.tsx';
import type { ActionProps } from './context.ts';

/**
 * Answer the resident publicly: template → filled with the expected date → edited → sent.
 * It can also set the expected date on the report, only when the officer enters one, and
 * move the state the template is for.
 */
export function AnswerForm(props: ActionProps) {
  // No date is suggested: a date the officer did not choose must never reach the report (or the resident).
  const [date, setDate] = createSignal(props.report.expectedAt?.slice(0, 10) ?? '');
  const [setExpected, setSetExpected] = createSignal(true);
  const [message, setMessage] = createSignal('');
  const [template, setTemplate] = createSignal<Template>();
  const [alsoState, setAlsoState] = createSignal(false);
  const submit = createSubmit();
  let savedDate: string | undefined;

  const dateChanged = () => !!date() && date() !== (props.report.expectedAt?.slice(0, 10) ?? '');
  const templateState = (): ReportState | undefined => {
    const s = template()?.state;
    return s && canTransition(props.report.state, s) ? s : undefined;
  };

  async function send() {
    const problem = answerProblem(message(), true);
    if (problem) return submit.fail(problem, 'message');
    const result = await submit.run(async () => {
      if (setExpected() && dateChanged() && savedDate !== date()) {
        await staffApi.act(props.report.id, 'expected-date', { expectedAt: date() });
        savedDate = date(); // a retry after a failed answer does not set it twice
      }
      const to = alsoState() ? templateState() : undefined;
      if (to) await staffApi.act(props.report.id, 'state', { state: to, message: message().trim() });
      else await staffApi.act(props.report.id, 'answers', { message: message().trim() });
      return true;
    });
    if (result) props.done(ct().actions.done.answered);
  }

  return (
    <ActionForm id="c-answer" title={ct().answer.heading} submitLabel={ct().actions.send} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <Field id="c-answer-date" label={ct().composer.expectedDate} hint={ct().composer.expectedHint} error={submit.fields().expectedAt}>
        <input id="c-answer-date" class="c-input c-input-date" type="date" value={date()} aria-describedby="c-answer-date-hint" onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      <Composer
        id="c-answer"
        category={props.report.category}
        residentLocale={props.report.locale}
        expectedDate={date()}
        value={message()}
        onInput={setMessage}
        onTemplate={setTemplate}
        error={submit.fields().message}
        required
      />
      <Show when={dateChanged()}>
        <div class="c-check">
          <input id="c-answer-set-expected" type="checkbox" checked={setExpected()} onChange={(e) => setSetExpected(e.currentTarget.checked)} />
          <label for="c-answer-set-expected">{format(ct().answer.setExpected, { date: formatDay(date()) })}</label>
        </div>
      </Show>
      <Show when={templateState()}>
        {(s) => (
          <div class="c-check">
            <input id="c-answer-also-state" type="checkbox" checked={alsoState()} onChange={(e) => setAlsoState(e.currentTarget.checked)} />
            <label for="c-answer-also-state">{format(ct().answer.alsoState, { state: stateName(s()) })}</label>
          </div>
        )}
      </Show>
    </ActionForm>
  );
}
