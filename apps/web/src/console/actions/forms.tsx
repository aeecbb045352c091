import { createSignal, For, Show } from 'solid-js';
import { MAX_DESCRIPTION, requiresPublicAnswer, stateChoices, type ReportState } from '@groundswell/core/rules';
import { staffApi } from '../api.ts';
import { ct, format, localName, priorityName, stateName, teamLabel } from '../i18n/index.ts';
import { ActionForm, createSubmit, described, Field } from '../ui.tsx';
import { answerProblem, Composer } from './Composer.tsx';
import { dayFromToday, type ActionProps } from './context.ts';

/** An internal note: staff only, never public, never emailed. */
export function NoteForm(props: ActionProps) {
  const [note, setNote] = createSignal('');
  const submit = createSubmit();
  async function send() {
    if (!note().trim()) return submit.fail(ct().note.required, 'note');
    if (await submit.run(() => staffApi.act(props.report.id, 'notes', { note: note().trim() }))) props.done(ct().actions.done.noted);
  }
  return (
    <ActionForm id="c-note" title={ct().note.heading} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <Field id="c-note-text" label={ct().note.label} hint={ct().note.hint} error={submit.fields().note}>
        <textarea
          id="c-note-text"
          class="c-textarea"
          rows={4}
          maxLength={MAX_DESCRIPTION}
          required
          aria-invalid={!!submit.fields().note}
          aria-describedby={described('c-note-text', true, submit.fields().note)}
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </Field>
    </ActionForm>
  );
}

/** The date the public page promises; optionally with a message to the resident. */
export function ExpectedForm(props: ActionProps) {
  const category = () => props.ctx.categories.find((c) => c.code === props.report.category);
  const [date, setDate] = createSignal(props.report.expectedAt?.slice(0, 10) || dayFromToday(category()?.responseDays ?? 10));
  const [message, setMessage] = createSignal('');
  const submit = createSubmit();
  async function save(expectedAt: string | null) {
    if (expectedAt !== null && !expectedAt) return submit.fail(ct().expected.required, 'expectedAt');
    const body = { expectedAt, ...(message().trim() ? { message: message().trim() } : {}) };
    if (await submit.run(() => staffApi.act(props.report.id, 'expected-date', body))) props.done(ct().actions.done.expected);
  }
  return (
    <ActionForm
      id="c-expected"
      title={ct().expected.heading}
      busy={submit.busy()}
      error={submit.error()}
      onSubmit={() => void save(date())}
      onCancel={props.cancel}
      extraButtons={
        <Show when={props.report.expectedAt}>
          <button type="button" class="c-btn" disabled={submit.busy()} onClick={() => void save(null)}>
            {ct().expected.clear}
          </button>
        </Show>
      }
    >
      <Field id="c-expected-date" label={ct().expected.label} hint={ct().expected.hint} error={submit.fields().expectedAt}>
        <input
          id="c-expected-date"
          class="c-input c-input-date"
          type="date"
          required
          aria-describedby={described('c-expected-date', true, submit.fields().expectedAt)}
          value={date()}
          onInput={(e) => setDate(e.currentTarget.value)}
        />
      </Field>
      <Field id="c-expected-message" label={ct().expected.message} error={submit.fields().message}>
        <textarea id="c-expected-message" class="c-textarea" rows={3} maxLength={MAX_DESCRIPTION} value={message()} onInput={(e) => setMessage(e.currentTarget.value)} />
      </Field>
    </ActionForm>
  );
}

export function PriorityForm(props: ActionProps) {
  const [priority, setPriority] = createSignal(props.report.priority);
  const submit = createSubmit();
  async function send() {
    if (await submit.run(() => staffApi.act(props.report.id, 'priority', { priority: priority() }))) props.done(ct().actions.done.priority);
  }
  return (
    <ActionForm id="c-priority" title={ct().priority.heading} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <fieldset class="c-fieldset">
        <legend class="c-label">{ct().priority.label}</legend>
        <div class="c-radios c-radios-inline">
          <For each={[0, 1, 2, 3]}>
            {(p) => (
              <span class="c-radio">
                <input type="radio" id={`c-priority-${p}`} name="c-priority" checked={priority() === p} onChange={() => setPriority(p)} />
                <label for={`c-priority-${p}`}>{priorityName(p)}</label>
              </span>
            )}
          </For>
        </div>
      </fieldset>
    </ActionForm>
  );
}

const KEEP = '__keep';
const NOBODY = '__nobody';

