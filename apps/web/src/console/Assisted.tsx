import { createEffect, createSignal, For, Match, on, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ASSISTED_CHANNELS, MAX_DESCRIPTION, type AnswerValue, type GeometryKind, type Question } from '@groundswell/core/rules';
import type { ConsoleContext } from './context.ts';
import { createBaseMap } from './base-map.ts';
import { ShapeEditor } from './draw.ts';
import { channelName, ct, format, localName } from './i18n/index.ts';
import { PlaceFields } from './actions/PlaceFields.tsx';
import { described, Field, focusSoon } from './ui.tsx';
import { triageHref } from './route.ts';
import { createAssisted, type AssistedBody, type AssistedInitial, type AssistedState } from './assisted-state.ts';

/**
 * The form opened from elsewhere (a mention in the listening inbox): its starting values,
 * its own creation path, and the channel and resident it already knows.
 */
export interface AssistedPrefill {
  initial: AssistedInitial;
  create: (body: AssistedBody) => Promise<{ id: string }>;
  heading: string;
  intro: string;
  /** The channel and source come with the mention: shown, not edited; no resident's details asked. */
  fromElsewhere: boolean;
  onCreated?: (id: string) => void;
  /** Shown above the form (the mention's photos). */
  extra?: JSX.Element;
}

/** A choice question (one, several, or yes/no) as a group of radio buttons or checkboxes. */
function ChoiceQuestion(props: {
  q: Question;
  id: string;
  label: string;
  hint: string | undefined;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange: (v: AnswerValue | undefined) => void;
}) {
  const id = props.id;
  const q = props.q;
  return (
    <fieldset class="c-fieldset" classList={{ 'c-field-invalid': !!props.error }} id={id} aria-describedby={described(id, props.hint, props.error)}>
      <legend class="c-label">{props.label}</legend>
      <Show when={props.hint}>
        <p class="c-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="c-field-error" id={`${id}-error`}>
          {props.error}
        </p>
      </Show>
      <div class="c-radios">
        <Show
          when={q.type !== 'yes_no'}
          fallback={
            <For each={[true, false]}>
              {(v) => (
                <span class="c-radio">
                  <input type="radio" id={`${id}-${v}`} name={id} checked={props.value === v} onChange={() => props.onChange(v)} />
                  <label for={`${id}-${v}`}>{v ? ct().assisted.yes : ct().assisted.no}</label>
                </span>
              )}
            </For>
          }
        >
          <For each={'choices' in q ? q.choices : []}>
            {(c) => {
              const multiple = q.type === 'multiple_choice';
              const values = () => (Array.isArray(props.value) ? props.value : []);
              return (
                <span class="c-radio">
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    id={`${id}-${c.value}`}
                    name={id}
                    checked={multiple ? values().includes(c.value) : props.value === c.value}
                    onChange={(e) => {
                      if (!multiple) props.onChange(c.value);
                      else {
                        const next = e.currentTarget.checked ? [...values(), c.value] : values().filter((v) => v !== c.value);
                        props.onChange(next.length ? next : undefined);
                      }
                    }}
                  />
                  <label for={`${id}-${c.value}`}>{localName(c.label)}</label>
                </span>
              );
            }}
          </For>
        </Show>
      </div>
    </fieldset>
  );
}

/** One question of the category's form, as the matching control. */
function QuestionField(props: { q: Question; value: AnswerValue | undefined; error: string | undefined; onChange: (v: AnswerValue | undefined) => void }) {
  const id = `c-new-q-${props.q.id}`;
  const label = () => `${localName(props.q.label)}${props.q.required ? ` ${ct().assisted.required}` : ''}`;
  const hint = () => (props.q.help ? localName(props.q.help) : undefined);
  const q = props.q;
  return (
    <Switch>
      <Match when={q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'yes_no'}>
        <ChoiceQuestion q={q} id={id} label={label()} hint={hint()} value={props.value} error={props.error} onChange={props.onChange} />
      </Match>
      <Match when={true}>
        <Field id={id} label={label()} hint={hint()} error={props.error}>
          <input
            id={id}
            class="c-input"
            type={q.type === 'number' ? 'number' : q.type === 'date' ? 'date' : 'text'}
            inputmode={q.type === 'number' ? 'decimal' : undefined}
            min={q.type === 'number' ? q.min : undefined}
            max={q.type === 'number' ? q.max : undefined}
            maxLength={q.type === 'text' ? q.maxLength : undefined}
            aria-invalid={!!props.error}
            aria-describedby={described(id, hint(), props.error)}
            value={props.value === undefined ? '' : String(props.value)}
            onInput={(e) => {
              const raw = e.currentTarget.value;
              if (raw === '') props.onChange(undefined);
              else if (q.type === 'number') {
                const n = Number(raw);
                props.onChange(Number.isFinite(n) ? n : raw);
              } else props.onChange(raw);
            }}
          />
        </Field>
      </Match>
    </Switch>
  );
}

