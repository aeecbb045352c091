import { For, Match, onMount, Show, Switch, type JSX } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { answersInFormOrder, streetLabel, type AnswerValue, type Question } from '@groundswell/core/rules';
import { reportHref } from '../router.ts';
import { ProblemError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { categoryName, channelName, ct, format, formatDate, formatDay, localName, priorityName, problemText, teamName } from './i18n/index.ts';
import { StaffTimeline } from './Timeline.tsx';
import { HandoffSent } from './HandoffSent.tsx';
import { focusSoon, StateBadge } from './ui.tsx';
import type { StaffReport, StaffReportDetail, Team } from './types.ts';
import type { ActionProps } from './actions/context.ts';
import { AnswerForm } from './actions/AnswerForm.tsx';
import { AssignForm, CategoryForm, ExpectedForm, NoteForm, PriorityForm, StateForm } from './actions/forms.tsx';
import { MergeForm } from './actions/MergeForm.tsx';
import { ModerateForm } from './actions/ModerateForm.tsx';
import { MoveForm } from './actions/MoveForm.tsx';
import { createDetail, KEYS, type ActionName, type DetailControls, type DetailState } from './detail-state.ts';

export { ACTIONS, type ActionName, type DetailControls } from './detail-state.ts';

export interface DetailProps {
  ctx: ConsoleContext;
  id: string;
  fresh: boolean;
  officers: readonly { id: string; name: string }[];
  listed: readonly StaffReport[];
  map: MapLibreMap | undefined;
  setEditing: (on: boolean) => void;
  onChanged: () => void;
  onClose: () => void;
  onSelect: (id: string) => void;
  controls: (c: DetailControls) => void;
  onLoaded?: (report: StaffReportDetail) => void;
}

function answerText(q: Question | undefined, v: AnswerValue): string {
  if (typeof v === 'boolean') return v ? ct().detail.yes : ct().detail.no;
  const choices = q && 'choices' in q ? q.choices : [];
  const one = (x: string) => {
    const c = choices.find((c) => c.value === x);
    return c ? localName(c.label) : x;
  };
  if (Array.isArray(v)) return v.map(one).join(', ');
  if (typeof v === 'number') return q?.type === 'number' && q.unit ? `${v} ${q.unit}` : String(v);
  return one(v);
}

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div class="c-fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function ActionButton(props: { d: DetailState; name: ActionName; label: string }) {
  const key = () => KEYS[props.name];
  return (
    <button
      type="button"
      class="c-btn c-btn-small"
      aria-expanded={props.d.action() === props.name}
      aria-controls={`c-${props.name}`}
      aria-keyshortcuts={key()}
      title={key() ? format(ct().actions.shortcut, { key: key()! }) : undefined}
      onClick={() => (props.d.action() === props.name ? props.d.closeForm() : props.d.open(props.name))}
    >
      {props.label}
      <Show when={key()}>
        <kbd class="c-kbd" aria-hidden="true">
          {key()}
        </kbd>
      </Show>
    </button>
  );
}

function Toolbar(props: { d: DetailState }) {
  const a = () => ct().actions;
  return (
    <div class="c-toolbar" role="group" aria-label={a().toolbar}>
      <button
        type="button"
        class="c-btn c-btn-small c-btn-primary"
        disabled={props.d.busy()}
        aria-keyshortcuts="a"
        title={format(a().shortcut, { key: 'a' })}
        onClick={() => void props.d.assignToMe()}
      >
        {a().assignMe}
        <kbd class="c-kbd" aria-hidden="true">
          a
        </kbd>
      </button>
      <ActionButton d={props.d} name="answer" label={a().answer} />
      <ActionButton d={props.d} name="note" label={a().note} />
      <ActionButton d={props.d} name="expected" label={a().expected} />
      <ActionButton d={props.d} name="state" label={a().state} />
      <ActionButton d={props.d} name="assign" label={a().assign} />
      <ActionButton d={props.d} name="priority" label={a().priority} />
      <ActionButton d={props.d} name="merge" label={a().merge} />
      <ActionButton d={props.d} name="moderate" label={a().moderate} />
      <ActionButton d={props.d} name="move" label={a().move} />
      <ActionButton d={props.d} name="category" label={a().category} />
    </div>
  );
}

/** The open action's form: one at a time. */
function ActionPanel(props: { d: DetailState; p: ActionProps }) {
  const is = (name: ActionName) => props.d.action() === name;
  return (
    <Switch>
      <Match when={is('answer')}>
        <AnswerForm {...props.p} />
      </Match>
      <Match when={is('note')}>
        <NoteForm {...props.p} />
      </Match>
      <Match when={is('expected')}>
        <ExpectedForm {...props.p} />
      </Match>
      <Match when={is('state')}>
        <StateForm {...props.p} />
      </Match>
      <Match when={is('assign')}>
        <AssignForm {...props.p} />
      </Match>
      <Match when={is('priority')}>
        <PriorityForm {...props.p} />
      </Match>
      <Match when={is('merge')}>
        <MergeForm {...props.p} />
      </Match>
      <Match when={is('moderate')}>
        <ModerateForm {...props.p} />
      </Match>
      <Match when={is('move')}>
        <MoveForm {...props.p} />
      </Match>
      <Match when={is('category')}>
        <CategoryForm {...props.p} />
      </Match>
    </Switch>
  );
}

