import { createMemo, Match, Show, Switch } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { myReports } from '../device.ts';
import { categoryLabel, format, formatNumber, t } from '../i18n/index.ts';
import { online } from '../net.ts';
import { FollowForm } from '../reports/FollowForm.tsx';
import { findCategory } from '../reports/categories.ts';
import { flowHref, MAP_HREF, MINE_HREF, navigate, reportHref } from '../router.ts';
import { Page } from '../ui/Page.tsx';
import { deleteFromOutbox, flushOutbox, outboxEntries, outboxSending, sendProgress } from './outbox.ts';

/**
 * `#/sent/{key}`: after Send. While the report waits in the outbox it says so (and that it
 * will go by itself); once it is on the server, its link, what happens next and the
 * category's promised response time. It follows the outbox live, so the page changes by
 * itself when the connection returns.
 */
export function SentPage(props: { sendKey: string; categories: readonly Category[]; siteName: string }) {
  const entry = createMemo(() => outboxEntries().find((e) => e.key === props.sendKey));
  const sent = createMemo(() => myReports.items().find((r) => r.localId === props.sendKey));
  const state = () => (sent() ? 'done' : entry()?.rejected ? 'rejected' : entry() ? (sendProgress()?.key === props.sendKey ? 'sending' : 'waiting') : 'unknown');
  const title = () => {
    const m = t().flow.sent;
    return { done: m.headingDone, rejected: m.headingRejected, sending: m.headingSending, waiting: m.headingWaiting, unknown: m.notFound }[state()];
  };
  const categoryCode = () => sent()?.category ?? entry()?.body.category ?? '';
  const responseDays = () => sent()?.responseDays ?? entry()?.responseDays ?? findCategory(props.categories, categoryCode())?.responseDays;
  const progressText = () => {
    const p = sendProgress();
    if (!p || p.key !== props.sendKey) return t().flow.review.sending;
    return p.phase === 'report' ? t().flow.review.sending : `${format(t().flow.review.uploading, { n: p.index + 1, count: p.count })} (${Math.round(p.fraction * 100)}%)`;
  };

  return (
    <Page title={title()} siteName={props.siteName} backHref={MAP_HREF}>
      <div class="sent" data-state={state()}>
        <Show when={categoryCode()}>
          <p class="sent-category">{categoryLabel(findCategory(props.categories, categoryCode()), categoryCode())}</p>
        </Show>
        <Switch>
          <Match when={state() === 'done' && sent()}>
            {(r) => (
              <>
                <dl class="facts">
                  <div>
                    <dt>{t().flow.sent.reference}</dt>
                    <dd class="reference">{r().id}</dd>
                  </div>
                </dl>
                <p>
                  <a class="button button-primary report-link" href={reportHref(r().id)}>
                    {t().flow.sent.link}
                  </a>
                </p>
                <p class="report-url">{`${location.origin}${location.pathname}${reportHref(r().id)}`}</p>
                <Show when={r().photosRefused}>{(n) => <p class="field-error">{format(t().flow.sent.photosRefused, { count: n() })}</p>}</Show>
              </>
            )}
          </Match>
          <Match when={state() === 'waiting' || state() === 'sending'}>
            <p class="outbox-status" role="status">
              <span class="status-dot" aria-hidden="true" /> {state() === 'sending' ? progressText() : t().flow.sent.waiting}
            </p>
            <Show
              when={(() => {
                const p = sendProgress();
                return p?.key === props.sendKey && p.phase === 'photo' ? p : undefined;
              })()}
            >
              {(p) => <progress class="send-progress" max="1" value={p().fraction} aria-label={format(t().flow.review.uploading, { n: p().index + 1, count: p().count })} />}
            </Show>
            <p>{t().flow.sent.waitingText}</p>
            <Show when={online()}>
              <button type="button" class="button" disabled={outboxSending()} onClick={() => void flushOutbox(true)}>
                {t().flow.sent.tryNow}
              </button>
            </Show>
          </Match>
          <Match when={state() === 'rejected' && entry()}>
            {(e) => (
              <div role="alert">
                <p>{format(t().flow.review.rejectedOther, { message: e().rejected?.problem.errors?.[0]?.message ?? e().rejected?.problem.detail ?? String(e().rejected?.status) })}</p>
                <p class="page-actions">
                  <button type="button" class="button button-primary" onClick={() => void import('../report-flow/edit.ts').then((m) => m.editRejected(e()))}>
                    {t().flow.sent.edit}
                  </button>
                  <button type="button" class="button button-danger" onClick={() => void deleteFromOutbox(e().key).then(() => navigate(MINE_HREF))}>
                    {t().flow.sent.delete}
                  </button>
                </p>
              </div>
            )}
          </Match>
          <Match when={state() === 'unknown'}>
            <p>
              <a class="button" href={MINE_HREF}>
                {t().home.mine}
              </a>
            </p>
          </Match>
        </Switch>

        <Show when={state() !== 'unknown' && state() !== 'rejected'}>
          <section aria-labelledby="next-heading">
            <h2 id="next-heading">{t().flow.sent.nextHeading}</h2>
            <ol class="next-steps">
              <li>{t().flow.sent.next1}</li>
              <Show when={responseDays()}>{(days) => <li class="response-time">{format(t().flow.sent.next2, { days: formatNumber(days()) })}</li>}</Show>
              <li>{t().flow.sent.next3}</li>
            </ol>
          </section>
        </Show>

        <Show when={sent()}>{(r) => <FollowForm reportId={r().id} />}</Show>

        <p class="page-actions">
          <a class="button button-primary" href={flowHref('where')}>
            {t().flow.sent.another}
          </a>
          <a class="button" href={MAP_HREF}>
            {t().flow.sent.toMap}
          </a>
        </p>
      </div>
    </Page>
  );
}
