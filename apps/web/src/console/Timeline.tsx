import { For, Show } from 'solid-js';
import { groupSupports, type Category, type ReportState } from '@groundswell/core/rules';
import { plural } from '../i18n/catalogue.ts';
import { categoryName, channelName, ct, format, formatDate, formatDay, locale, priorityName, stateName, teamLabel } from './i18n/index.ts';
import type { Team, TimelineEvent } from './types.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A team as events recorded it (by its default name), named in the current language. */
const teamWords = (teams: readonly Team[], name: string): string => {
  const team = teams.find((t) => t.name === name);
  return team ? teamLabel(team) : name;
};

function title(e: TimelineEvent, categories: readonly Category[], teams: readonly Team[]): string {
  const m = ct().timeline;
  const p = e.payload;
  switch (e.kind) {
    case 'state_changed':
      return format(m.events.state_changed, { from: stateName(str(p.from) as ReportState), to: stateName(str(p.to) as ReportState) });
    case 'assigned': {
      const who = [str(p.team) && teamWords(teams, str(p.team)), str(p.assignee)].filter(Boolean).join(', ') || m.nobody;
      return format(m.events.assigned, { who });
    }
    case 'priority_set':
      return format(m.events.priority_set, { priority: priorityName(Number(p.priority)) });
    case 'expected_date_set':
      return p.expectedAt ? format(m.events.expected_date_set, { date: formatDay(str(p.expectedAt)) }) : m.expectedCleared;
    case 'merged':
      return format(m.events.merged, { from: str(p.from) });
    case 'merged_into':
      return format(m.events.merged_into, { into: str(p.into) });
    case 'redacted':
      return format(m.events.redacted, { field: m.fields[str(p.field)] ?? str(p.field) });
    case 'recategorised':
      return format(m.events.recategorised, { category: categoryName(categories, str(p.to)) });
    case 'contact_logged':
    case 'mention_replied':
      return format(m.events[e.kind], { channel: listeningSource(str(p.channel)) });
    default:
      return m.events[e.kind] ?? e.kind;
  }
}

function actor(e: TimelineEvent, teams: readonly Team[]): string {
  const m = ct().timeline;
  if (e.actorType === 'staff') return e.actorLabel ? teamWords(teams, e.actorLabel) : m.system;
  if (e.actorType === 'resident') return e.actorLabel ?? m.resident;
  if (e.actorType === 'api') return e.actorLabel ?? m.apiClient;
  return e.actorLabel ?? m.system;
}

/** A listening event's channel is its source's kind: "sms" and "email" have channel names, the platforms their own. */
const listeningSource = (kind: string): string => (kind === 'sms' || kind === 'email' ? channelName(kind) : kind.charAt(0).toUpperCase() + kind.slice(1));

/** The message an event carries: the public answer, the note, the reason, what was said or replied through listening. */
function body(e: TimelineEvent): { text: string; kind: 'message' | 'note' | 'reason' }[] {
  const p = e.payload;
  const out: { text: string; kind: 'message' | 'note' | 'reason' }[] = [];
  if (str(p.message)) out.push({ text: str(p.message), kind: 'message' });
  if (str(p.note)) out.push({ text: str(p.note), kind: 'note' });
  if (str(p.reason)) out.push({ text: format(ct().timeline.reason, { reason: str(p.reason) }), kind: 'reason' });
  if (str(p.original)) out.push({ text: format(ct().timeline.original, { text: str(p.original) }), kind: 'reason' });
  if ((e.kind === 'contact_logged' || e.kind === 'mention_replied') && str(p.text)) out.push({ text: str(p.text), kind: 'note' });
  return out;
}

function EventItem(props: { e: TimelineEvent; categories: readonly Category[]; teams: readonly Team[] }) {
  const e = props.e;
  return (
    <li class="c-event" classList={{ 'c-event-public': e.public, 'c-event-internal': !e.public }} data-kind={e.kind}>
      <div class="c-event-head">
        <span class="c-event-vis">{e.public ? ct().timeline.public : ct().timeline.internal}</span>
        <strong class="c-event-title">{title(e, props.categories, props.teams)}</strong>
      </div>
      <p class="c-event-meta">
        {format(ct().timeline.by, { actor: actor(e, props.teams) })} · <time datetime={e.at}>{formatDate(e.at, true)}</time>
      </p>
      <For each={body(e)}>{(b) => <p class={`c-event-body c-event-${b.kind}`}>{b.text}</p>}</For>
    </li>
  );
}

/** Supports in a row, as one line with their count and the span of time they came in. */
function SupportsItem(props: { count: number; newest: string; oldest: string }) {
  return (
    <li class="c-event c-event-public" data-kind="supported" data-count={props.count}>
      <div class="c-event-head">
        <span class="c-event-vis">{ct().timeline.public}</span>
        <strong class="c-event-title">{plural(ct().timeline.supportedMany, props.count, locale())}</strong>
      </div>
      <p class="c-event-meta">
        <time datetime={props.oldest}>{formatDate(props.oldest, true)}</time> – <time datetime={props.newest}>{formatDate(props.newest, true)}</time>
      </p>
    </li>
  );
}

/**
 * The full record, newest first. Public events (what the resident sees) and internal ones
 * (notes, assignment, moderation) look different and say so in words: "Public" / "Internal".
 * Supports in a row fold into one counted line, so answers stay in sight on a busy report.
 */
export function StaffTimeline(props: { events: readonly TimelineEvent[]; categories: readonly Category[]; teams?: readonly Team[] }) {
  const entries = () => groupSupports([...props.events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id));
  return (
    <Show when={entries().length > 0} fallback={<p class="c-muted">{ct().timeline.empty}</p>}>
      <ol class="c-timeline">
        <For each={entries()}>
          {(entry) =>
            entry.type === 'supports' ? (
              <SupportsItem count={entry.count} newest={entry.first.at} oldest={entry.last.at} />
            ) : (
              <EventItem e={entry.event} categories={props.categories} teams={props.teams ?? []} />
            )
          }
        </For>
      </ol>
    </Show>
  );
}
