import { createEffect, createSignal, For, Match, on, Show, Switch, untrack } from 'solid-js';
import { localized, RESIDENT_LINK } from '@groundswell/core/rules';
import type { ResidentData, ResidentFollow, ResidentReport } from '@groundswell/core/schemas';
import { NetworkError, ProblemError } from '../api/http.ts';
import { format, formatDate, locale, stateLabel, t } from '../i18n/index.ts';
import { EMAIL } from '../reports/FollowForm.tsx';
import { ME_HREF, navigate, reportHref } from '../router.ts';
import { TextField } from '../ui/Field.tsx';
import { Page } from '../ui/Page.tsx';
import { askForLink, eraseMyContacts, fetchMyData, openSession, signOut, stopAllEmails } from './api.ts';

type Notice = { text: string; alert?: boolean };
type View = { name: 'opening' } | { name: 'loading' } | { name: 'signedOut'; notice?: Notice } | { name: 'signedIn'; data: ResidentData };

/**
 * `#/me`: a resident's reports and follows on any device. Signed out, it asks for a sign-in
 * link by email; `#/me/sign-in?token=…` (the emailed link) posts the token, so a mail
 * scanner's visit spends nothing, then drops it from the address.
 */
export default function MePage(props: { siteName: string; token?: string | undefined }) {
  const [view, setView] = createSignal<View>({ name: untrack(() => props.token) === undefined ? 'loading' : 'opening' });
  // What a spent link has to say, carried over the redirect that drops its token.
  let carried: Notice | undefined;

  const load = async (notice?: Notice) => {
    try {
      setView({ name: 'signedIn', data: await fetchMyData() });
    } catch (err) {
      setView({ name: 'signedOut', ...(notice ? { notice } : err instanceof ProblemError && err.status === 401 ? {} : { notice: { text: t().me.failed, alert: true } }) });
    }
  };

  const open = async (token: string) => {
    setView({ name: 'opening' });
    try {
      await openSession(token);
    } catch (err) {
      carried = { text: err instanceof ProblemError && err.status === 400 ? t().me.linkSpent : t().me.failed, alert: true };
    }
    // Spent either way: the token leaves the address bar and the history, and the page loads as `#/me`.
    navigate(ME_HREF, true);
  };

  // The link may open in a tab already on `#/me`: the page follows the token, not its own mounting.
  createEffect(
    on(
      () => props.token,
      (token) => {
        if (token !== undefined) return void open(token);
        const notice = carried;
        carried = undefined;
        void load(notice);
      },
    ),
  );

  // The button that was pressed is gone with the list: focus goes back to the page's heading, the notice is read out.
  const signedOut = (text: string) => {
    setView({ name: 'signedOut', notice: { text } });
    queueMicrotask(() => document.querySelector<HTMLElement>('.page-title')?.focus());
  };

  return (
    <Page title={t().me.heading} siteName={props.siteName}>
      <Switch>
        <Match when={view().name === 'opening' || view().name === 'loading'}>
          <p role="status">{view().name === 'opening' ? t().me.signingIn : t().app.loading}</p>
        </Match>
        <Match
          when={(() => {
            const v = view();
            return v.name === 'signedOut' ? v : undefined;
          })()}
        >
          {(v) => (
            <>
              <Show when={v().notice}>
                {(n) => (
                  <p class={n().alert ? 'callout callout-offline' : 'success'} role={n().alert ? 'alert' : 'status'}>
                    {n().text}
                  </p>
                )}
              </Show>
              <AskForLink />
            </>
          )}
        </Match>
        <Match
          when={(() => {
            const v = view();
            return v.name === 'signedIn' ? v.data : undefined;
          })()}
        >
          {(data) => <SignedIn data={data()} onSignedOut={signedOut} onReload={() => void load({ text: t().me.sessionEnded, alert: true })} />}
        </Match>
      </Switch>
    </Page>
  );
}

