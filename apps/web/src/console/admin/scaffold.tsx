/**
 * The admin pages' shared scaffold: a list loaded from the API (its error, its loading
 * state, an empty message, then the table) and a form with its problem, its status line
 * and its send button. Each page names its columns and fields, nothing else.
 */
import { For, Show, type JSX } from 'solid-js';
import { ct, problemText } from '../i18n/index.ts';

export interface Column<T> {
  label: string;
  cell: (row: T) => JSX.Element;
  class?: string;
}

export function AdminTable<T>(props: {
  /** The loading error, if the list could not be read. */
  error: unknown;
  /** The rows; `undefined` while loading. */
  rows: readonly T[] | undefined;
  columns: readonly Column<T>[];
  /** Shown instead of an empty table; without it an empty table is shown. */
  none?: string;
  /** The heading that names the table: makes the table a scrollable, focusable region. */
  labelledBy?: string;
  class?: string;
}) {
  const table = (rows: readonly T[]) => (
    <table class={props.class ? `c-table ${props.class}` : 'c-table'}>
      <thead>
        <tr>
          <For each={props.columns}>{(c) => <th scope="col">{c.label}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={rows}>
          {(row) => (
            <tr>
              <For each={props.columns}>{(c) => <td class={c.class}>{c.cell(row)}</td>}</For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
  return (
    <Show when={!props.error} fallback={<p class="c-alert c-alert-error" role="alert">{`${ct().admin.failed} ${problemText(props.error)}`}</p>}>
      <Show when={props.rows} fallback={<p role="status">{ct().admin.loading}</p>}>
        {(rows) => (
          <Show when={props.none === undefined || rows().length > 0} fallback={<p>{props.none}</p>}>
            <Show when={props.labelledBy} fallback={<div class="c-table-wrap">{table(rows())}</div>}>
              <div class="c-table-wrap c-table-scroll" tabindex="0" role="region" aria-labelledby={props.labelledBy}>
                {table(rows())}
              </div>
            </Show>
          </Show>
        )}
      </Show>
    </Show>
  );
}

/** An admin form: heading, the last problem, a status line, the fields and the send button. */
export function AdminForm(props: {
  /** The heading's id and text; a form without one is named by the page. */
  titleId?: string;
  title?: string;
  error?: string | undefined;
  /** What the status line says after a success (rendered inside a live region). */
  status?: JSX.Element;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  children: JSX.Element;
}) {
  return (
    <form
      class="c-card c-admin-form"
      novalidate
      aria-labelledby={props.titleId}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Show when={props.titleId}>
        <h3 id={props.titleId}>{props.title}</h3>
      </Show>
      <Show when={props.error}>
        <p class="c-alert c-alert-error" role="alert">
          {props.error}
        </p>
      </Show>
      {'status' in props ? <div role="status">{props.status}</div> : null}
      {props.children}
      <button type="submit" class="c-btn c-btn-primary" disabled={props.busy}>
        {props.busy ? ct().actions.sending : props.submitLabel}
      </button>
    </form>
  );
}
