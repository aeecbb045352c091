import { createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { localized, MAX_DESCRIPTION } from '@groundswell/core/rules';
import type { Questionnaire, QuestionnaireAnswered } from '@groundswell/core/schemas';
import { fieldErrors, ProblemError } from '../api/http.ts';
import { format, locale, t } from '../i18n/index.ts';
import { reportHref } from '../router.ts';
import { describedBy, FieldError } from '../ui/Field.tsx';
import { Page } from '../ui/Page.tsx';
import { fetchQuestion, sendAnswer } from './api.ts';

type View = { name: 'loading' } | { name: 'failed'; text: string } | { name: 'asking'; question: Questionnaire } | { name: 'answered'; answer: QuestionnaireAnswered };

/** What a refused link means to the resident: used or run out (410), never sent (404), or no answer at all. */
function linkProblem(err: unknown): string {
  if (err instanceof ProblemError && err.status === 410) return t().fixedQuestion.spent;
  if (err instanceof ProblemError && err.status === 404) return t().fixedQuestion.unknown;
  return t().fixedQuestion.failed;
}

/**
 * `#/reports/:id/fixed?token=…`, the link in the "Is it fixed?" email: yes, or no with what is
 * still wrong (which opens the report again). Opening the page spends nothing; only the
 * answer does, so a mail scanner's visit is harmless.
 */
export default function FixedPage(props: { id: string; token: string; siteName: string }) {
  const [view, setView] = createSignal<View>({ name: 'loading' });
  onMount(async () => {
    try {
      setView({ name: 'asking', question: await fetchQuestion(props.token) });
    } catch (err) {
      setView({ name: 'failed', text: linkProblem(err) });
    }
  });
  return (
    <Page title={t().fixedQuestion.heading} siteName={props.siteName} backHref={reportHref(props.id)} backLabel={t().fixedQuestion.toReport}>
      <Switch>
        <Match when={view().name === 'loading'}>
          <p role="status">{t().app.loading}</p>
        </Match>
        <Match when={(() => (view().name === 'failed' ? (view() as { text: string }).text : undefined))()}>
          {(text) => (
            <>
              <p class="callout callout-offline" role="alert">
                {text()}
              </p>
              <p>
                <a href={reportHref(props.id)}>{t().fixedQuestion.toReport}</a>
              </p>
            </>
          )}
        </Match>
        <Match when={(() => (view().name === 'asking' ? (view() as { question: Questionnaire }).question : undefined))()}>
          {(q) => <AnswerForm question={q()} token={props.token} onAnswered={(answer) => setView({ name: 'answered', answer })} onSpent={(text) => setView({ name: 'failed', text })} />}
        </Match>
        <Match when={(() => (view().name === 'answered' ? (view() as { answer: QuestionnaireAnswered }).answer : undefined))()}>
          {(a) => (
            <>
              <p class="success" role="status">
                {a().fixed ? t().fixedQuestion.thanksFixed : a().reopened ? t().fixedQuestion.thanksReopened : t().fixedQuestion.thanksNotFixed}
              </p>
              <p>
                <a class="button button-primary" href={reportHref(a().report)}>
                  {t().fixedQuestion.seeReport}
                </a>
              </p>
            </>
          )}
        </Match>
      </Switch>
    </Page>
  );
}

function AnswerForm(props: { question: Questionnaire; token: string; onAnswered: (a: QuestionnaireAnswered) => void; onSpent: (text: string) => void }) {
  const [fixed, setFixed] = createSignal<boolean>();
  const [comment, setComment] = createSignal('');
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const q = () => props.question;

  async function submit(e: Event) {
    e.preventDefault();
    const answer = fixed();
    if (answer === undefined) return setErrors({ fixed: t().fixedQuestion.chooseOne });
    if (!answer && !comment().trim()) return setErrors({ comment: t().fixedQuestion.commentNeeded });
    setErrors({});
    setFailed(false);
    setBusy(true);
    try {
      props.onAnswered(await sendAnswer(props.token, { fixed: answer, ...(comment().trim() ? { comment: comment().trim() } : {}) }));
    } catch (err) {
      if (err instanceof ProblemError && (err.status === 410 || err.status === 404)) return props.onSpent(linkProblem(err));
      const fields = fieldErrors(err);
      if (Object.keys(fields).length) setErrors(fields);
      else setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" novalidate onSubmit={submit}>
      <p>{format(t().fixedQuestion.about, { id: q().report, category: localized(q().categoryName, locale()) })}</p>
      <p>{q().occasion === 'fixed' ? t().fixedQuestion.markedFixed : t().fixedQuestion.pastExpected}</p>
      <fieldset class="field choice-field" classList={{ 'field-invalid': !!errors().fixed }} aria-describedby={errors().fixed ? 'fixed-answer-error' : undefined}>
        <legend class="field-label">{t().fixedQuestion.question}</legend>
        <FieldError id="fixed-answer" message={errors().fixed} />
        <div class="choices">
          <label class="choice">
            <input type="radio" name="fixed-answer" checked={fixed() === true} onChange={() => setFixed(true)} />
            <span>{t().fixedQuestion.yes}</span>
          </label>
          <label class="choice">
            <input type="radio" name="fixed-answer" checked={fixed() === false} onChange={() => setFixed(false)} />
            <span>{t().fixedQuestion.no}</span>
          </label>
        </div>
      </fieldset>
      <div class="field" classList={{ 'field-invalid': !!errors().comment }}>
        <label class="field-label" for="fixed-comment">
          {fixed() === false ? t().fixedQuestion.whatIsWrong : t().fixedQuestion.anythingToAdd}
        </label>
        <p class="field-hint" id="fixed-comment-hint">
          {t().fixedQuestion.commentHint}
        </p>
        <FieldError id="fixed-comment" message={errors().comment} />
        <textarea
          id="fixed-comment"
          class="input textarea"
          maxLength={MAX_DESCRIPTION}
          value={comment()}
          aria-invalid={errors().comment ? 'true' : undefined}
          aria-required={fixed() === false ? 'true' : undefined}
          aria-describedby={describedBy('fixed-comment', true, errors().comment)}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      <Show when={failed()}>
        <p class="callout callout-offline" role="alert">
          {t().fixedQuestion.failed}
        </p>
      </Show>
      <button type="submit" class="button button-primary" disabled={busy()}>
        {busy() ? t().fixedQuestion.sending : t().fixedQuestion.send}
      </button>
    </form>
  );
}
