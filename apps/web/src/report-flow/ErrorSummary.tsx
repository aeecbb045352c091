import { For, Show } from 'solid-js';
import { t } from '../i18n/index.ts';
import { draft } from './draft.ts';

/** The element that answers a field: focused from the summary's link. */
export function fieldElementId(field: string): string {
  if (field.startsWith('answers.')) return `q-${field.slice('answers.'.length)}`;
  if (field.startsWith('contact.')) return `contact-${field.slice('contact.'.length)}`;
  return { location: 'where-locate', category: 'what-first', geometry: 'draw-add', description: 'details-description' }[field] ?? field;
}

function focusField(field: string) {
  const el = document.getElementById(fieldElementId(field));
  // A group of radios or checkboxes: its first control.
  const target = el && !/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName) ? (el.querySelector<HTMLElement>('input, textarea, select, button') ?? el) : el;
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}

/** "There is a problem": every error of the step as a link to its field; focused when shown. */
export function ErrorSummary(props: { ref: (el: HTMLDivElement) => void; labelOf?: (field: string) => string | undefined }) {
  const text = (field: string, message: string) => {
    const label = props.labelOf?.(field);
    if (!label) return message;
    return /[?:.!]$/.test(label) ? `${label} ${message}` : `${label}: ${message}`;
  };
  const entries = () => Object.entries(draft.errors);
  return (
    <div ref={props.ref} class="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title" hidden={entries().length === 0}>
      <Show when={entries().length > 0}>
        <h2 id="error-summary-title" class="error-summary-title">
          {t().flow.errorSummary}
        </h2>
        <ul>
          <For each={entries()}>
            {([field, message]) => (
              <li>
                <a
                  href={`#${fieldElementId(field)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(field);
                  }}
                >
                  {text(field, message)}
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
