import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { fieldErrors } from './api.ts';
import { ct, problemText, stateName } from './i18n/index.ts';
import type { ReportState } from '@groundswell/core/rules';

/** Busy flag, problem text and field errors of one submit, and a runner that fills them. */
export function createSubmit() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (busy()) return undefined;
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      return await fn();
    } catch (err) {
      setError(problemText(err));
      setFields(fieldErrors(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  /** A problem found before sending: shown the same way as the server's. */
  function fail(message: string, field?: string) {
    setError(message);
    setFields(field ? { [field]: message } : {});
  }
  return { busy, error, fields, run, fail, clear: () => (setError(undefined), setFields({})) };
}

/** A labelled control with its hint and error linked by id. */
export function Field(props: { id: string; label: JSX.Element; hint?: JSX.Element | undefined; error?: string | undefined; children: JSX.Element; class?: string }) {
  return (
    <div class={`c-field ${props.class ?? ''}`} classList={{ 'c-field-invalid': !!props.error }}>
      <label class="c-label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="c-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="c-field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      </Show>
      {props.children}
    </div>
  );
}

/** aria-describedby for a control wrapped in Field. */
export function described(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * One action as a small form: heading, the problem if the last try failed, the fields, and
 * send/cancel. Focus goes to its first field when it opens.
 */
export function ActionForm(props: {
  id: string;
  title: string;
  submitLabel?: string;
  busy: boolean;
  error?: string | undefined;
  onSubmit: () => void;
  onCancel: () => void;
  children: JSX.Element;
  extraButtons?: JSX.Element;
}) {
  let form!: HTMLFormElement;
  onMount(() => {
    const first = form.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea');
    (first ?? form.querySelector<HTMLElement>('h3'))?.focus();
  });
  return (
    <form
      ref={form}
      class="c-action-form"
      id={props.id}
      aria-labelledby={`${props.id}-title`}
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <h3 class="c-action-title" id={`${props.id}-title`} tabindex="-1">
        {props.title}
      </h3>
      <Show when={props.error}>
        <div class="c-alert c-alert-error" role="alert">
          <strong>{ct().problems.errorSummary}: </strong>
          {props.error}
        </div>
      </Show>
      {props.children}
      <div class="c-form-buttons">
        <button type="submit" class="c-btn c-btn-primary" disabled={props.busy} aria-disabled={props.busy}>
          {props.busy ? ct().actions.sending : (props.submitLabel ?? ct().actions.save)}
        </button>
        {props.extraButtons}
        <button type="button" class="c-btn" onClick={() => props.onCancel()}>
          {ct().actions.cancel}
        </button>
      </div>
    </form>
  );
}

/** A report's state as a text badge; the colour only repeats what the text says. */
export function StateBadge(props: { state: ReportState }) {
  return (
    <span class="c-state" data-state={props.state}>
      {stateName(props.state)}
    </span>
  );
}

/** Focuses an element after Solid has drawn it. */
export function focusSoon(get: () => HTMLElement | null | undefined): void {
  queueMicrotask(() => requestAnimationFrame(() => get()?.focus()));
}