/** Signed out: the address to send a sign-in link to, checked here first and by the API. */
function AskForLink() {
  const [email, setEmail] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [status, setStatus] = createSignal<{ text: string; alert?: boolean }>();
  const [sending, setSending] = createSignal(false);
  const focusField = () => document.getElementById('me-email')?.focus();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const value = email().trim();
    const problem = !value ? t().me.emailRequired : EMAIL.test(value) ? undefined : t().me.emailInvalid;
    setError(problem);
    setStatus(undefined);
    if (problem) return focusField();
    setSending(true);
    try {
      await askForLink(value);
      setStatus({ text: format(t().me.sent, { email: value, minutes: RESIDENT_LINK.validMinutes }) });
    } catch (err) {
      if (err instanceof ProblemError && err.fieldErrors().email) {
        setError(t().me.emailInvalid);
        focusField();
      } else if (err instanceof ProblemError && err.status === 429) {
        setStatus({ text: format(t().me.tooMany, { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60)) }), alert: true });
      } else setStatus({ text: t().me.failed, alert: true });
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="me-ask-heading">
      <h2 id="me-ask-heading" class="visually-hidden">
        {t().me.send}
      </h2>
      <p>{t().me.intro}</p>
      <form class="follow-form" onSubmit={(e) => void submit(e)} novalidate>
        <TextField id="me-email" label={t().me.email} hint={t().me.emailHint} type="email" autocomplete="email" inputmode="email" value={email()} onInput={setEmail} error={error()} />
        <button type="submit" class="button button-primary" disabled={sending()}>
          {sending() ? t().me.sending : t().me.send}
        </button>
      </form>
      <p class={status()?.alert ? 'form-status field-error' : 'form-status success'} role={status()?.alert ? 'alert' : 'status'}>
        {status()?.text ?? ''}
      </p>
    </section>
  );
}

/** Signed in: the address's reports and follows, and what the resident may do with them. */
function SignedIn(props: { data: ResidentData; onSignedOut: (notice: string) => void; onReload: () => void }) {
  const [data, setData] = createSignal(props.data);
  const leave = async () => {
    await signOut().catch(() => undefined);
    props.onSignedOut(t().me.signedOut);
  };
  return (
    <>
      <p class="me-who">
        {format(t().me.signedInAs, { email: data().email })}{' '}
        <button type="button" class="button button-quiet" onClick={() => void leave()}>
          {t().me.signOut}
        </button>
      </p>
      <section aria-labelledby="me-reports-heading">
        <h2 id="me-reports-heading">{t().me.reportsHeading}</h2>
        <Show when={data().reports.length > 0} fallback={<p class="callout">{t().me.reportsEmpty}</p>}>
          <ul class="cards">
            <For each={data().reports}>{(r) => <ReportCard report={r} />}</For>
          </ul>
        </Show>
      </section>
      <section aria-labelledby="me-follows-heading">
        <h2 id="me-follows-heading">{t().me.followsHeading}</h2>
        <Show when={data().follows.length > 0} fallback={<p class="callout">{t().me.followsEmpty}</p>}>
          <ul class="cards">
            <For each={data().follows}>{(f) => <FollowCard follow={f} />}</For>
          </ul>
        </Show>
      </section>
      <StopEmails data={data()} onStopped={() => setData({ ...data(), follows: [], mailStopped: true })} onFailed={props.onReload} />
      <EraseContacts data={data()} onErased={props.onSignedOut} onFailed={props.onReload} />
    </>
  );
}

function ReportCard(props: { report: ResidentReport }) {
  const name = () => localized(props.report.categoryName, locale());
  return (
    <li class="card">
      <Show when={props.report.link} fallback={<p class="card-title">{name()}</p>}>
        <a class="card-title" href={reportHref(props.report.id)}>
          {name()}
        </a>
      </Show>
      <p class="item-meta">
        {format(t().me.reported, { date: formatDate(props.report.createdAt) })} · {props.report.id}
      </p>
      <p class="item-meta">
        {stateLabel(props.report.state)}
        <Show when={!props.report.link}> · {t().me.notPublic}</Show>
      </p>
    </li>
  );
}