function TimeFact(props: { label: string; at: string }) {
  return (
    <Fact label={props.label}>
      <time datetime={props.at}>{formatDate(props.at, true)}</time>
    </Fact>
  );
}

function Facts(props: { r: StaffReportDetail; teams: readonly Team[]; onSelect: (id: string) => void }) {
  const r = () => props.r;
  const m = () => ct().detail;
  return (
    <dl class="c-facts">
      <Fact label={m().state}>
        <StateBadge state={r().state} />
      </Fact>
      <Fact label={m().priority}>{priorityName(r().priority)}</Fact>
      <Fact label={m().team}>{teamName(props.teams, r().team, r().teamName) ?? ct().list.noTeam}</Fact>
      <Fact label={m().assignee}>{r().assigneeName ?? ct().list.unassigned}</Fact>
      <Fact label={m().area}>{r().area ?? '—'}</Fact>
      <Show when={streetLabel({ name: r().streetName ?? null, usrn: r().streetUsrn ?? null })}>{(s) => <Fact label={m().street}>{s()}</Fact>}</Show>
      <Show when={r().asset}>
        {(a) => (
          <Fact label={m().asset}>
            {[a().id, a().name].filter(Boolean).join(' · ')} ({a().layer}){a().verified ? '' : ` — ${m().assetUnchecked}`}
          </Fact>
        )}
      </Show>
      <Fact label={m().channel}>
        {channelName(r().channel)}
        <Show when={r().channelSource}>
          {(s) => (
            <>
              {' '}
              ({m().source}: {s()})
            </>
          )}
        </Show>
      </Fact>
      <HandoffSent sends={r().handoffs} />
      <Fact label={m().shape}>{(ct().kinds as Record<string, string>)[r().geometry.type] ?? r().geometry.type}</Fact>
      <TimeFact label={m().reported} at={r().createdAt} />
      <TimeFact label={m().updated} at={r().updatedAt} />
      <Show when={r().acknowledgedAt}>{(at) => <TimeFact label={m().acknowledged} at={at()} />}</Show>
      <Show when={r().resolvedAt}>{(at) => <TimeFact label={m().resolved} at={at()} />}</Show>
      <Fact label={m().expected}>{r().expectedAt ? formatDay(r().expectedAt!.slice(0, 10)) : m().noExpected}</Fact>
      <Fact label={m().supporters}>{r().supportCount}</Fact>
      <Show when={r().mergedInto}>
        {(into) => (
          <Fact label={m().mergedInto}>
            <button type="button" class="c-btn-link c-btn-inline" onClick={() => props.onSelect(into())}>
              {format(m().selectThis, { id: into() })}
            </button>
          </Fact>
        )}
      </Show>
    </dl>
  );
}

function Contact(props: { r: StaffReportDetail }) {
  const r = () => props.r;
  return (
    <>
      <h3 class="c-section-title">{ct().detail.contact}</h3>
      <Show when={r().contact && (r().contact!.name || r().contact!.email || r().contact!.phone)} fallback={<p class="c-muted">{ct().detail.noContact}</p>}>
        <dl class="c-facts">
          <Show when={r().contact!.name}>
            <Fact label={ct().detail.name}>{r().contact!.name}</Fact>
          </Show>
          <Show when={r().contact!.email}>
            {(email) => (
              <Fact label={ct().detail.email}>
                <a href={`mailto:${email()}`}>{email()}</a>
              </Fact>
            )}
          </Show>
          <Show when={r().contact!.phone}>
            {(phone) => (
              <Fact label={ct().detail.phone}>
                <a href={`tel:${phone().replace(/[^+0-9]/g, '')}`}>{phone()}</a>
              </Fact>
            )}
          </Show>
        </dl>
      </Show>
      <p class="c-muted">{r().showName && r().publicName ? `${ct().detail.publicName}: ${r().publicName}` : ct().detail.nameNotShown}</p>
    </>
  );
}

