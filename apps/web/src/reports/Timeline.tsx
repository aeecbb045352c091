import { For, Match, Show, Switch } from 'solid-js';
import { groupSupports, type PublicEvent } from '@groundswell/core/rules';
import { plural } from '../i18n/catalogue.ts';
import { format, formatDate, locale, stateLabel, t } from '../i18n/index.ts';

function eventTitle(event: PublicEvent): string {
  const template = t().events[event.kind] ?? event.kind;
  return format(template, {
    state: event.state ? stateLabel(event.state) : '',
    date: formatDate(event.expectedAt),
  });
}

/**
 * The public history of a report, oldest first; officers' messages shown as plain text.
 * Supports in a row read as one line ("12 people support this"), so the council's answers
 * stay in sight on a busy report.
 */
export function Timeline(props: { events: readonly PublicEvent[] }) {
  const entries = () => groupSupports([...props.events].sort((a, b) => a.at.localeCompare(b.at)));
  return (
    <Show when={entries().length > 0} fallback={<p>{t().report.noTimeline}</p>}>
      <ol class="timeline">
        <For each={entries()}>
          {(entry) => (
            <Switch>
              <Match when={entry.type === 'supports' && entry}>
                {(group) => (
                  <li class="timeline-item" data-kind="supported" data-count={group().count}>
                    <p class="timeline-head">
                      <strong>{plural(t().report.supportedMany, group().count, locale())}</strong>
                    </p>
                    <p class="timeline-date">
                      <time datetime={group().first.at}>{formatDate(group().first.at, true)}</time> – <time datetime={group().last.at}>{formatDate(group().last.at, true)}</time>
                    </p>
                  </li>
                )}
              </Match>
              <Match when={entry.type === 'event' && entry.event}>
                {(event) => (
                  <li class="timeline-item" data-kind={event().kind}>
                    <p class="timeline-head">
                      <strong>{eventTitle(event())}</strong> <span class="timeline-actor">{format(t().report.by, { actor: t().report.actors[event().actor] ?? event().actor })}</span>
                    </p>
                    <p class="timeline-date">
                      <time datetime={event().at}>{formatDate(event().at, true)}</time>
                    </p>
                    <Show when={event().message}>{(message) => <blockquote class="timeline-message">{message()}</blockquote>}</Show>
                  </li>
                )}
              </Match>
            </Switch>
          )}
        </For>
      </ol>
    </Show>
  );
}
