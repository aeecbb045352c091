import { createEffect, createResource, createSignal, For, Match, onMount, Show, Switch, type JSX } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Category, Question } from '@groundswell/core';
import { reportHref } from '../router.ts';
import { HttpError, staffApi } from './api.ts';
import type { ConsoleContext } from './Console.tsx';
import { categoryName, channelName, ct, format, formatDate, formatDay, localName, priorityName, problemText } from './i18n/index.ts';
import { StaffTimeline } from './Timeline.tsx';
import { focusSoon, StateBadge } from './ui.tsx';
import type { StaffReport, StaffReportDetail } from './types.ts';
import type { ActionProps } from './actions/context.ts';
import { AnswerForm } from './actions/AnswerForm.tsx';
import { AssignForm, CategoryForm, ExpectedForm, NoteForm, PriorityForm, StateForm } from './actions/forms.tsx';
import { MergeForm } from './actions/MergeForm.tsx';
import { ModerateForm } from './actions/ModerateForm.tsx';
import { MoveForm } from './actions/MoveForm.tsx';

export const ACTIONS = ['answer', 'note', 'expected', 'state', 'assign', 'priority', 'merge', 'moderate', 'move', 'category'] as const;
export type ActionName = (typeof ACTIONS)[number];
/** The keys that open an action (the rest are buttons only). */
const KEYS: Partial<Record<ActionName, string>> = { answer: 'r', note: 'n', expected: 'e', state: 's' };

/** What the triage screen's keyboard shortcuts can ask of the open report. */
export interface DetailControls {
  open: (action: ActionName) => void;
  assignToMe: () => void;
  close: () => boolean;
}

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

type AnswerValue = string | number | boolean | string[];
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

/**
 * One report, everything about it: facts, description, answers, private contact details,
 * photos, the full timeline, and every action. One action form is open at a time.
 */
