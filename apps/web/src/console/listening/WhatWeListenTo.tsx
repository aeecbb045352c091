/**
 * "What we listen to", folded away at the top of the inbox: every officer may read which
 * sources are on, when each was last read and its last problem, and the keyword rules, so
 * that a post that never arrived can be explained. Read-only; admins change them in Admin.
 */
import { For, Show } from 'solid-js';
import { ago, categoryName, format, formatDate } from '../i18n/index.ts';
import type { ConsoleContext } from '../context.ts';
import { lt } from './i18n/index.ts';
import type { ListeningOverview } from './types.ts';

export function WhatWeListenTo(props: { ctx: ConsoleContext; overview: ListeningOverview | undefined }) {
  return (
    <Show when={props.overview}>
      {(o) => (
        <details class="l-listen-to">
          <summary>{lt().listenTo.summary}</summary>
          <div class="l-listen-to-body">
            <section aria-labelledby="l-listen-sources">
              <h2 id="l-listen-sources">{lt().listenTo.sources}</h2>
              <Show when={o().sources.length > 0} fallback={<p class="c-hint">{lt().listenTo.noSources}</p>}>
                <ul class="l-listen-list">
                  <For each={o().sources}>
                    {(s) => (
                      <li data-source={s.id}>
                        <strong>{s.name}</strong>
                        {` · ${lt().kinds[s.kind] ?? s.kind} · `}
                        <span class="l-state" data-state={s.enabled ? 'new' : 'dismissed'}>
                          {s.enabled ? lt().listenTo.on : lt().listenTo.off}
                        </span>
                        <br />
                        <span class="c-hint">
                          <Show when={s.lastPolledAt} fallback={s.kind === 'sms' ? lt().listenTo.pushed : lt().listenTo.notRead}>
                            {(at) => (
                              <time datetime={at()} title={formatDate(at())}>
                                {format(lt().listenTo.lastRead, { when: ago(at()) })}
                              </time>
                            )}
                          </Show>
                        </span>
                        <Show when={s.lastError}>{(e) => <p class="l-listen-error">{format(lt().listenTo.lastError, { error: e() })}</p>}</Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <section aria-labelledby="l-listen-rules">
              <h2 id="l-listen-rules">{lt().listenTo.rules}</h2>
              <Show when={o().rules.length > 0} fallback={<p class="c-hint">{lt().listenTo.noRules}</p>}>
                <ul class="l-listen-list">
                  <For each={o().rules}>
                    {(r) => (
                      <li data-rule={r.id}>
                        <strong>{r.name}</strong>
                        {` · ${lt().listenTo.language[r.language] ?? r.language} · `}
                        <span class="l-state" data-state={r.enabled ? 'new' : 'dismissed'}>
                          {r.enabled ? lt().listenTo.on : lt().listenTo.off}
                        </span>
                        <br />
                        <span lang={r.language}>{format(lt().listenTo.keywords, { words: r.keywords.join(', ') })}</span>
                        <Show when={r.exclusions.length > 0}>
                          <br />
                          <span lang={r.language}>{format(lt().listenTo.exclusions, { words: r.exclusions.join(', ') })}</span>
                        </Show>
                        <Show when={r.category}>
                          {(c) => (
                            <>
                              <br />
                              {format(lt().listenTo.suggests, { category: categoryName(props.ctx.categories, c()) })}
                            </>
                          )}
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <p class="c-hint">{lt().listenTo.admins}</p>
          </div>
        </details>
      )}
    </Show>
  );
}
