import { Show, type JSX } from 'solid-js';
import { t } from '../i18n/index.ts';

/** Ids of the hint and error that describe a control, for aria-describedby. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The error message under a field or legend, linked to its control by id. */
export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="field-error" id={`${props.id}-error`}>
        <span class="visually-hidden">{t().flow.errorSummary}: </span>
        {props.message}
      </p>
    </Show>
  );
}

/** "(required)" or "(optional)" after a label, in words rather than an asterisk. */
export function RequiredMark(props: { required: boolean }) {
  return <span class="field-required">{props.required ? t().flow.required : t().flow.optional}</span>;
}

/** A labelled text input with an optional hint and an error shown beside it. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  type?: 'text' | 'email' | 'tel' | 'search';
  autocomplete?: string;
  inputmode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
}) {
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <label class="field-label" for={props.id}>
        {props.label}{' '}
        <Show when={props.required !== undefined}>
          <RequiredMark required={!!props.required} />
        </Show>
      </label>
      <Show when={props.hint}>
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <FieldError id={props.id} message={props.error} />
      <input
        id={props.id}
        class="input"
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-required={props.required ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}