export function Detail(props: DetailProps) {
  const [report, { refetch }] = createResource(() => props.id, (id) => staffApi.report(id));
  const [action, setAction] = createSignal<ActionName>();
  const [status, setStatus] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let heading!: HTMLHeadingElement;
  /** The button that opened the form: focus goes back to it when the form closes. */
  let opener: HTMLElement | null = null;

  const loaded = (): StaffReportDetail | undefined => (report.error ? undefined : report.latest);
  const category = (): Category | undefined => props.ctx.categories.find((c) => c.code === loaded()?.category);

  onMount(() => focusSoon(() => heading));
  createEffect(() => {
    const r = loaded();
    if (r) props.onLoaded?.(r);
  });

  function open(name: ActionName) {
    if (!loaded()) return;
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setStatus(undefined);
    setProblem(undefined);
    if (action() === name) {
      // Pressed again: back to the open form.
      document.querySelector<HTMLElement>(`#c-${name} input, #c-${name} select, #c-${name} textarea`)?.focus();
      return;
    }
    setAction(name);
  }
  function closeForm(returnFocus = true) {
    setAction(undefined);
    if (returnFocus) focusSoon(() => (opener && document.contains(opener) ? opener : heading));
  }
  async function done(message: string) {
    setAction(undefined);
    setStatus(message);
    await refetch();
    props.onChanged();
    focusSoon(() => (opener && document.contains(opener) ? opener : heading));
  }
  async function assignToMe() {
    const r = loaded();
    if (!r || busy()) return;
    setBusy(true);
    setProblem(undefined);
    setStatus(undefined);
    try {
      await staffApi.act(r.id, 'assign', { assigneeId: props.ctx.me.id });
      await done(ct().actions.done.assignedToMe);
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setBusy(false);
    }
  }

  props.controls({
    open,
    assignToMe: () => void assignToMe(),
    close: () => {
      if (action()) {
        closeForm();
        return true;
      }
      return false;
    },
  });

  const actionProps = (r: StaffReportDetail): ActionProps => ({
    ctx: props.ctx,
    report: r,
    officers: props.officers,
    listed: props.listed,
    map: props.map,
    setEditing: props.setEditing,
    done: (m) => void done(m),
    cancel: () => closeForm(),
  });

  const ActionButton = (p: { name: ActionName; label: string }) => (
    <button
      type="button"
      class="c-btn c-btn-small"
      aria-expanded={action() === p.name}
      aria-controls={`c-${p.name}`}
      aria-keyshortcuts={KEYS[p.name]}
      title={KEYS[p.name] ? format(ct().actions.shortcut, { key: KEYS[p.name]! }) : undefined}
      onClick={() => (action() === p.name ? closeForm() : open(p.name))}
    >
      {p.label}
      <Show when={KEYS[p.name]}>
        <kbd class="c-kbd" aria-hidden="true">
          {KEYS[p.name]}
        </kbd>
      </Show>
    </button>
  );

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
        <Match when={report.error}>
          <p class="c-alert c-alert-error" role="alert">
            {report.error instanceof HttpError && report.error.status === 404 ? ct().problems.notFound : `${ct().detail.failed} ${problemText(report.error)}`}
          </p>
        </Match>
        <Match when={!loaded()}>
          <p role="status">{ct().detail.loading}</p>
        </Match>
        <Match when={loaded()}>
          {(r) => (
            <div class="c-detail-body">
              <p class="c-detail-badges">
                <StateBadge state={r().state} />
                <span class="c-priority" data-priority={r().priority}>
                  {format(ct().priorityLabel, { priority: priorityName(r().priority) })}
                </span>
                <Show when={props.fresh}>
                  <span class="c-badge c-badge-new">{ct().detail.newBadge}</span>
                </Show>
              </p>

              <div class="c-toolbar" role="group" aria-label={ct().actions.toolbar}>
                <button type="button" class="c-btn c-btn-small c-btn-primary" disabled={busy()} aria-keyshortcuts="a" title={format(ct().actions.shortcut, { key: 'a' })} onClick={() => void assignToMe()}>
                  {ct().actions.assignMe}
                  <kbd class="c-kbd" aria-hidden="true">
                    a
                  </kbd>
                </button>
                <ActionButton name="answer" label={ct().actions.answer} />
                <ActionButton name="note" label={ct().actions.note} />
                <ActionButton name="expected" label={ct().actions.expected} />
                <ActionButton name="state" label={ct().actions.state} />
                <ActionButton name="assign" label={ct().actions.assign} />
                <ActionButton name="priority" label={ct().actions.priority} />
                <ActionButton name="merge" label={ct().actions.merge} />
                <ActionButton name="moderate" label={ct().actions.moderate} />
                <ActionButton name="move" label={ct().actions.move} />
                <ActionButton name="category" label={ct().actions.category} />
              </div>

              <div class="c-detail-status" role="status">
                <Show when={status()}>
                  <p class="c-alert c-alert-ok">{status()}</p>
                </Show>
              </div>
              <Show when={problem()}>
                <p class="c-alert c-alert-error" role="alert">
                  {problem()}
                </p>
              </Show>

              <Switch>
                <Match when={action() === 'answer'}>
                  <AnswerForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'note'}>
                  <NoteForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'expected'}>
                  <ExpectedForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'state'}>
                  <StateForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'assign'}>
                  <AssignForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'priority'}>
                  <PriorityForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'merge'}>
                  <MergeForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'moderate'}>
                  <ModerateForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'move'}>
                  <MoveForm {...actionProps(r())} />
                </Match>
                <Match when={action() === 'category'}>
                  <CategoryForm {...actionProps(r())} />
                </Match>
              </Switch>

              <h3 class="c-section-title">{ct().detail.description}</h3>
              <p class="c-description">{r().description || ct().detail.noDescription}</p>

              <h3 class="c-section-title">{ct().detail.facts}</h3>
              <dl class="c-facts">
                <Fact label={ct().detail.state}>
                  <StateBadge state={r().state} />
                </Fact>
                <Fact label={ct().detail.priority}>{priorityName(r().priority)}</Fact>
                <Fact label={ct().detail.team}>{r().teamName ?? ct().list.noTeam}</Fact>
                <Fact label={ct().detail.assignee}>{r().assigneeName ?? ct().list.unassigned}</Fact>
                <Fact label={ct().detail.area}>{r().area ?? '—'}</Fact>
                <Fact label={ct().detail.channel}>
                  {channelName(r().channel)}
                  <Show when={r().channelSource}>
                    {(s) => (
                      <>
                        {' '}
                        ({ct().detail.source}: {s()})
                      </>
                    )}
                  </Show>
                </Fact>
                <Fact label={ct().detail.shape}>{(ct().kinds as Record<string, string>)[r().geometry.type] ?? r().geometry.type}</Fact>
                <Fact label={ct().detail.reported}>
                  <time datetime={r().createdAt}>{formatDate(r().createdAt, true)}</time>
                </Fact>
                <Fact label={ct().detail.updated}>
                  <time datetime={r().updatedAt}>{formatDate(r().updatedAt, true)}</time>
                </Fact>
                <Show when={r().acknowledgedAt}>
                  {(at) => (
                    <Fact label={ct().detail.acknowledged}>
                      <time datetime={at()}>{formatDate(at(), true)}</time>
                    </Fact>
                  )}
                </Show>
                <Show when={r().resolvedAt}>
                  {(at) => (
                    <Fact label={ct().detail.resolved}>
                      <time datetime={at()}>{formatDate(at(), true)}</time>
                    </Fact>
                  )}
                </Show>
                <Fact label={ct().detail.expected}>{r().expectedAt ? formatDay(r().expectedAt!.slice(0, 10)) : ct().detail.noExpected}</Fact>
                <Fact label={ct().detail.supporters}>{r().supportCount}</Fact>
                <Show when={r().mergedInto}>
                  {(into) => (
                    <Fact label={ct().detail.mergedInto}>
                      <button type="button" class="c-btn-link c-btn-inline" onClick={() => props.onSelect(into())}>
                        {format(ct().detail.selectThis, { id: into() })}
                      </button>
                    </Fact>
                  )}
                </Show>
              </dl>

              <Show when={Object.keys(r().answers ?? {}).length > 0}>
                <h3 class="c-section-title">{ct().detail.answers}</h3>
                <dl class="c-facts">
                  <For each={Object.entries(r().answers)}>
                    {([id, value]) => {
                      const q = category()?.questions.find((x) => x.id === id);
                      return <Fact label={q ? localName(q.label) : id}>{answerText(q, value)}</Fact>;
                    }}
                  </For>
                </dl>
              </Show>

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

              <h3 class="c-section-title">{ct().detail.timeline}</h3>
              <StaffTimeline events={r().timeline} categories={props.ctx.categories} />

              <p>
                <a href={reportHref(r().id)} target="_blank" rel="noopener">
                  {ct().detail.publicPage}
                </a>
              </p>
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}
