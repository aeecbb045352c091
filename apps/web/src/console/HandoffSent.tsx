import { For, Show } from 'solid-js';
import type { HandoffSend } from '@groundswell/core/schemas';
import { createCatalogue, format } from '../i18n/catalogue.ts';
import { formatDate, locale } from './i18n/index.ts';

const en = {
  label: 'Sent to',
  sent: '{target} at {time}',
  reference: ', their reference {ref}',
  pending: '{target}: waiting to be sent ({tries} tries so far)',
  failed: '{target}: not sent after {tries} tries ({error})',
};
const pl: typeof en = {
  label: 'Przekazano do',
  sent: '{target}, {time}',
  reference: ', ich numer {ref}',
  pending: '{target}: czeka na wysłanie (dotąd prób: {tries})',
  failed: '{target}: nie wysłano po {tries} próbach ({error})',
};
const t = createCatalogue({ en, pl }, locale);

/** The report detail's "Sent to <target> at <time>, their reference <ref>" (issue 14), one line per target. */
export function HandoffSent(props: { sends: readonly HandoffSend[] | undefined }) {
  return (
    <Show when={props.sends?.length}>
      <div class="c-fact">
        <dt>{t().label}</dt>
        <dd>
          <For each={props.sends}>
            {(s) => (
              <div class="c-handoff-sent">
                {s.state === 'sent'
                  ? format(t().sent, { target: s.target, time: formatDate(s.sentAt, true) }) + (s.externalRef ? format(t().reference, { ref: s.externalRef }) : '')
                  : format(s.state === 'failed' ? t().failed : t().pending, { target: s.target, tries: s.attempts, error: s.lastError ?? '' })}
              </div>
            )}
          </For>
        </dd>
      </div>
    </Show>
  );
}
