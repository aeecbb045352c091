/**
 * `#/staff/listening`: the listening inbox (issue 13), a lazy chunk of the console. Mentions
 * newest first with their filters in one row, a map of their best guesses, and per mention:
 * create a report (the assisted-report form, prefilled), attach to a report, reply where it
 * was said, or dismiss with a reason. The filters and the selection live in the address.
 */
import { createMemo, createResource, createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import { MENTION_STATES } from '@groundswell/core/rules';
import { plural } from '../../i18n/catalogue.ts';
import Assisted from '../Assisted.tsx';
import { staffApi } from '../api.ts';
import type { ConsoleContext } from '../context.ts';
import { format, locale, problemText } from '../i18n/index.ts';
import { go, view } from '../route.ts';
import { focusSoon } from '../ui.tsx';
import { AttachForm, DismissForm } from './ActionForms.tsx';
import { listeningApi } from './api.ts';
import { lt } from './i18n/index.ts';
import { inboxHref, mentionQuery, prefillFrom } from './inbox-state.ts';
import { MentionCard, type MentionAction } from './MentionCard.tsx';
import { MentionMap } from './MentionMap.tsx';
import { ReplyComposer } from './ReplyComposer.tsx';
import type { Mention, MentionActionResult } from './types.ts';
import { WhatWeListenTo } from './WhatWeListenTo.tsx';
import './listening.css';

const PAGE = 50;

function params(): URLSearchParams {
  const v = view();
  return v.name === 'listening' ? v.params : new URLSearchParams();
}

function setParam(key: string, value: string | undefined) {
  const next = new URLSearchParams(params());
  if (value) next.set(key, value);
  else next.delete(key);
  if (key !== 'sel') next.delete('sel');
  go(inboxHref(next), true);
}

/** The filters, in one row: each a select that applies at once. */
function Filters(props: { sources: readonly { id: number; label: string }[]; rules: readonly { id: number; label: string }[]; areas: readonly { id: number; label: string }[] }) {
  const select = (key: 'source' | 'rule' | 'area' | 'state', label: string, options: readonly { id: number | string; label: string }[]) => (
    <div class="c-field l-filter">
      <label class="c-label" for={`l-filter-${key}`}>
        {label}
      </label>
      <select id={`l-filter-${key}`} class="c-select" value={params().get(key) ?? ''} onChange={(e) => setParam(key, e.currentTarget.value || undefined)}>
        <option value="">{lt().filters.any}</option>
        <For each={options}>{(o) => <option value={String(o.id)}>{o.label}</option>}</For>
      </select>
    </div>
  );
  return (
    <div class="l-filters" role="group" aria-label={lt().filters.label}>
      {select(
        'state',
        lt().filters.state,
        MENTION_STATES.map((s) => ({ id: s, label: lt().states[s] ?? s })),
      )}
      {select('source', lt().filters.source, props.sources)}
      {select('rule', lt().filters.rule, props.rules)}
      {select('area', lt().filters.area, props.areas)}
    </div>
  );
}

export default function Inbox(props: { ctx: ConsoleContext }) {
  const [limit, setLimit] = createSignal(PAGE);
  const query = createMemo(() => mentionQuery(params(), limit()).toString());
  const [list, { refetch }] = createResource(query, (q) => listeningApi.mentions(new URLSearchParams(q)));
  const selected = createMemo(() => {
    const s = Number(params().get('sel'));
    return Number.isInteger(s) && s > 0 ? s : undefined;
  });
  const [detail, { refetch: refetchDetail, mutate: setDetail }] = createResource(selected, (id) => listeningApi.mention(id).catch(() => undefined));
  // The action in hand, for one mention: opening another mention leaves it behind.
  const [work, setWork] = createSignal<{ id: number; action: MentionAction }>();
  const mode = () => (work()?.id === selected() ? work()?.action : undefined);
  const setMode = (action: MentionAction | undefined) => setWork(action && selected() ? { id: selected()!, action } : undefined);
  const [notice, setNotice] = createSignal<string>();

  // Every officer may read the sources and rules (read-only); if that fails, the filters offer what the loaded mentions name.
  const [overview] = createResource(() => listeningApi.overview().catch(() => undefined));
  const sources = () => overview()?.sources.map((s) => ({ id: s.id, label: `${s.name} (${lt().kinds[s.kind] ?? s.kind})` }));
  const rules = () => overview()?.rules.map((x) => ({ id: x.id, label: x.name }));
  const [areas] = createResource(
    () =>
      staffApi
        .areas()
        .then((r) => r.areas.map((a) => ({ id: a.id, label: a.name })))
        .catch(() => []),
    { initialValue: [] },
  );
  const sourceOptions = () => {
    const known = sources();
    if (known) return known;
    const seen = new Map<number, string>();
    for (const m of list()?.mentions ?? []) seen.set(m.source.id, `${m.source.name} (${lt().kinds[m.source.kind] ?? m.source.kind})`);
    return [...seen].map(([id, label]) => ({ id, label }));
  };
  const ruleOptions = () => rules() ?? [...new Set((list()?.mentions ?? []).flatMap((m) => m.matchedRuleIds))].map((id) => ({ id, label: format(lt().filters.ruleNumber, { id }) }));

  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());

  /** The selected mention as the list has it, or as its detail has it when the list does not hold it. */
  const current = (): Mention | undefined => list()?.mentions.find((m) => m.id === selected()) ?? detail()?.mention;

  /** A mention opened by its address (a nearby one) that the filtered list does not hold. */
  const outsideList = (): Mention | undefined => {
    const id = selected();
    const l = list();
    if (!id || !l || l.mentions.some((m) => m.id === id)) return undefined;
    return current();
  };

  function select(id: number) {
    setNotice(undefined);
    if (selected() !== id) setParam('sel', String(id));
  }

  function act(m: Mention, a: MentionAction) {
    setNotice(undefined);
    if (selected() !== m.id) setParam('sel', String(m.id));
    setWork({ id: m.id, action: a });
    focusSoon(() => document.querySelector<HTMLElement>(a === 'create' ? '#l-create h2' : `#l-${a}-form h3`));
  }

  /** After an action: say so, refresh, and go on to `next` (after a report is made: its reply, in the same channel). */
  function done(message: string, result?: MentionActionResult, next?: MentionAction) {
    setNotice(message);
    if (result && detail()) setDetail({ ...detail()!, mention: result.mention });
    setMode(next);
    void refetch();
    void refetchDetail();
    focusSoon(() => document.getElementById('l-notice'));
  }

  function workArea(m: Mention) {
    return (
      <>
        <Show when={notice()}>
          <div class="c-alert c-alert-ok" id="l-notice" role="status" tabindex="-1">
            <p>{notice()}</p>
          </div>
        </Show>
        <Switch>
          <Match when={mode() === 'create'}>
            <div id="l-create" class="l-work">
              <Assisted
                ctx={props.ctx}
                prefill={{
                  initial: prefillFrom(
                    m,
                    props.ctx.categories.map((c) => c.code),
                  ),
                  fromElsewhere: true,
                  heading: lt().create.heading,
                  intro: lt().create.intro,
                  create: async (body) => {
                    const result = await listeningApi.createReport(m.id, {
                      category: body.category,
                      geometry: body.geometry!,
                      description: body.description,
                      locale: (m.language ?? locale()) as 'en' | 'pl',
                      answers: body.answers,
                    });
                    setDetail(detail() ? { ...detail()!, mention: result.mention } : undefined);
                    return { id: result.report ?? '' };
                  },
                  onCreated: (id) => done(format(lt().create.created, { id }), undefined, m.canReply ? 'reply' : undefined),
                }}
              />
            </div>
          </Match>
          <Match when={mode() === 'attach'}>
            <AttachForm ctx={props.ctx} detail={detail()} mentionId={m.id} onDone={(r) => done(format(lt().attach.done, { id: r.report ?? '' }), r)} onCancel={() => setMode(undefined)} />
          </Match>
          <Match when={mode() === 'dismiss'}>
            <DismissForm mentionId={m.id} onDone={(r) => done(lt().dismiss.done, r)} onCancel={() => setMode(undefined)} />
          </Match>
          <Match when={mode() === 'reply'}>
            <Show when={detail() && !detail.loading} fallback={<p role="status">{lt().detail.loading}</p>}>
              <ReplyComposer
                mention={detail()!.mention}
                draft={detail()!.replyDraft}
                followUp={detail()!.mention.followUpDue}
                onSent={(r) => done(lt().reply.sent, r)}
                onCancel={() => setMode(undefined)}
              />
            </Show>
          </Match>
        </Switch>
      </>
    );
  }

  return (
    <div class="c-page l-inbox">
      <h1 ref={heading} tabindex="-1">
        {lt().heading}
      </h1>
      <p class="c-hint">{lt().intro}</p>
      <WhatWeListenTo ctx={props.ctx} overview={overview()} />
      <Filters sources={sourceOptions()} rules={ruleOptions()} areas={areas()} />
      <div class="l-layout">
        <div class="l-list-pane">
          <Switch>
            <Match when={list.error}>
              <p class="c-alert c-alert-error" role="alert">{`${lt().failed} ${problemText(list.error)}`}</p>
            </Match>
            <Match when={!list() && list.loading}>
              <p role="status">{lt().loading}</p>
            </Match>
            <Match when={list()}>
              {(l) => (
                <>
                  <p class="l-count" role="status">
                    {plural(lt().count, l().total, locale())}
                  </p>
                  <Show when={l().mentions.length > 0} fallback={<p class="c-empty">{lt().none}</p>}>
                    <ul class="l-list">
                      <For each={l().mentions}>
                        {(m) => (
                          <MentionCard
                            ctx={props.ctx}
                            m={m}
                            selected={selected() === m.id}
                            detail={selected() === m.id ? detail() : undefined}
                            onSelect={() => select(m.id)}
                            onAction={(a) => act(m, a)}
                          >
                            {workArea(m)}
                          </MentionCard>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <Show when={l().total > l().mentions.length}>
                    <button type="button" class="c-btn" onClick={() => setLimit(limit() + PAGE)}>
                      {lt().more}
                    </button>
                  </Show>
                </>
              )}
            </Match>
          </Switch>
          <Show when={outsideList()}>
            {(m) => (
              <ul class="l-list">
                <MentionCard ctx={props.ctx} m={m()} selected detail={detail()} onSelect={() => undefined} onAction={(a) => act(m(), a)}>
                  {workArea(m())}
                </MentionCard>
              </ul>
            )}
          </Show>
        </div>
        <div class="l-map-pane">
          <MentionMap config={props.ctx.config} mentions={list()?.mentions ?? []} selected={selected()} onSelect={select} />
        </div>
      </div>
    </div>
  );
}
