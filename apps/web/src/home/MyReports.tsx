import { createSignal, For, Show } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { myReports } from '../device.ts';
import { categoryLabel, format, formatDate, t } from '../i18n/index.ts';
import { online } from '../net.ts';
import { deleteFromOutbox, flushOutbox, outboxEntries, outboxSending, sendProgress, type OutboxEntry } from '../outbox/outbox.ts';
import { findCategory } from '../reports/categories.ts';
import { ME_HREF, reportHref, sentHref } from '../router.ts';
import { Page } from '../ui/Page.tsx';
import { ReportState } from './ReportState.tsx';

/** `#/mine`: reports made on this device: those waiting in the outbox, then those sent. */
export function MyReportsPage(props: { categories: readonly Category[]; siteName: string }) {
  const name = (code: string) => categoryLabel(findCategory(props.categories, code), code);
  return (
    <Page title={t().mine.heading} siteName={props.siteName}>
      <p>{t().mine.intro}</p>
      <p class="callout">
        {t().me.linkHint} <a href={ME_HREF}>{t().me.link}</a>
      </p>
      <Show when={!online() && outboxEntries().length > 0}>
        <p class="callout" role="status">
          {t().mine.offlineNote}
        </p>
      </Show>
      <Show when={outboxEntries().length === 0 && myReports.items().length === 0}>
        <p class="callout">{t().mine.empty}</p>
      </Show>

      <Show when={outboxEntries().length > 0}>
        <section aria-labelledby="waiting-heading">
          <h2 id="waiting-heading">{t().mine.waitingHeading}</h2>
          <ul class="cards">
            <For each={outboxEntries()}>{(entry) => <WaitingCard entry={entry} name={name(entry.body.category)} />}</For>
          </ul>
        </section>
      </Show>

      <Show when={myReports.items().length > 0}>
        <section aria-labelledby="sent-heading">
          <h2 id="sent-heading">{t().mine.sentHeading}</h2>
          <ul class="cards">
            <For each={myReports.items()}>
              {(r) => (
                <li class="card">
                  <a class="card-title" href={reportHref(r.id)}>
                    {name(r.category)}
                  </a>
                  <p class="item-meta">
                    {format(t().mine.reported, { date: formatDate(r.createdAt) })} · {r.id}
                  </p>
                  <ReportState id={r.id} />
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </Page>
  );
}

function WaitingCard(props: { entry: OutboxEntry; name: string }) {
  const [confirming, setConfirming] = createSignal(false);
  const status = () => {
    if (props.entry.rejected) return t().mine.rejected;
    return sendProgress()?.key === props.entry.key ? t().mine.sending : t().mine.waiting;
  };
  const message = () => props.entry.rejected?.problem.errors?.[0]?.message ?? props.entry.rejected?.problem.detail;
  return (
    <li class="card" data-state={props.entry.rejected ? 'rejected' : 'waiting'}>
      <a class="card-title" href={sentHref(props.entry.key)}>
        {props.name}
      </a>
      <p class="item-meta">{format(t().mine.finished, { date: formatDate(props.entry.finishedAt, true) })}</p>
      <p class="card-desc">{props.entry.body.description}</p>
      <p class="outbox-status" data-rejected={props.entry.rejected ? 'true' : undefined}>
        <span class="status-dot" aria-hidden="true" /> {status()}
        <Show when={props.entry.photos.length > 0}> · {format(t().mine.photos, { count: props.entry.photos.length })}</Show>
      </p>
      <Show when={message()}>
        <p class="field-error">{message()}</p>
      </Show>
      <div class="card-actions">
        <Show
          when={!props.entry.rejected}
          fallback={
            <button type="button" class="button button-primary" onClick={() => void import('../report-flow/edit.ts').then((m) => m.editRejected(props.entry))}>
              {t().flow.sent.edit}
            </button>
          }
        >
          <button type="button" class="button" disabled={outboxSending()} onClick={() => void flushOutbox(true)}>
            {t().mine.sendNow}
          </button>
        </Show>
        <Show when={!props.entry.created}>
          <Show
            when={confirming()}
            fallback={
              <button type="button" class="button button-danger" onClick={() => setConfirming(true)}>
                {t().mine.delete}
              </button>
            }
          >
            <p class="confirm" role="alert">
              {t().mine.deleteQuestion}
            </p>
            <button type="button" class="button button-danger" onClick={() => void deleteFromOutbox(props.entry.key)}>
              {t().mine.confirmDelete}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {t().mine.keep}
            </button>
          </Show>
        </Show>
      </div>
    </li>
  );
}
