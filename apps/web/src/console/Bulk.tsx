import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { BULK_STATES, requiresPublicAnswer, type ReportState } from '@groundswell/core/rules';
import { staffApi } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { ct, format, stateName, teamLabel } from './i18n/index.ts';
import { createSubmit, Field } from './ui.tsx';
import { answerProblem, Composer } from './actions/Composer.tsx';
import type { BulkAction, BulkResult, StaffMe } from './types.ts';

type Kind = 'assign' | 'state' | 'answer';
const KEEP = '__keep';
const NOBODY = '__nobody';

/** The assignment a bulk change asks for, or `undefined` when it would change nothing. */
export function assignAction(team: string, officer: string): BulkAction | undefined {
  const a: { type: 'assign'; team?: string; assigneeId?: string | null } = { type: 'assign' };
  if (team) a.team = team;
  if (officer === NOBODY) a.assigneeId = null;
  else if (officer !== KEEP) a.assigneeId = officer;
  return a.team === undefined && a.assigneeId === undefined ? undefined : a;
}

/** The bulk form's state: which action, its fields, and each report's result after sending. */
export function createBulk(options: { ids: () => readonly string[]; onDone: () => void; send?: (ids: string[], action: BulkAction) => Promise<{ results: BulkResult[] }> }) {
  const send = options.send ?? staffApi.bulk;
  const [kind, setKind] = createSignal<Kind>('assign');
  const [team, setTeam] = createSignal('');
  const [officer, setOfficer] = createSignal(KEEP);
  const [state, setState] = createSignal<ReportState | ''>('');
  const [message, setMessage] = createSignal('');
  const [results, setResults] = createSignal<BulkResult[]>();
  const submit = createSubmit();
  const closing = () => !!state() && requiresPublicAnswer(state() as ReportState);

  /** The action the form describes, or why it cannot be sent (already shown). */
  function action(): BulkAction | undefined {
    if (kind() === 'assign') {
      const a = assignAction(team(), officer());
      if (!a) submit.fail(ct().assign.nothing);
      return a;
    }
    const problem = answerProblem(message(), kind() === 'answer' || closing());
    if (kind() === 'state') {
      const s = state();
      if (!s) return void submit.fail(ct().state.chooseRequired, 'state');
      if (problem) return void submit.fail(problem, 'message');
      return { type: 'state', state: s, ...(message().trim() ? { message: message().trim() } : {}) };
    }
    if (problem) return void submit.fail(problem, 'message');
    return { type: 'answer', message: message().trim() };
  }

  async function apply() {
    setResults(undefined);
    const a = action();
    if (!a) return;
    const res = await submit.run(() => send([...options.ids()], a));
    if (res) {
      setResults(res.results);
      options.onDone();
    }
  }
  const ok = () => results()?.filter((r) => r.ok).length ?? 0;
  const failed = () => results()?.filter((r) => !r.ok).length ?? 0;
  return { kind, setKind, team, setTeam, officer, setOfficer, state, setState, message, setMessage, results, setResults, submit, closing, apply, ok, failed };
}

type Bulk = ReturnType<typeof createBulk>;

function AssignFields(props: { b: Bulk; ctx: ConsoleContext; officers: readonly { id: string; name: string }[]; me: StaffMe }) {
  const b = props.b;
  return (
    <>
      <Field id="c-bulk-team" label={ct().assign.team}>
        <select id="c-bulk-team" class="c-select" value={b.team()} onChange={(e) => b.setTeam(e.currentTarget.value)}>
          <option value="">{ct().assign.keep}</option>
          <For each={props.ctx.teams}>{(t) => <option value={t.code}>{teamLabel(t)}</option>}</For>
        </select>
      </Field>
      <Field id="c-bulk-officer" label={ct().assign.officer}>
        <select id="c-bulk-officer" class="c-select" value={b.officer()} onChange={(e) => b.setOfficer(e.currentTarget.value)}>
          <option value={KEEP}>{ct().assign.keep}</option>
          <option value={NOBODY}>{ct().assign.nobody}</option>
          <option value={props.me.id}>{format(ct().assign.me, { name: props.me.name })}</option>
          <For each={props.officers.filter((o) => o.id !== props.me.id)}>{(o) => <option value={o.id}>{o.name}</option>}</For>
        </select>
      </Field>
    </>
  );
}