function Photos(props: { r: StaffReportDetail }) {
  const r = () => props.r;
  return (
    <>
      <h3 class="c-section-title">{ct().detail.photos}</h3>
      <Show when={r().photos.length > 0} fallback={<p class="c-muted">{ct().detail.noPhotos}</p>}>
        <ul class="c-photos">
          <For each={r().photos}>
            {(p, i) => (
              <li class="c-photo" classList={{ 'c-photo-hidden': p.hidden }}>
                <Show
                  when={!p.hidden}
                  fallback={
                    <span class="c-photo-placeholder">
                      {format(ct().detail.photoAlt, { n: i() + 1, id: r().id })}: {ct().detail.photoHidden}
                    </span>
                  }
                >
                  <a href={`/api/photos/${encodeURIComponent(p.id)}/display`} target="_blank" rel="noopener" aria-label={format(ct().detail.photoOpen, { n: i() + 1 })}>
                    <img src={`/api/photos/${encodeURIComponent(p.id)}/thumbnail`} alt={format(ct().detail.photoAlt, { n: i() + 1, id: r().id })} loading="lazy" width="96" height="96" />
                  </a>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}

function Outcome(props: { d: DetailState }) {
  return (
    <>
      <div class="c-detail-status" role="status">
        <Show when={props.d.status()}>
          <p class="c-alert c-alert-ok">{props.d.status()}</p>
        </Show>
      </div>
      <Show when={props.d.problem()}>
        <p class="c-alert c-alert-error" role="alert">
          {props.d.problem()}
        </p>
      </Show>
    </>
  );
}

function DetailBody(props: { d: DetailState; r: StaffReportDetail; detail: DetailProps }) {
  const d = props.d;
  const r = () => props.r;
  const actionProps = (): ActionProps => ({
    ctx: props.detail.ctx,
    report: r(),
    officers: props.detail.officers,
    listed: props.detail.listed,
    map: props.detail.map,
    setEditing: props.detail.setEditing,
    done: (m) => void d.done(m),
    cancel: () => d.closeForm(),
  });
  return (
    <div class="c-detail-body">
      <p class="c-detail-badges">
        <StateBadge state={r().state} />
        <span class="c-priority" data-priority={r().priority}>
          {format(ct().priorityLabel, { priority: priorityName(r().priority) })}
        </span>
        <Show when={props.detail.fresh}>
          <span class="c-badge c-badge-new">{ct().detail.newBadge}</span>
        </Show>
      </p>
      <Toolbar d={d} />
      <Outcome d={d} />
      <ActionPanel d={d} p={actionProps()} />
      <h3 class="c-section-title">{ct().detail.description}</h3>
      <p class="c-description">{r().description || ct().detail.noDescription}</p>
      <h3 class="c-section-title">{ct().detail.facts}</h3>
      <Facts r={r()} teams={props.detail.ctx.teams} onSelect={props.detail.onSelect} />
      <Show when={Object.keys(r().answers ?? {}).length > 0}>
        <h3 class="c-section-title">{ct().detail.answers}</h3>
        <dl class="c-facts">
          <For each={answersInFormOrder(d.category()?.questions ?? [], r().answers)}>
            {([id, value]) => {
              const q = d.category()?.questions.find((x) => x.id === id);
              return <Fact label={q ? localName(q.label) : id}>{answerText(q, value)}</Fact>;
            }}
          </For>
        </dl>
      </Show>
      <Contact r={r()} />
      <Photos r={r()} />
      <h3 class="c-section-title">{ct().detail.timeline}</h3>
      <StaffTimeline events={r().timeline} categories={props.detail.ctx.categories} teams={props.detail.ctx.teams} />
      <p>
        <a href={reportHref(r().id)} target="_blank" rel="noopener">
          {ct().detail.publicPage}
        </a>
      </p>
    </div>
  );
}

/**
 * One report, everything about it: facts, description, answers, private contact details,
 * photos, the full timeline, and every action. One action form is open at a time.
 */
export function Detail(props: DetailProps) {
  let heading!: HTMLHeadingElement;
  const d = createDetail({
    id: () => props.id,
    meId: () => props.ctx.me.id,
    categories: () => props.ctx.categories,
    heading: () => heading,
    onChanged: () => props.onChanged(),
    onLoaded: (r) => props.onLoaded?.(r),
  });
  onMount(() => focusSoon(() => heading));
  props.controls(d.controls);
  const loaded = d.loaded;

  return (
    <section class="c-detail" aria-labelledby="c-detail-title">
      <div class="c-detail-head">
        <h2 id="c-detail-title" class="c-panel-title" ref={heading} tabindex="-1">
          {loaded() ? format(ct().detail.heading, { category: categoryName(props.ctx.categories, loaded()!.category, loaded()!.categoryName), id: loaded()!.id }) : props.id}
        </h2>
        <button type="button" class="c-btn c-btn-icon" aria-label={ct().detail.close} title={ct().detail.close} onClick={() => props.onClose()}>
          <svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
          </svg>
        </button>
      </div>
      <Switch>
        <Match when={d.report.error}>
          <p class="c-alert c-alert-error" role="alert">
            {d.report.error instanceof ProblemError && d.report.error.status === 404 ? ct().problems.notFound : `${ct().detail.failed} ${problemText(d.report.error)}`}
          </p>
        </Match>
        <Match when={!loaded()}>
          <p role="status">{ct().detail.loading}</p>
        </Match>
        <Match when={loaded()}>{(r) => <DetailBody d={d} r={r()} detail={props} />}</Match>
      </Switch>
    </section>
  );
}