/** The place on a small map: the shape the category allows, drawn with the shape editor. */
function createPlaceEditing(st: AssistedState, config: ConsoleContext['config']) {
  const [kind, setKind] = createSignal<GeometryKind>('Point');
  const [count, setCount] = createSignal(0);
  const [editor, setEditor] = createSignal<ShapeEditor>();
  const [map, setMap] = createSignal<MapLibreMap>();

  function attach(container: HTMLElement) {
    const { map: m, dispose } = createBaseMap(container, config);
    window.__gsConsoleMap = m;
    // A form opened with a place (a mention's guess) starts there; the officer moves the pin if it is wrong.
    const start = st.geometry();
    if (start?.type === 'Point') m.jumpTo({ center: start.coordinates as [number, number], zoom: 14 });
    setMap(m);
    onCleanup(() => {
      editor()?.destroy();
      if (window.__gsConsoleMap === m) delete window.__gsConsoleMap;
      dispose();
    });
  }

  // The shapes the category allows: keep the chosen one if it still fits.
  createEffect(
    on(st.kinds, (allowed) => {
      if (!allowed.includes(kind())) setKind(allowed[0] ?? 'Point');
    }),
  );
  createEffect(
    on([map, kind] as const, ([m, k]) => {
      if (!m) return;
      const previous = st.geometry();
      editor()?.destroy();
      const start = k === 'Point' && previous?.type === 'Point' ? (previous.coordinates as [number, number]) : undefined;
      st.setGeometry(undefined);
      setCount(0);
      setEditor(
        new ShapeEditor(m, k, start, (g, n) => {
          st.setGeometry(g);
          setCount(n);
        }),
      );
    }),
  );
  return { kind, setKind, count, editor, attach };
}

type PlaceEditing = ReturnType<typeof createPlaceEditing>;

function CreatedNotice(props: { id: string; onAnother: () => void }) {
  return (
    <div class="c-alert c-alert-ok" id="c-new-done" tabindex="-1" role="status">
      <p>
        <strong>{format(ct().assisted.created, { id: props.id })}</strong>
      </p>
      <p>
        <a href={triageHref(new URLSearchParams({ sel: props.id }))}>{ct().assisted.open}</a>{' '}
        <button type="button" class="c-btn c-btn-small" onClick={() => props.onAnother()}>
          {ct().assisted.another}
        </button>
      </p>
    </div>
  );
}

