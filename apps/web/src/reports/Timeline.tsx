import { For, Show } from 'solid-js';
import type { PublicEvent } from '@groundswell/core/rules';
import { format, formatDate, stateLabel, t } from '../i18n/index.ts';

function eventTitle(event: PublicEvent): string {
  const template = t().events[event.kind] ?? event.kind;
  return format(template, {
    state: event.state ? stateLabel(event.state) : '',
    date: formatDate(event.expectedAt),
  });
}

/** The public history of a report, oldest first; officers' messages shown as plain text. */
export function Timeline(props: { events: readonly PublicEvent[] }) {
  const events = () => [...props.events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Show when={events().length > 0} fallback={<p>{t().report.noTimeline}</p>}>
      <ol class="timeline">
        <For each={events()}>
          {(event) => (
            <li class="timeline-item" data-kind={event.kind}>
              <p class="timeline-head">
                <strong>{eventTitle(event)}</strong> <span class="timeline-actor">{format(t().report.by, { actor: event.actor })}</span>
              </p>
              <p class="timeline-date">
                <time datetime={event.at}>{formatDate(event.at, true)}</time>
              </p>
              <Show when={event.message}>{(message) => <blockquote class="timeline-message">{message()}</blockquote>}</Show>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
