import { createEffect, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ASSISTED_CHANNELS, isQuestionShown, type Category, type GeometryKind, type Question } from '@groundswell/core';
import { watchBasemap } from '../map/basemap.ts';
import { staffApi } from './api.ts';
import type { ConsoleContext } from './Console.tsx';
import { createBaseMap } from './ConsoleMap.tsx';
import { ShapeEditor } from './draw.ts';
import { channelName, ct, format, localName, locale } from './i18n/index.ts';
import { PlaceFields } from './actions/PlaceFields.tsx';
import { createSubmit, described, Field, focusSoon } from './ui.tsx';
import { triageHref } from './route.ts';
import type { GeometryInput } from './types.ts';

type AnswerValue = string | number | boolean | string[];

/** One question of the category's form, as the matching control. */
function QuestionField(props: { q: Question; value: AnswerValue | undefined; error: string | undefined; onChange: (v: AnswerValue | undefined) => void }) {
  const id = `c-new-q-${props.q.id}`;
  const label = () => `${localName(props.q.label)}${props.q.required ? ` ${ct().assisted.required}` : ''}`;
  const hint = () => (props.q.help ? localName(props.q.help) : undefined);
  const q = props.q;
  return (
    <Switch>
      <Match when={q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'yes_no'}>
        <fieldset class="c-fieldset" classList={{ 'c-field-invalid': !!props.error }} id={id} aria-describedby={described(id, hint(), props.error)}>
          <legend class="c-label">{label()}</legend>
          <Show when={hint()}>
            <p class="c-hint" id={`${id}-hint`}>
              {hint()}
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

/**
 * `#/staff/new`: a report that came by phone, email, in person or social media, logged on
 * the resident's behalf. The server's field errors are shown beside the fields and in a
 * summary at the top that links to each.
 */
export default function Assisted(props: { ctx: ConsoleContext }) {
  const [channel, setChannel] = createSignal<string>('phone');
  const [source, setSource] = createSignal('');
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [showName, setShowName] = createSignal(false);
  const [residentLocale, setResidentLocale] = createSignal<string>(locale());
  const [code, setCode] = createSignal('');
  const [kind, setKind] = createSignal<GeometryKind>('Point');
  const [geometry, setGeometry] = createSignal<GeometryInput>();
  const [count, setCount] = createSignal(0);
  const [editor, setEditor] = createSignal<ShapeEditor>();
  const [description, setDescription] = createSignal('');
  const [answers, setAnswers] = createSignal<Record<string, AnswerValue>>({});
  const [created, setCreated] = createSignal<string>();
  const [map, setMap] = createSignal<MapLibreMap>();
  const submit = createSubmit();
  let mapContainer!: HTMLDivElement;
  let summary: HTMLDivElement | undefined;
  let heading!: HTMLHeadingElement;

  const category = (): Category | undefined => props.ctx.categories.find((c) => c.code === code());
  const kinds = (): GeometryKind[] => (category()?.geometryTypes as GeometryKind[] | undefined) ?? ['Point'];
  const shown = () => (category()?.questions ?? []).filter((q) => isQuestionShown(q, answers()));

  onMount(() => {
    const m = createBaseMap(mapContainer, props.ctx.config);
    const stop = props.ctx.config.mapStyleUrl ? watchBasemap(m, () => undefined) : undefined;
    window.__gsConsoleMap = m;
    setMap(m);
    heading.focus();
    onCleanup(() => {
      editor()?.destroy();
      stop?.();
      if (window.__gsConsoleMap === m) delete window.__gsConsoleMap;
      m.remove();
    });
  });

  // The shapes the category allows: keep the chosen one if it still fits.
  createEffect(
    on(kinds, (allowed) => {
      if (!allowed.includes(kind())) setKind(allowed[0] ?? 'Point');
    }),
  );
  createEffect(
    on([map, kind] as const, ([m, k]) => {
      if (!m) return;
      const previous = geometry();
      editor()?.destroy();
      const start = k === 'Point' && previous?.type === 'Point' ? (previous.coordinates as [number, number]) : undefined;
      setGeometry(undefined);
      setCount(0);
      setEditor(
        new ShapeEditor(m, k, start, (g, n) => {
          setGeometry(g);
          setCount(n);
        }),
      );
    }),
  );

  const errors = () => submit.fields();
  const errorFor = (prefix: string) => Object.entries(errors()).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

  async function send() {
    const m = ct().assisted;
    const local: Record<string, string> = {};
    if (!code()) local.category = m.chooseCategory;
    if (!geometry()) local.geometry = m.noPlace;
    if (!description().trim()) local.description = m.noDescription;
    if (Object.keys(local).length) {
      submit.clear();
      setLocalErrors(local);
      focusSoon(() => summary);
      return;
    }
    setLocalErrors({});
    const contact = Object.fromEntries(
      Object.entries({ name: name().trim(), email: email().trim(), phone: phone().trim() }).filter(([, v]) => v),
    );
    const keep = new Set(shown().map((q) => q.id));
    const body = {
      channel: channel(),
      ...(source().trim() ? { channelSource: source().trim() } : {}),
      category: code(),
      geometry: geometry(),
      description: description().trim(),
      answers: Object.fromEntries(Object.entries(answers()).filter(([k]) => keep.has(k))),
      contact,
      showName: showName() && !!contact.name,
      locale: residentLocale(),
    };
    const res = await submit.run(() => staffApi.create(body));
    if (res) {
      setCreated(res.id);
      focusSoon(() => document.getElementById('c-new-done'));
    } else focusSoon(() => summary);
  }

  const [localErrors, setLocalErrors] = createSignal<Record<string, string>>({});
  const err = (key: string) => localErrors()[key] ?? errorFor(key);
  /** Every problem with a link to its field, for the summary. */
  const problems = () => {
    const all = { ...errors(), ...localErrors() };
    return Object.entries(all).map(([field, message]) => {
      const target = field.startsWith('answers.')
        ? `c-new-q-${field.slice(8).split('.')[0]}`
        : field.startsWith('contact.')
          ? `c-new-${field.slice(8).split('.')[0]}`
          : field.startsWith('geometry')
            ? 'c-new-place'
            : `c-new-${field.split('.')[0]}`;
      return { field, message, target };
    });
  };

  function reset() {
    setCreated(undefined);
    setSource('');
    setName('');
    setEmail('');
    setPhone('');
    setShowName(false);
    setDescription('');
    setAnswers({});
    editor()?.restart();
    setLocalErrors({});
    submit.clear();
    focusSoon(() => heading);
  }

  return (
    <div class="c-page c-assisted">
      <h1 ref={heading} tabindex="-1">
        {ct().assisted.heading}
      </h1>
      <p class="c-hint">{ct().assisted.intro}</p>
      <Show when={created()}>
        {(id) => (
          <div class="c-alert c-alert-ok" id="c-new-done" tabindex="-1" role="status">
            <p>
              <strong>{format(ct().assisted.created, { id: id() })}</strong>
            </p>
            <p>
              <a href={triageHref(new URLSearchParams({ sel: id() }))}>{ct().assisted.open}</a>{' '}
              <button type="button" class="c-btn c-btn-small" onClick={reset}>
                {ct().assisted.another}
              </button>
            </p>
          </div>
        )}
      </Show>
      <Show when={(submit.error() || problems().length > 0) && !created()}>
        <div class="c-alert c-alert-error" role="alert" tabindex="-1" ref={summary} id="c-new-errors">
          <h2 class="c-section-title">{ct().problems.errorSummary}</h2>
          {/* The server's summary names fields by their API path; the list below says it in words. */}
          <Show when={submit.error() && problems().length === 0}>
            <p>{submit.error()}</p>
          </Show>
          <ul>
            <For each={problems()}>
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
      </Show>
      <form
        class="c-assisted-form"
        novalidate
        hidden={!!created()}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <fieldset class="c-fieldset c-group">
          <legend>{ct().assisted.how}</legend>
          <div class="c-grid-2">
            <Field id="c-new-channel" label={ct().assisted.channel} error={err('channel')}>
              <select id="c-new-channel" class="c-select" value={channel()} onChange={(e) => setChannel(e.currentTarget.value)}>
                <For each={ASSISTED_CHANNELS}>{(c) => <option value={c}>{channelName(c)}</option>}</For>
              </select>
            </Field>
            <Field id="c-new-channelSource" label={ct().assisted.source} hint={ct().assisted.sourceHint} error={err('channelSource')}>
              <input
                id="c-new-channelSource"
                class="c-input"
                type="text"
                maxLength={500}
                aria-describedby={described('c-new-channelSource', true, err('channelSource'))}
                value={source()}
                onInput={(e) => setSource(e.currentTarget.value)}
              />
            </Field>
          </div>
        </fieldset>

        <fieldset class="c-fieldset c-group">
          <legend>{ct().assisted.resident}</legend>
          <div class="c-grid-3">
            <Field id="c-new-name" label={ct().assisted.name} error={err('contact.name')}>
              <input id="c-new-name" class="c-input" type="text" autocomplete="off" maxLength={200} aria-invalid={!!err('contact.name')} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
            </Field>
            <Field id="c-new-email" label={ct().assisted.email} error={err('contact.email')}>
              <input
                id="c-new-email"
                class="c-input"
                type="email"
                autocomplete="off"
                aria-invalid={!!err('contact.email')}
                aria-describedby={described('c-new-email', false, err('contact.email'))}
                value={email()}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </Field>
            <Field id="c-new-phone" label={ct().assisted.phone} error={err('contact.phone')}>
              <input
                id="c-new-phone"
                class="c-input"
                type="tel"
                autocomplete="off"
                aria-invalid={!!err('contact.phone')}
                aria-describedby={described('c-new-phone', false, err('contact.phone'))}
                value={phone()}
                onInput={(e) => setPhone(e.currentTarget.value)}
              />
            </Field>
          </div>
          <div class="c-check">
            <input id="c-new-showName" type="checkbox" checked={showName()} onChange={(e) => setShowName(e.currentTarget.checked)} />
            <label for="c-new-showName">{ct().assisted.showName}</label>
          </div>
          <Field id="c-new-locale" label={ct().assisted.locale}>
            <select id="c-new-locale" class="c-select" value={residentLocale()} onChange={(e) => setResidentLocale(e.currentTarget.value)}>
              <option value="en" lang="en">
                English
              </option>
              <option value="pl" lang="pl">
                Polski
              </option>
            </select>
          </Field>
        </fieldset>

        <fieldset class="c-fieldset c-group">
          <legend>{ct().assisted.what}</legend>
          <Field id="c-new-category" label={`${ct().assisted.category} ${ct().assisted.required}`} error={err('category')}>
            <select
              id="c-new-category"
              class="c-select"
              aria-invalid={!!err('category')}
              aria-describedby={described('c-new-category', false, err('category'))}
              value={code()}
              onChange={(e) => {
                setCode(e.currentTarget.value);
                setAnswers({});
              }}
            >
              <option value="">{ct().assisted.chooseCategory}</option>
              <For each={props.ctx.categories}>{(c) => <option value={c.code}>{localName(c.name)}</option>}</For>
            </select>
          </Field>
          <Field id="c-new-description" label={`${ct().assisted.description} ${ct().assisted.required}`} hint={ct().assisted.descriptionHint} error={err('description')}>
            <textarea
              id="c-new-description"
              class="c-textarea"
              rows={4}
              maxLength={4000}
              aria-invalid={!!err('description')}
              aria-describedby={described('c-new-description', true, err('description'))}
              value={description()}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </Field>
          <Show when={shown().length > 0}>
            <div class="c-questions">
              <h2 class="c-section-title">{ct().assisted.questions}</h2>
              <For each={shown()}>
                {(q) => (
                  <QuestionField
                    q={q}
                    value={answers()[q.id]}
                    error={err(`answers.${q.id}`)}
                    onChange={(v) => {
                      const next = { ...answers() };
                      if (v === undefined) delete next[q.id];
                      else next[q.id] = v;
                      setAnswers(next);
                    }}
                  />
                )}
              </For>
            </div>
          </Show>
        </fieldset>

        <fieldset class="c-fieldset c-group" id="c-new-place" tabindex="-1">
          <legend>{`${ct().assisted.place} ${ct().assisted.required}`}</legend>
          <Show when={kinds().length > 1}>
            <div class="c-radios c-radios-inline" role="radiogroup" aria-label={ct().assisted.kind}>
              <For each={kinds()}>
                {(k) => (
                  <span class="c-radio">
                    <input type="radio" id={`c-new-kind-${k}`} name="c-new-kind" checked={kind() === k} onChange={() => setKind(k)} />
                    <label for={`c-new-kind-${k}`}>{ct().kinds[k]}</label>
                  </span>
                )}
              </For>
            </div>
          </Show>
          <div class="c-place-grid">
            <div class="c-map c-map-small" ref={mapContainer} role="region" aria-label={ct().assisted.place} />
            <PlaceFields id="c-new" kind={kind()} editor={editor()} geometry={geometry()} count={count()} error={err('geometry')} />
          </div>
        </fieldset>

        <button type="submit" class="c-btn c-btn-primary" disabled={submit.busy()}>
          {submit.busy() ? ct().actions.sending : ct().assisted.submit}
        </button>
      </form>
    </div>
  );
}
