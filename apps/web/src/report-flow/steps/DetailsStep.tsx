import { For, Match, Show, Switch } from 'solid-js';
import type { Category, Question } from '@groundswell/core/rules';
import { isQuestionShown, type AnswerValue } from '@groundswell/core/rules';
import { format, formatNumber, locale, t } from '../../i18n/index.ts';
import { describedBy, FieldError, RequiredMark } from '../../ui/Field.tsx';
import { clearError, draft, setDraft } from '../draft.ts';
import { MAX_DESCRIPTION } from '../validate.ts';

const text = (v: { en: string; [k: string]: string } | undefined) => (v ? (v[locale()] ?? v.en) : '');

function setAnswer(id: string, value: AnswerValue | undefined) {
  setDraft('answers', (answers) => {
    const next = { ...answers };
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[id];
    else next[id] = value;
    return next;
  });
  clearError(`answers.${id}`);
}

/** Step 5: the description and the category's own questions (only those that apply). */
export function DetailsStep(props: { category: Category }) {
  const shown = () => props.category.questions.filter((q) => isQuestionShown(q, draft.answers));
  const left = () => MAX_DESCRIPTION - draft.description.length;
  return (
    <div class="step step-details">
      <div class="field" classList={{ 'field-invalid': !!draft.errors.description }}>
        <label class="field-label" for="details-description">
          {t().flow.details.description} <RequiredMark required />
        </label>
        <p class="field-hint" id="details-description-hint">
          {t().flow.details.descriptionHint}
        </p>
        <FieldError id="details-description" message={draft.errors.description} />
        <textarea
          id="details-description"
          class="input textarea"
          rows="4"
          value={draft.description}
          aria-required="true"
          aria-invalid={draft.errors.description ? 'true' : undefined}
          aria-describedby={`${describedBy('details-description', true, draft.errors.description)} details-description-count`}
          onInput={(e) => {
            setDraft('description', e.currentTarget.value);
            clearError('description');
          }}
        />
        <p class="field-hint field-count" id="details-description-count" aria-live={left() < 200 ? 'polite' : 'off'}>
          {format(t().flow.details.charactersLeft, { count: formatNumber(left()) })}
        </p>
      </div>

      <Show when={shown().length > 0}>
        <h2 class="step-subheading">{t().flow.details.questions}</h2>
        <For each={shown()}>{(q) => <QuestionField question={q} />}</For>
      </Show>
    </div>
  );
}

/** The bindings every control of one question shares: its id, value, error and description. */
function bind(question: () => Question) {
  const q = question;
  const id = () => `q-${q().id}`;
  const error = () => draft.errors[`answers.${q().id}`];
  const value = () => draft.answers[q().id];
  const help = () => text(q().help);
  const described = () => describedBy(id(), help(), error());
  return { q, id, error, value, help, described };
}

/** The options of a choice question: yes/no, one of several, or several. */
function ChoiceOptions(props: { question: Question }) {
  const { q, id, value } = bind(() => props.question);
  return (
    <Switch>
      <Match when={q().type === 'yes_no'}>
        <For each={[true, false]}>
          {(v, i) => (
            <label class="choice">
              <input type="radio" id={`${id()}-${i()}`} name={id()} checked={value() === v} onChange={() => setAnswer(q().id, v)} />
              <span>{v ? t().flow.details.yes : t().flow.details.no}</span>
            </label>
          )}
        </For>
      </Match>
      <Match when={q().type === 'single_choice' && 'choices' in q() ? (q() as Extract<Question, { type: 'single_choice' }>) : undefined}>
        {(sq) => (
          <For each={sq().choices}>
            {(c, i) => (
              <label class="choice">
                <input type="radio" id={`${id()}-${i()}`} name={id()} value={c.value} checked={value() === c.value} onChange={() => setAnswer(q().id, c.value)} />
                <span>{text(c.label)}</span>
              </label>
            )}
          </For>
        )}
      </Match>
      <Match when={q().type === 'multiple_choice' ? (q() as Extract<Question, { type: 'multiple_choice' }>) : undefined}>
        {(mq) => (
          <For each={mq().choices}>
            {(c, i) => {
              const checked = () => Array.isArray(value()) && (value() as string[]).includes(c.value);
              return (
                <label class="choice">
                  <input
                    type="checkbox"
                    id={`${id()}-${i()}`}
                    name={id()}
                    value={c.value}
                    checked={checked()}
                    onChange={(e) => {
                      const current = Array.isArray(value()) ? (value() as string[]) : [];
                      const next = e.currentTarget.checked ? [...current, c.value] : current.filter((v) => v !== c.value);
                      // Keep the form's order, whatever the order of ticking.
                      setAnswer(
                        q().id,
                        mq()
                          .choices.map((x) => x.value)
                          .filter((v) => next.includes(v)),
                      );
                    }}
                  />
                  <span>{text(c.label)}</span>
                </label>
              );
            }}
          </For>
        )}
      </Match>
    </Switch>
  );
}

