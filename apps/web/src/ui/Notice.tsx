import type { JSX } from 'solid-js';
import { t } from '../i18n/index.ts';

/** A short, dismissible message; place inside a live region so it is announced politely. */
export function Notice(props: { children: JSX.Element; onDismiss: () => void; tone?: 'info' | 'warning' }) {
  return (
    <div class="notice" data-tone={props.tone ?? 'info'}>
      <p class="notice-text">{props.children}</p>
      <button type="button" class="icon-button" aria-label={t().notice.dismiss} title={t().notice.dismiss} onClick={() => props.onDismiss()}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