function FollowCard(props: { follow: ResidentFollow }) {
  const f = () => props.follow;
  return (
    <li class="card">
      <Switch fallback={<p class="card-title">{t().me.followDrawn}</p>}>
        <Match when={f().kind === 'report' && f().target}>
          {(id) => (
            <a class="card-title" href={reportHref(id())}>
              {format(t().me.followReport, { id: id() })}
            </a>
          )}
        </Match>
        <Match when={f().kind === 'area'}>
          <p class="card-title">{format(t().me.followArea, { name: f().name ?? f().target ?? '' })}</p>
        </Match>
      </Switch>
      <p class="item-meta">{f().confirmed ? format(t().me.followSince, { date: formatDate(f().since) }) : t().me.followPending}</p>
    </li>
  );
}

/** A button that asks first: the question, then "yes" or "cancel"; focus goes to the question's first answer. */
function Confirmed(props: { id: string; label: string; question: string; yes: string; onYes: () => Promise<void> }) {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const ask = () => {
    setAsking(true);
    document.getElementById(`${props.id}-yes`)?.focus();
  };
  const yes = async () => {
    setBusy(true);
    try {
      await props.onYes();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <div class="card-actions">
      <Show
        when={asking()}
        fallback={
          <button type="button" class="button button-danger" onClick={ask}>
            {props.label}
          </button>
        }
      >
        <p class="confirm" role="alert">
          {props.question}
        </p>
        <button type="button" id={`${props.id}-yes`} class="button button-danger" disabled={busy()} onClick={() => void yes()}>
          {props.yes}
        </button>
        <button type="button" class="button" onClick={() => setAsking(false)}>
          {t().me.cancel}
        </button>
      </Show>
    </div>
  );
}

function StopEmails(props: { data: ResidentData; onStopped: () => void; onFailed: () => void }) {
  const [done, setDone] = createSignal<string>();
  const stop = async () => {
    try {
      const result = await stopAllEmails();
      setDone(format(t().me.stopDone, { follows: result.follows }));
      props.onStopped();
    } catch (err) {
      if (err instanceof NetworkError) setDone(t().me.failed);
      else props.onFailed();
    }
  };
  return (
    <section aria-labelledby="me-emails-heading">
      <h2 id="me-emails-heading">{t().me.emailsHeading}</h2>
      <Show when={!props.data.mailStopped} fallback={<p>{t().me.emailsStopped}</p>}>
        <p>{t().me.emailsIntro}</p>
        <Confirmed id="me-stop" label={t().me.stop} question={format(t().me.stopQuestion, { email: props.data.email })} yes={t().me.stopConfirm} onYes={stop} />
      </Show>
      <p class="form-status success" role="status">
        {done() ?? ''}
      </p>
    </section>
  );
}

function EraseContacts(props: { data: ResidentData; onErased: (notice: string) => void; onFailed: () => void }) {
  const [failed, setFailed] = createSignal(false);
  const erase = async () => {
    try {
      const result = await eraseMyContacts();
      props.onErased(format(t().me.eraseDone, { reports: result.reports, follows: result.follows }));
    } catch (err) {
      if (err instanceof NetworkError) setFailed(true);
      else props.onFailed();
    }
  };
  return (
    <section aria-labelledby="me-erase-heading">
      <h2 id="me-erase-heading">{t().me.eraseHeading}</h2>
      <p>{t().me.eraseIntro}</p>
      <p>{t().me.eraseStays}</p>
      <p>{t().me.eraseGoes}</p>
      <Confirmed id="me-erase" label={t().me.erase} question={t().me.eraseQuestion} yes={t().me.eraseConfirm} onYes={erase} />
      <p class="form-status field-error" role="alert">
        {failed() ? t().me.failed : ''}
      </p>
    </section>
  );
}