/** The one input of a number, date or text question. */
function SingleInput(props: { question: Question }) {
  const { q, id, error, value, described } = bind(() => props.question);
  return (
    <Switch>
      <Match when={q().type === 'number' ? (q() as Extract<Question, { type: 'number' }>) : undefined}>
        {(nq) => (
          <div class="input-with-unit">
            <input
              id={id()}
              class="input input-number"
              type="text"
              inputmode="decimal"
              autocomplete="off"
              value={value() === undefined ? '' : String(value())}
              aria-invalid={error() ? 'true' : undefined}
              aria-required={nq().required ? 'true' : undefined}
              aria-describedby={described()}
              onInput={(e) => {
                const raw = e.currentTarget.value.trim().replace(',', '.');
                const n = Number(raw);
                setAnswer(q().id, raw === '' ? undefined : Number.isFinite(n) && /^-?\d*\.?\d+$/.test(raw) ? n : raw);
              }}
            />
            <Show when={nq().unit}>
              <span class="unit">{nq().unit}</span>
            </Show>
          </div>
        )}
      </Match>
      <Match when={q().type === 'date'}>
        <input
          id={id()}
          class="input input-date"
          type="date"
          value={typeof value() === 'string' ? (value() as string) : ''}
          aria-invalid={error() ? 'true' : undefined}
          aria-required={q().required ? 'true' : undefined}
          aria-describedby={described()}
          onInput={(e) => setAnswer(q().id, e.currentTarget.value || undefined)}
        />
      </Match>
      <Match when={q().type === 'text' ? (q() as Extract<Question, { type: 'text' }>) : undefined}>
        {(tq) => (
          <input
            id={id()}
            class="input"
            type="text"
            maxLength={tq().maxLength}
            value={typeof value() === 'string' ? (value() as string) : ''}
            aria-invalid={error() ? 'true' : undefined}
            aria-required={tq().required ? 'true' : undefined}
            aria-describedby={described()}
            onInput={(e) => setAnswer(q().id, e.currentTarget.value)}
          />
        )}
      </Match>
    </Switch>
  );
}

/** One question, by its type; choices are fieldsets with a legend, single inputs have a label. */
function QuestionField(props: { question: Question }) {
  const { q, id, error, help, described } = bind(() => props.question);
  const label = () => (
    <>
      {text(q().label)} <RequiredMark required={!!q().required} />
    </>
  );
  const helpAndError = () => (
    <>
      <Show when={help()}>
        <p class="field-hint" id={`${id()}-hint`}>
          {help()}
        </p>
      </Show>
      <FieldError id={id()} message={error()} />
    </>
  );

  return (
    <Switch>
      <Match when={q().type === 'yes_no' || q().type === 'single_choice' || q().type === 'multiple_choice'}>
        <fieldset class="field choice-field" id={id()} classList={{ 'field-invalid': !!error() }} aria-describedby={described()}>
          <legend class="field-label">{label()}</legend>
          {helpAndError()}
          <div class="choices" classList={{ 'choices-inline': q().type === 'yes_no' }}>
            <ChoiceOptions question={props.question} />
          </div>
        </fieldset>
      </Match>
      <Match when={true}>
        <div class="field" classList={{ 'field-invalid': !!error() }}>
          <label class="field-label" for={id()}>
            {label()}
          </label>
          {helpAndError()}
          <SingleInput question={props.question} />
        </div>
      </Match>
    </Switch>
  );
}
