import { For, Show, type JSX } from 'solid-js';
import { plural } from '../../i18n/catalogue.ts';
import { ago, categoryName, format, formatDate, formatDistance, locale } from '../i18n/index.ts';
import type { ConsoleContext } from '../context.ts';
import { triageHref } from '../route.ts';
import { reportStateName } from './ActionForms.tsx';
import { lt } from './i18n/index.ts';
import { confidenceWord } from './inbox-state.ts';
import type { Mention, MentionDetail } from './types.ts';

/** The mention's photos come from a staff-only route (the session cookie goes with the image request). */
export const mentionPhotoUrl = (id: number, n: number, size: 'display' | 'thumbnail') => `/api/staff/listening/mentions/${id}/photos/${n}/${size}`;

export type MentionAction = 'create' | 'attach' | 'reply' | 'dismiss';

/** Which actions a mention in this state still offers. */
export function actionsFor(m: Mention): MentionAction[] {
  const open = m.state === 'new' || m.state === 'answered';
  const out: MentionAction[] = [];
  if (open) out.push('create', 'attach');
  if (m.canReply && m.state !== 'dismissed') out.push('reply');
  if (open) out.push('dismiss');
  return out;
}

function Badges(props: { m: Mention }) {
  const m = props.m;
  return (
    <span class="l-badges">
      <span class="l-state" data-state={m.state}>
        {lt().states[m.state] ?? m.state}
      </span>
      <Show when={m.followUpDue}>
        <span class="c-badge c-badge-new">{lt().card.followUp}</span>
      </Show>
      <Show when={m.addressedToCouncil}>
        <span class="l-tag">{lt().card.addressed}</span>
      </Show>
      <Show when={m.foldedCount > 0}>
        <span class="l-tag">{plural(lt().card.folded, m.foldedCount, locale())}</span>
      </Show>
    </span>
  );
}

/** The best place guess in words: the name and how sure ("likely", "possible"). */
export function PlaceLine(props: { m: Mention }) {
  const best = () => props.m.placeGuesses[0];
  return (
    <Show when={props.m.location && best()} fallback={<p class="l-place l-place-none">{lt().card.noPlace}</p>}>
      {(g) => (
        <p class="l-place" data-confidence={confidenceWord(g().confidence)}>
          {format(lt().card.guess, { name: g().name, confidence: lt().card[confidenceWord(g().confidence)] })}
        </p>
      )}
    </Show>
  );
}

/**
 * One mention: what was said, by whom as the platform shows it, where it came from (with the
 * original), when, the best place guess, the suggested category, photos and badges; then its
 * actions. The selected card also shows what is nearby and the work in hand (`children`).
 */