/** Team and officer. Only the officer, or only the team, may change. */
export function AssignForm(props: ActionProps) {
  const [team, setTeam] = createSignal(props.report.team ?? '');
  const [officer, setOfficer] = createSignal(KEEP);
  const submit = createSubmit();
  const others = () => props.officers.filter((o) => o.id !== props.ctx.me.id);
  async function send() {
    const body: { team?: string; assigneeId?: string | null } = {};
    if (team() && team() !== (props.report.team ?? '')) body.team = team();
    if (officer() === NOBODY) body.assigneeId = null;
    else if (officer() !== KEEP) body.assigneeId = officer();
    if (body.team === undefined && body.assigneeId === undefined) return submit.fail(ct().assign.nothing);
    if (await submit.run(() => staffApi.act(props.report.id, 'assign', body))) props.done(ct().actions.done.assigned);
  }
  return (
    <ActionForm id="c-assign" title={ct().assign.heading} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <Field id="c-assign-team" label={ct().assign.team} error={submit.fields().team}>
        <select id="c-assign-team" class="c-select" value={team()} onChange={(e) => setTeam(e.currentTarget.value)}>
          <Show when={!props.report.team}>
            <option value="">{ct().list.noTeam}</option>
          </Show>
          <For each={props.ctx.teams}>{(t) => <option value={t.code}>{teamLabel(t)}</option>}</For>
        </select>
      </Field>
      <Field id="c-assign-officer" label={ct().assign.officer} hint={ct().assign.officersHint} error={submit.fields().assigneeId}>
        <select id="c-assign-officer" class="c-select" aria-describedby="c-assign-officer-hint" value={officer()} onChange={(e) => setOfficer(e.currentTarget.value)}>
          <option value={KEEP}>
            {ct().assign.keep}
            {props.report.assigneeName ? ` (${props.report.assigneeName})` : ''}
          </option>
          <option value={NOBODY}>{ct().assign.nobody}</option>
          <option value={props.ctx.me.id}>{format(ct().assign.me, { name: props.ctx.me.name })}</option>
          <For each={others()}>{(o) => <option value={o.id}>{o.name}</option>}</For>
        </select>
      </Field>
    </ActionForm>
  );
}

/** Only the moves core allows; a closing state needs the public answer. */
export function StateForm(props: ActionProps) {
  const moves = () => stateChoices(props.report.state);
  const [to, setTo] = createSignal<ReportState | ''>('');
  const [message, setMessage] = createSignal('');
  const submit = createSubmit();
  const closing = () => !!to() && requiresPublicAnswer(to() as ReportState);
  async function send() {
    const state = to();
    if (!state) return submit.fail(ct().state.chooseRequired, 'state');
    const problem = answerProblem(message(), closing());
    if (problem) return submit.fail(problem, 'message');
    const body = { state, ...(message().trim() ? { message: message().trim() } : {}) };
    if (await submit.run(() => staffApi.act(props.report.id, 'state', body))) props.done(format(ct().actions.done.state, { state: stateName(state) }));
  }
  return (
    <ActionForm id="c-state" title={ct().state.heading} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <p class="c-muted">{format(ct().state.current, { state: stateName(props.report.state) })}</p>
      <Show when={moves().length > 0} fallback={<p>{ct().state.noMoves}</p>}>
        <Field id="c-state-to" label={ct().state.label} hint={ct().state.hideHint} error={submit.fields().state}>
          <select id="c-state-to" class="c-select" aria-describedby="c-state-to-hint" value={to()} onChange={(e) => setTo(e.currentTarget.value as ReportState)}>
            <option value="">{ct().state.choose}</option>
            <For each={moves()}>{(s) => <option value={s}>{stateName(s)}</option>}</For>
          </select>
        </Field>
        <Show when={to()}>
          <Show when={closing()}>
            <p class="c-alert c-alert-info">{ct().state.closingHint}</p>
          </Show>
          <Composer
            id="c-state"
            category={props.report.category}
            state={to() as ReportState}
            residentLocale={props.report.locale}
            expectedDate={props.report.expectedAt?.slice(0, 10) ?? ''}
            value={message()}
            onInput={setMessage}
            label={closing() ? ct().composer.message : ct().state.optional}
            error={submit.fields().message}
            required={closing()}
          />
        </Show>
      </Show>
    </ActionForm>
  );
}

/** Another category; only those that can be drawn as the report's shape. */
export function CategoryForm(props: ActionProps) {
  const [code, setCode] = createSignal(props.report.category);
  const submit = createSubmit();
  const kind = () => props.report.geometry.type;
  async function send() {
    if (code() === props.report.category) return submit.fail(ct().category.same, 'category');
    if (await submit.run(() => staffApi.act(props.report.id, 'category', { category: code() }))) props.done(ct().actions.done.category);
  }
  return (
    <ActionForm id="c-category" title={ct().category.heading} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <Field id="c-category-code" label={ct().category.label} error={submit.fields().category}>
        <select id="c-category-code" class="c-select" value={code()} onChange={(e) => setCode(e.currentTarget.value)}>
          <For each={props.ctx.categories}>
            {(c) => {
              const allowed = (c.geometryTypes as readonly string[]).includes(kind());
              return (
                <option value={c.code} disabled={!allowed}>
                  {allowed ? localName(c.name) : format(ct().category.notAllowed, { name: localName(c.name) })}
                </option>
              );
            }}
          </For>
        </select>
      </Field>
    </ActionForm>
  );
}