function ErrorSummary(props: { st: AssistedState; ref: (el: HTMLDivElement) => void }) {
  const st = props.st;
  return (
    <div class="c-alert c-alert-error" role="alert" tabindex="-1" ref={props.ref} id="c-new-errors">
      <h2 class="c-section-title">{ct().problems.errorSummary}</h2>
      {/* The server's summary names fields by their API path; the list below says it in words. */}
      <Show when={st.submit.error() && st.problems().length === 0}>
        <p>{st.submit.error()}</p>
      </Show>
      <ul>
        <For each={st.problems()}>
          {(p) => (
            <li>
              <a href={`#${p.target}`} onClick={(e) => (e.preventDefault(), document.getElementById(p.target)?.focus(), document.getElementById(p.target)?.scrollIntoView({ block: 'center' }))}>
                {p.message}
              </a>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

function HowFields(props: { st: AssistedState; fixed?: boolean }) {
  const st = props.st;
  return (
    <fieldset class="c-fieldset c-group">
      <legend>{ct().assisted.how}</legend>
      <div class="c-grid-2">
        <Field id="c-new-channel" label={ct().assisted.channel} error={st.err('channel')}>
          <select id="c-new-channel" class="c-select" disabled={props.fixed} value={st.channel()} onChange={(e) => st.setChannel(e.currentTarget.value)}>
            <For each={ASSISTED_CHANNELS}>{(c) => <option value={c}>{channelName(c)}</option>}</For>
          </select>
        </Field>
        <Field id="c-new-channelSource" label={ct().assisted.source} hint={ct().assisted.sourceHint} error={st.err('channelSource')}>
          <input
            id="c-new-channelSource"
            class="c-input"
            type="text"
            maxLength={500}
            readOnly={props.fixed}
            aria-describedby={described('c-new-channelSource', true, st.err('channelSource'))}
            value={st.source()}
            onInput={(e) => st.setSource(e.currentTarget.value)}
          />
        </Field>
      </div>
    </fieldset>
  );
}

function ResidentFields(props: { st: AssistedState }) {
  const st = props.st;
  return (
    <fieldset class="c-fieldset c-group">
      <legend>{ct().assisted.resident}</legend>
      <div class="c-grid-3">
        <Field id="c-new-name" label={ct().assisted.name} error={st.err('contact.name')}>
          <input
            id="c-new-name"
            class="c-input"
            type="text"
            autocomplete="off"
            maxLength={200}
            aria-invalid={!!st.err('contact.name')}
            value={st.name()}
            onInput={(e) => st.setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="c-new-email" label={ct().assisted.email} error={st.err('contact.email')}>
          <input
            id="c-new-email"
            class="c-input"
            type="email"
            autocomplete="off"
            aria-invalid={!!st.err('contact.email')}
            aria-describedby={described('c-new-email', false, st.err('contact.email'))}
            value={st.email()}
            onInput={(e) => st.setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field id="c-new-phone" label={ct().assisted.phone} error={st.err('contact.phone')}>
          <input
            id="c-new-phone"
            class="c-input"
            type="tel"
            autocomplete="off"
            aria-invalid={!!st.err('contact.phone')}
            aria-describedby={described('c-new-phone', false, st.err('contact.phone'))}
            value={st.phone()}
            onInput={(e) => st.setPhone(e.currentTarget.value)}
          />
        </Field>
      </div>
      <div class="c-check">
        <input id="c-new-showName" type="checkbox" checked={st.showName()} onChange={(e) => st.setShowName(e.currentTarget.checked)} />
        <label for="c-new-showName">{ct().assisted.showName}</label>
      </div>
      <Field id="c-new-locale" label={ct().assisted.locale}>
        <select id="c-new-locale" class="c-select" value={st.residentLocale()} onChange={(e) => st.setResidentLocale(e.currentTarget.value)}>
          <option value="en" lang="en">
            English
          </option>
          <option value="pl" lang="pl">
            Polski
          </option>
        </select>
      </Field>
    </fieldset>
  );
}

function WhatFields(props: { st: AssistedState; ctx: ConsoleContext }) {
  const st = props.st;
  return (
    <fieldset class="c-fieldset c-group">
      <legend>{ct().assisted.what}</legend>
      <Field id="c-new-category" label={`${ct().assisted.category} ${ct().assisted.required}`} error={st.err('category')}>
        <select
          id="c-new-category"
          class="c-select"
          aria-invalid={!!st.err('category')}
          aria-describedby={described('c-new-category', false, st.err('category'))}
          value={st.code()}
          onChange={(e) => st.chooseCategory(e.currentTarget.value)}
        >
          <option value="">{ct().assisted.chooseCategory}</option>
          <For each={props.ctx.categories}>{(c) => <option value={c.code}>{localName(c.name)}</option>}</For>
        </select>
      </Field>
      <Field id="c-new-description" label={`${ct().assisted.description} ${ct().assisted.required}`} hint={ct().assisted.descriptionHint} error={st.err('description')}>
        <textarea
          id="c-new-description"
          class="c-textarea"
          rows={4}
          maxLength={MAX_DESCRIPTION}
          aria-invalid={!!st.err('description')}
          aria-describedby={described('c-new-description', true, st.err('description'))}
          value={st.description()}
          onInput={(e) => st.setDescription(e.currentTarget.value)}
        />
      </Field>
      <Show when={st.shown().length > 0}>
        <div class="c-questions">
          <h2 class="c-section-title">{ct().assisted.questions}</h2>
          <For each={st.shown()}>{(q) => <QuestionField q={q} value={st.answers()[q.id]} error={st.err(`answers.${q.id}`)} onChange={(v) => st.setAnswer(q.id, v)} />}</For>
        </div>
      </Show>
    </fieldset>
  );
}

function PlaceFieldset(props: { st: AssistedState; place: PlaceEditing }) {
  const place = props.place;
  let container!: HTMLDivElement;
  onMount(() => place.attach(container));
  return (
    <fieldset class="c-fieldset c-group" id="c-new-place" tabindex="-1">
      <legend>{`${ct().assisted.place} ${ct().assisted.required}`}</legend>
      <Show when={props.st.kinds().length > 1}>
        <div class="c-radios c-radios-inline" role="radiogroup" aria-label={ct().assisted.kind}>
          <For each={props.st.kinds()}>
            {(k) => (
              <span class="c-radio">
                <input type="radio" id={`c-new-kind-${k}`} name="c-new-kind" checked={place.kind() === k} onChange={() => place.setKind(k)} />
                <label for={`c-new-kind-${k}`}>{ct().kinds[k]}</label>
              </span>
            )}
          </For>
        </div>
      </Show>
      <div class="c-place-grid">
        <div class="c-map c-map-small" ref={container} role="region" aria-label={ct().assisted.place} />
        <PlaceFields id="c-new" kind={place.kind()} editor={place.editor()} geometry={props.st.geometry()} count={place.count()} error={props.st.err('geometry')} />
      </div>
    </fieldset>
  );
}

/**
 * `#/staff/new`: a report that came by phone, email, in person or social media, logged on
 * the resident's behalf. The server's field errors are shown beside the fields and in a
 * summary at the top that links to each.
 */
export default function Assisted(props: { ctx: ConsoleContext; prefill?: AssistedPrefill }) {
  const st = createAssisted({ categories: () => props.ctx.categories, ...(props.prefill ? { create: props.prefill.create, initial: props.prefill.initial } : {}) });
  const place = createPlaceEditing(st, props.ctx.config);
  let summary: HTMLDivElement | undefined;
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());

  async function send() {
    const outcome = await st.send();
    const id = st.created();
    if (outcome === 'created' && id) props.prefill?.onCreated?.(id);
    if (outcome === 'created') focusSoon(() => document.getElementById('c-new-done'));
    else focusSoon(() => summary);
  }
  function another() {
    st.reset();
    place.editor()?.restart();
    focusSoon(() => heading);
  }

  return (
    <div class="c-page c-assisted">
      <Dynamic component={props.prefill ? 'h2' : 'h1'} ref={(el: HTMLHeadingElement) => (heading = el)} tabindex="-1">
        {props.prefill?.heading ?? ct().assisted.heading}
      </Dynamic>
      <p class="c-hint">{props.prefill?.intro ?? ct().assisted.intro}</p>
      {props.prefill?.extra}
      <Show when={!props.prefill && st.created()}>{(id) => <CreatedNotice id={id()} onAnother={another} />}</Show>
      <Show when={(st.submit.error() || st.problems().length > 0) && !st.created()}>
        <ErrorSummary st={st} ref={(el) => (summary = el)} />
      </Show>
      <form
        class="c-assisted-form"
        novalidate
        hidden={!!st.created()}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <HowFields st={st} fixed={props.prefill?.fromElsewhere} />
        <Show when={!props.prefill?.fromElsewhere}>
          <ResidentFields st={st} />
        </Show>
        <WhatFields st={st} ctx={props.ctx} />
        <PlaceFieldset st={st} place={place} />
        <button type="submit" class="c-btn c-btn-primary" disabled={st.submit.busy()}>
          {st.submit.busy() ? ct().actions.sending : ct().assisted.submit}
        </button>
      </form>
    </div>
  );
}