export function MentionCard(props: {
  ctx: ConsoleContext;
  m: Mention;
  selected: boolean;
  detail: MentionDetail | undefined;
  onSelect: () => void;
  onAction: (a: MentionAction) => void;
  children?: JSX.Element;
}) {
  const m = () => props.m;
  const titleId = () => `l-card-${m().id}-title`;
  const actionLabel = (a: MentionAction) =>
    a === 'create' ? lt().actions.create : a === 'attach' ? lt().actions.attach : a === 'dismiss' ? lt().actions.dismiss : m().followUpDue ? lt().actions.followUp : lt().actions.reply;
  return (
    <li class="l-item" data-id={m().id} data-state={m().state} classList={{ 'l-item-selected': props.selected }}>
      <article class="l-card" aria-labelledby={titleId()}>
        <div class="l-card-top">
          <h2 class="l-card-title" id={titleId()}>
            <button type="button" class="l-card-open" aria-expanded={props.selected} onClick={() => props.onSelect()}>
              {`${lt().kinds[m().source.kind] ?? m().source.kind} · ${m().source.name}`}
            </button>
          </h2>
          <time datetime={m().postedAt} title={formatDate(m().postedAt)}>
            {ago(m().postedAt)}
          </time>
        </div>
        <Badges m={m()} />
        <p class="l-text" lang={m().language ?? undefined}>
          {m().text}
        </p>
        <p class="l-meta">
          <span>{m().author ? format(lt().card.from, { author: m().author! }) : lt().card.unknownAuthor}</span>
          <Show when={m().url}>
            {(url) => (
              <>
                {' · '}
                <a href={url()} target="_blank" rel="noopener noreferrer">
                  {lt().card.original}
                </a>
              </>
            )}
          </Show>
          <Show when={m().language}>{(l) => ` · ${lt().card.language[l()] ?? l()}`}</Show>
        </p>
        <PlaceLine m={m()} />
        <Show when={m().suggestedCategory}>{(c) => <p class="l-category">{format(lt().card.category, { category: categoryName(props.ctx.categories, c()) })}</p>}</Show>
        <Show when={m().photoCount > 0}>
          <div class="l-photos">
            <p>{plural(lt().card.photos, m().photoCount, locale())}</p>
            <ul class="l-thumbs">
              <For each={Array.from({ length: m().photoCount }, (_, n) => n)}>
                {(n) => (
                  <li>
                    <a href={mentionPhotoUrl(m().id, n, 'display')} target="_blank" rel="noopener">
                      <img src={mentionPhotoUrl(m().id, n, 'thumbnail')} alt={format(lt().card.photoAlt, { n: n + 1, count: m().photoCount })} loading="lazy" width="96" height="72" />
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
        <Show when={m().report}>
          {(id) => (
            <p>
              <a href={triageHref(new URLSearchParams({ sel: id() }))}>{format(lt().card.report, { id: id() })}</a>
            </p>
          )}
        </Show>
        <Show when={m().dismissedReason}>{(r) => <p class="c-hint">{format(lt().card.dismissedBecause, { reason: r() })}</p>}</Show>
        <Show when={actionsFor(m()).length > 0 || (!m().canReply && m().url)}>
          <div class="l-actions" role="group" aria-label={lt().actions.group}>
            <For each={actionsFor(m())}>
              {(a) => (
                <button type="button" class="c-btn c-btn-small" classList={{ 'c-btn-primary': a === 'create' }} data-action={a} onClick={() => props.onAction(a)}>
                  {actionLabel(a)}
                </button>
              )}
            </For>
            <Show when={!m().canReply && m().url}>
              {(url) => (
                <a class="c-btn c-btn-small" href={url() as string} target="_blank" rel="noopener noreferrer">
                  {lt().actions.openOriginal}
                </a>
              )}
            </Show>
          </div>
        </Show>
        <Show when={props.selected}>
          <Nearby ctx={props.ctx} detail={props.detail} />
          {props.children}
        </Show>
      </article>
    </li>
  );
}

/** Other mentions within 250 m and 7 days, and open reports nearby: offered together. */
function Nearby(props: { ctx: ConsoleContext; detail: MentionDetail | undefined }) {
  return (
    <Show when={props.detail} fallback={<p role="status">{lt().detail.loading}</p>}>
      {(d) => (
        <div class="l-nearby">
          <section aria-labelledby="l-nearby-reports">
            <h3 id="l-nearby-reports">{lt().detail.nearbyReports}</h3>
            <Show when={d().nearbyReports.length > 0} fallback={<p>{lt().detail.noneNearby}</p>}>
              <ul>
                <For each={d().nearbyReports}>
                  {(r) => (
                    <li>
                      <a href={triageHref(new URLSearchParams({ sel: r.id }))}>{r.id}</a>
                      {` · ${categoryName(props.ctx.categories, r.category)} · ${reportStateName(r.state)} · ${format(lt().detail.distance, { distance: formatDistance(r.distanceMetres) })}`}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
          <section aria-labelledby="l-nearby-mentions">
            <h3 id="l-nearby-mentions">{lt().detail.nearbyMentions}</h3>
            <Show when={d().nearbyMentions.length > 0} fallback={<p>{lt().detail.noneNearby}</p>}>
              <ul>
                <For each={d().nearbyMentions}>
                  {(n) => (
                    <li>
                      <a href={`#/staff/listening?sel=${n.id}`}>{`${lt().kinds[n.source.kind] ?? n.source.kind}, ${ago(n.postedAt)}`}</a>
                      {`: ${n.text.length > 120 ? `${n.text.slice(0, 117)}…` : n.text}`}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
          <Show when={d().replies.length > 0}>
            <section aria-labelledby="l-replies">
              <h3 id="l-replies">{lt().detail.replies}</h3>
              <ul>
                <For each={d().replies}>
                  {(r) => (
                    <li class="l-reply">
                      <p class="l-text">{r.text}</p>
                      <p class="c-hint">
                        {r.error ? format(lt().detail.replyFailed, { error: r.error }) : r.sentAt ? formatDate(r.sentAt) : ''}
                        {r.staffName ? ` · ${format(lt().detail.by, { name: r.staffName })}` : ''}
                        <Show when={r.url}>
                          {(u) => (
                            <>
                              {' · '}
                              <a href={u()} target="_blank" rel="noopener noreferrer">
                                {lt().reply.sentLink}
                              </a>
                            </>
                          )}
                        </Show>
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
        </div>
      )}
    </Show>
  );
}
