import { createEffect, createResource, For, on, Show } from 'solid-js';
import { fillTemplate, MAX_DESCRIPTION, type ReportState } from '@groundswell/core/rules';
import { ct, format, longDay } from '../i18n/index.ts';
import { described } from '../ui.tsx';
import { templatesFor } from './context.ts';
import type { Template } from '../types.ts';

export interface ComposerProps {
  id: string;
  category: string | undefined;
  /** Offer only templates for this state (and general ones); undefined offers all. */
  state?: ReportState | undefined;
  residentLocale?: string | undefined;
  /** YYYY-MM-DD that fills `{expected_date}`. */
  expectedDate: string;
  value: string;
  onInput: (value: string) => void;
  onTemplate?: (template: Template | undefined) => void;
  label?: string;
  error?: string | undefined;
  required: boolean;
}

/**
 * A public answer: choose a template, which is filled with the expected date, then edit the
 * text before sending. Changing the date refills the text unless the officer has edited it.
 */
export function Composer(props: ComposerProps) {
  const [templates] = createResource(
    () => props.category ?? '',
    (c) => templatesFor(c || undefined).catch(() => [] as Template[]),
    { initialValue: [] },
  );
  let chosen: Template | undefined;
  let lastFilled = '';

  const offered = () => {
    const all = templates().filter((t) => props.state === undefined || t.state === null || t.state === props.state);
    const own = all.filter((t) => !t.locale || t.locale === props.residentLocale);
    return own.length ? own : all;
  };
  const fill = (t: Template) => fillTemplate(t.body, { expected_date: props.expectedDate ? longDay(props.expectedDate, props.residentLocale) : undefined });

  const choose = (id: string) => {
    chosen = offered().find((t) => String(t.id) === id);
    props.onTemplate?.(chosen);
    if (chosen) {
      lastFilled = fill(chosen);
      props.onInput(lastFilled);
    }
  };

  createEffect(
    on(
      () => props.expectedDate,
      () => {
        if (chosen && props.value === lastFilled) {
          lastFilled = fill(chosen);
          props.onInput(lastFilled);
        }
      },
      { defer: true },
    ),
  );

  return (
    <>
      <div class="c-field">
        <label class="c-label" for={`${props.id}-template`}>
          {ct().composer.template}
        </label>
        <select id={`${props.id}-template`} class="c-select" onChange={(e) => choose(e.currentTarget.value)}>
          <option value="">{templates.loading ? ct().composer.templatesLoading : ct().composer.noTemplate}</option>
          <For each={offered()}>{(t) => <option value={String(t.id)}>{t.title}</option>}</For>
        </select>
      </div>
      <div class="c-field" classList={{ 'c-field-invalid': !!props.error }}>
        <label class="c-label" for={`${props.id}-message`}>
          {props.label ?? ct().composer.message}
        </label>
        <p class="c-hint" id={`${props.id}-message-hint`}>
          {ct().composer.messageHint}
        </p>
        <Show when={props.error}>
          <p class="c-field-error" id={`${props.id}-message-error`}>
            {props.error}
          </p>
        </Show>
        <textarea
          id={`${props.id}-message`}
          class="c-textarea"
          rows={6}
          maxLength={MAX_DESCRIPTION}
          required={props.required}
          aria-invalid={!!props.error}
          aria-describedby={described(`${props.id}-message`, true, props.error)}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </div>
    </>
  );
}

/** The problem with an answer before it is sent, if any. */
export function answerProblem(text: string, required: boolean): string | undefined {
  if (required && !text.trim()) return ct().composer.required;
  const left = /\{\w+\}/.exec(text)?.[0];
  return left ? format(ct().composer.placeholderLeft, { placeholder: left }) : undefined;
}