function BulkResults(props: { b: Bulk; onSelect: (id: string) => void }) {
  return (
    <div role="status" class="c-bulk-results">
      <Show when={props.b.results()}>
        {(list) => (
          <>
            <h3 class="c-section-title">{ct().bulk.results}</h3>
            <p>
              <strong>{format(ct().bulk.summary, { ok: props.b.ok(), failed: props.b.failed() })}</strong>
            </p>
            <ul class="c-results">
              <For each={list()}>
                {(r) => (
                  <li classList={{ 'c-result-ok': r.ok, 'c-result-failed': !r.ok }}>
                    <button type="button" class="c-btn-link c-btn-inline" onClick={() => props.onSelect(r.id)}>
                      {r.id}
                    </button>
                    : {r.ok ? ct().bulk.ok : format(ct().bulk.notDone, { problem: r.problem ?? '' })}
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </div>
  );
}

function BulkForm(props: { b: Bulk; ctx: ConsoleContext; count: number; officers: readonly { id: string; name: string }[] }) {
  const b = props.b;
  return (
    <form
      class="c-bulk-form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        void b.apply();
      }}
    >
      <Field id="c-bulk-kind" label={ct().bulk.action}>
        <select id="c-bulk-kind" class="c-select" value={b.kind()} onChange={(e) => (b.submit.clear(), b.setKind(e.currentTarget.value as Kind))}>
          <option value="assign">{ct().bulk.assign}</option>
          <option value="state">{ct().bulk.state}</option>
          <option value="answer">{ct().bulk.answer}</option>
        </select>
      </Field>
      <Switch>
        <Match when={b.kind() === 'assign'}>
          <AssignFields b={b} ctx={props.ctx} officers={props.officers} me={props.ctx.me} />
        </Match>
        <Match when={b.kind() === 'state'}>
          <Field id="c-bulk-state" label={ct().state.label} error={b.submit.fields().state}>
            <select id="c-bulk-state" class="c-select" value={b.state()} onChange={(e) => b.setState(e.currentTarget.value as ReportState)}>
              <option value="">{ct().state.choose}</option>
              <For each={BULK_STATES}>{(s) => <option value={s}>{stateName(s)}</option>}</For>
            </select>
          </Field>
        </Match>
      </Switch>
      <Show when={b.kind() === 'answer' || (b.kind() === 'state' && b.state())}>
        <div class="c-bulk-composer">
          <Composer
            id="c-bulk"
            category={undefined}
            state={b.kind() === 'state' ? (b.state() as ReportState) : undefined}
            expectedDate=""
            value={b.message()}
            onInput={b.setMessage}
            label={b.kind() === 'state' && !b.closing() ? ct().state.optional : ct().composer.message}
            error={b.submit.fields().message}
            required={b.kind() === 'answer' || b.closing()}
          />
        </div>
      </Show>
      <p class="c-hint">{ct().bulk.hint}</p>
      <Show when={b.submit.error()}>
        <p class="c-alert c-alert-error" role="alert">
          {b.submit.error()}
        </p>
      </Show>
      <button type="submit" class="c-btn c-btn-primary" disabled={b.submit.busy()}>
        {b.submit.busy() ? ct().actions.sending : format(ct().bulk.apply, { count: props.count })}
      </button>
    </form>
  );
}

/**
 * One action for every checked report: assign, change state, or the same public answer.
 * Each report succeeds or fails on its own; the results say which.
 */
export function BulkBar(props: {
  ctx: ConsoleContext;
  ids: readonly string[];
  officers: readonly { id: string; name: string }[];
  onClear: () => void;
  onDone: () => void;
  onSelect: (id: string) => void;
}) {
  const b = createBulk({ ids: () => props.ids, onDone: () => props.onDone() });
  return (
    <section class="c-bulk" aria-labelledby="c-bulk-title">
      <div class="c-bulk-head">
        <h2 id="c-bulk-title" class="c-panel-title">
          {ct().bulk.heading}
        </h2>
        <span>{format(ct().bulk.selected, { count: props.ids.length })}</span>
        <button type="button" class="c-btn c-btn-small c-btn-link" onClick={() => (b.setResults(undefined), props.onClear())}>
          {ct().bulk.clear}
        </button>
      </div>
      <BulkForm b={b} ctx={props.ctx} count={props.ids.length} officers={props.officers} />
      <BulkResults b={b} onSelect={props.onSelect} />
    </section>
  );
}
