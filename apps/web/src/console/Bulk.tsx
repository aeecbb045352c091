import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { REPORT_STATES, requiresPublicAnswer, type ReportState } from '@groundswell/core';
import { staffApi } from './api.ts';
import type { ConsoleContext } from './Console.tsx';
import { ct, format, stateName } from './i18n/index.ts';
import { createSubmit, Field } from './ui.tsx';
import { answerProblem, Composer } from './actions/Composer.tsx';
import type { BulkAction, BulkResult } from './types.ts';

type Kind = 'assign' | 'state' | 'answer';
const KEEP = '__keep';
const NOBODY = '__nobody';

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
  const [kind, setKind] = createSignal<Kind>('assign');
  const [team, setTeam] = createSignal('');
  const [officer, setOfficer] = createSignal(KEEP);
  const [state, setState] = createSignal<ReportState | ''>('');
  const [message, setMessage] = createSignal('');
  const [results, setResults] = createSignal<BulkResult[]>();
  const submit = createSubmit();

  const closing = () => !!state() && requiresPublicAnswer(state() as ReportState);

  async function apply() {
    setResults(undefined);
    let action: BulkAction;
    if (kind() === 'assign') {
      const a: { type: 'assign'; team?: string; assigneeId?: string | null } = { type: 'assign' };
      if (team()) a.team = team();
      if (officer() === NOBODY) a.assigneeId = null;
      else if (officer() !== KEEP) a.assigneeId = officer();
      if (a.team === undefined && a.assigneeId === undefined) return submit.fail(ct().assign.nothing);
      action = a;
    } else if (kind() === 'state') {
      const s = state();
      if (!s) return submit.fail(ct().state.chooseRequired, 'state');
      const problem = answerProblem(message(), closing());
      if (problem) return submit.fail(problem, 'message');
      action = { type: 'state', state: s, ...(message().trim() ? { message: message().trim() } : {}) };
    } else {
      const problem = answerProblem(message(), true);
      if (problem) return submit.fail(problem, 'message');
      action = { type: 'answer', message: message().trim() };
    }
    const res = await submit.run(() => staffApi.bulk([...props.ids], action));
    if (res) {
      setResults(res.results);
      props.onDone();
    }
  }

  const ok = () => results()?.filter((r) => r.ok).length ?? 0;
  const failed = () => results()?.filter((r) => !r.ok).length ?? 0;

  return (
    <section class="c-bulk" aria-labelledby="c-bulk-title">
      <div class="c-bulk-head">
        <h2 id="c-bulk-title" class="c-panel-title">
          {ct().bulk.heading}
        </h2>
        <span>{format(ct().bulk.selected, { count: props.ids.length })}</span>
        <button type="button" class="c-btn c-btn-small c-btn-link" onClick={() => (setResults(undefined), props.onClear())}>
          {ct().bulk.clear}
        </button>
      </div>
      <form
        class="c-bulk-form"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <Field id="c-bulk-kind" label={ct().bulk.action}>
          <select id="c-bulk-kind" class="c-select" value={kind()} onChange={(e) => (submit.clear(), setKind(e.currentTarget.value as Kind))}>
            <option value="assign">{ct().bulk.assign}</option>
            <option value="state">{ct().bulk.state}</option>
            <option value="answer">{ct().bulk.answer}</option>
          </select>
        </Field>
        <Switch>
          <Match when={kind() === 'assign'}>
            <Field id="c-bulk-team" label={ct().assign.team}>
              <select id="c-bulk-team" class="c-select" value={team()} onChange={(e) => setTeam(e.currentTarget.value)}>
                <option value="">{ct().assign.keep}</option>
                <For each={props.ctx.teams}>{(t) => <option value={t.code}>{t.name}</option>}</For>
              </select>
            </Field>
            <Field id="c-bulk-officer" label={ct().assign.officer}>
              <select id="c-bulk-officer" class="c-select" value={officer()} onChange={(e) => setOfficer(e.currentTarget.value)}>
                <option value={KEEP}>{ct().assign.keep}</option>
                <option value={NOBODY}>{ct().assign.nobody}</option>
                <option value={props.ctx.me.id}>{format(ct().assign.me, { name: props.ctx.me.name })}</option>
                <For each={props.officers.filter((o) => o.id !== props.ctx.me.id)}>{(o) => <option value={o.id}>{o.name}</option>}</For>
              </select>
            </Field>
          </Match>
          <Match when={kind() === 'state'}>
            <Field id="c-bulk-state" label={ct().state.label} error={submit.fields().state}>
              <select id="c-bulk-state" class="c-select" value={state()} onChange={(e) => setState(e.currentTarget.value as ReportState)}>
                <option value="">{ct().state.choose}</option>
                <For each={REPORT_STATES.filter((s) => s !== 'hidden' && s !== 'new' && s !== 'duplicate')}>{(s) => <option value={s}>{stateName(s)}</option>}</For>
              </select>
            </Field>
          </Match>
        </Switch>
        <Show when={kind() === 'answer' || (kind() === 'state' && state())}>
          <div class="c-bulk-composer">
            <Composer
              id="c-bulk"
              category={undefined}
              state={kind() === 'state' ? (state() as ReportState) : undefined}
              expectedDate=""
              value={message()}
              onInput={setMessage}
              label={kind() === 'state' && !closing() ? ct().state.optional : ct().composer.message}
              error={submit.fields().message}
              required={kind() === 'answer' || closing()}
            />
          </div>
        </Show>
        <p class="c-hint">{ct().bulk.hint}</p>
        <Show when={submit.error()}>
          <p class="c-alert c-alert-error" role="alert">
            {submit.error()}
          </p>
        </Show>
        <button type="submit" class="c-btn c-btn-primary" disabled={submit.busy()}>
          {submit.busy() ? ct().actions.sending : format(ct().bulk.apply, { count: props.ids.length })}
        </button>
      </form>
      <div role="status" class="c-bulk-results">
        <Show when={results()}>
          {(list) => (
            <>
              <h3 class="c-section-title">{ct().bulk.results}</h3>
              <p>
                <strong>{format(ct().bulk.summary, { ok: ok(), failed: failed() })}</strong>
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
    </section>
  );
}
