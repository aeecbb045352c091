import { createSignal, type JSX, onMount, Show } from 'solid-js';
import { newPasswordProblems, signInFormProblems } from '@groundswell/core/rules';
import { fieldErrors, ProblemError, setCsrfToken, staffApi } from './api.ts';
import { ct, format, problemText } from './i18n/index.ts';
import { FORGOT_HREF, loginHref } from './route.ts';
import { described, Field } from './ui.tsx';
import type { StaffMe } from './types.ts';
import { CodeField } from './SecondFactor.tsx';

type Fields = Record<string, string | undefined>;

/** Sending one password form: busy, the problem in words (minutes for a 429), and the fields the server refused. */
function createPasswordSubmit() {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const [fields, setFields] = createSignal<Fields>({});
  let alert: HTMLDivElement | undefined;
  async function run<T>(send: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setProblem(undefined);
    setFields({});
    try {
      return await send();
    } catch (err) {
      const m = ct().password;
      if (err instanceof ProblemError && err.status === 429) setProblem(format(m.throttled, { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60)) }));
      else setProblem(format(m.failed, { detail: problemText(err) }));
      setFields(fieldErrors(err));
      queueMicrotask(() => alert?.focus());
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  /** A problem found before sending, shown beside its fields; focus goes to the first. */
  function refuse(next: Fields, firstId: string) {
    setProblem(undefined);
    setFields(next);
    document.getElementById(firstId)?.focus();
  }
  const Alert = () => (
    <Show when={problem()}>
      <div class="c-alert c-alert-error" role="alert" tabindex="-1" ref={alert}>
        <strong>{ct().password.errorSummary}: </strong>
        {problem()}
      </div>
    </Show>
  );
  return { busy, problem, fields, run, refuse, Alert };
}

/** A password input in a labelled field, its error linked. */
function PasswordField(props: { id: string; label: string; value: string; onInput: (v: string) => void; error?: string | undefined; autocomplete: 'current-password' | 'new-password' }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <input
        id={props.id}
        class="c-input"
        type="password"
        autocomplete={props.autocomplete}
        required
        aria-invalid={!!props.error}
        aria-describedby={described(props.id, false, props.error)}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

/** The card every password page is drawn in, the same as the sign-in page's; its heading takes focus. */
function Card(props: { id: string; heading: string; intro: string; onSubmit?: () => void; children: JSX.Element }) {
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  return (
    <div class="c-login">
      <form
        class="c-login-card"
        novalidate
        aria-labelledby={props.id}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit?.();
        }}
      >
        <h1 id={props.id} ref={heading} tabindex="-1">
          {props.heading}
        </h1>
        <p class="c-hint">{props.intro}</p>
        {props.children}
      </form>
    </div>
  );
}

/** The new password typed twice, checked here before it is sent (the API decides). */
function newPasswordErrors(password: string, repeat: string): Fields {
  const m = ct().password;
  const problems = newPasswordProblems({ password, repeat });
  const out: Fields = {};
  if (problems.includes('short')) out.newPassword = m.tooShort;
  else if (problems.includes('long')) out.newPassword = m.tooLong;
  if (problems.includes('mismatch')) out.repeat = m.mismatch;
  return out;
}

/** `#/staff/forgot`: an email address in, the same answer out whether or not it has an account. */
export function ForgotPassword() {
  const [email, setEmail] = createSignal('');
  const [sent, setSent] = createSignal<string>();
  const submit = createPasswordSubmit();
  async function send() {
    const address = email().trim();
    if (signInFormProblems({ email: address, password: 'x' }).length) return submit.refuse({ email: ct().login.emailMissing }, 'c-forgot-email');
    if (await submit.run(() => staffApi.forgotPassword(address))) setSent(address);
  }
  const m = () => ct().password;
  return (
    <Card id="c-forgot-title" heading={m().forgotHeading} intro={m().forgotIntro} onSubmit={() => void send()}>
      <submit.Alert />
      <Show
        when={sent()}
        fallback={
          <>
            <Field id="c-forgot-email" label={m().email} error={submit.fields().email}>
              <input
                id="c-forgot-email"
                class="c-input"
                type="email"
                autocomplete="username"
                inputmode="email"
                required
                aria-invalid={!!submit.fields().email}
                aria-describedby={described('c-forgot-email', false, submit.fields().email)}
                value={email()}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            </Field>
            <button type="submit" class="c-btn c-btn-primary c-btn-wide" disabled={submit.busy()}>
              {submit.busy() ? m().sending : m().send}
            </button>
          </>
        }
      >
        {/* The form (and its button) is gone: keyboard focus moves to the answer, not the page body. */}
        <p class="c-alert c-alert-ok" role="status" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
          {format(m().sent, { email: sent()! })}
        </p>
      </Show>
      <p>
        <a href={loginHref()}>{m().backToSignIn}</a>
      </p>
    </Card>
  );
}

/** `#/staff/reset?token=…`: the page the emailed link opens; a new password signs the officer in. */
export function ResetPassword(props: { token: string; onSignedIn: (me: StaffMe) => void }) {
  const [password, setPassword] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [code, setCode] = createSignal('');
  const submit = createPasswordSubmit();
  const m = () => ct().password;
  const spent = () => !props.token || !!submit.fields().token;
  // An account with an authenticator app: the server asks for its code too, and from then on the field stays.
  const [askCode, setAskCode] = createSignal(false);
  async function save() {
    const errors = newPasswordErrors(password(), repeat());
    if (Object.keys(errors).length) return submit.refuse(errors, errors.newPassword ? 'c-reset-password' : 'c-reset-repeat');
    const me = await submit.run(() => staffApi.resetPassword(props.token, password(), askCode() ? code() : undefined));
    if (submit.fields().code) setAskCode(true);
    if (me) {
      setCsrfToken(me.csrfToken);
      props.onSignedIn(me);
    }
  }
  return (
    <Card id="c-reset-title" heading={m().resetHeading} intro={m().resetIntro} onSubmit={() => void save()}>
      <Show when={!spent()} fallback={<Spent token={props.token} />}>
        <submit.Alert />
        <PasswordField
          id="c-reset-password"
          label={m().newPassword}
          autocomplete="new-password"
          value={password()}
          onInput={setPassword}
          error={submit.fields().newPassword ?? submit.fields().password}
        />
        <PasswordField id="c-reset-repeat" label={m().repeat} autocomplete="new-password" value={repeat()} onInput={setRepeat} error={submit.fields().repeat} />
        <Show when={askCode()}>
          <CodeField id="c-reset-code" value={code()} onInput={setCode} error={submit.fields().code} />
        </Show>
        <button type="submit" class="c-btn c-btn-primary c-btn-wide" disabled={submit.busy()}>
          {submit.busy() ? m().saving : m().save}
        </button>
      </Show>
    </Card>
  );
}

/** A link that is missing its token, expired or used: say so and offer a new one. */
function Spent(props: { token: string }) {
  return (
    <>
      <div class="c-alert c-alert-error" role="alert">
        {props.token ? ct().password.linkInvalid : ct().password.noToken}
      </div>
      <p>
        <a href={FORGOT_HREF}>{ct().password.askAgain}</a>
      </p>
    </>
  );
}

/** `#/staff/password`: the signed-in officer changes their password with the current one. */
export function ChangePassword() {
  const [current, setCurrent] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [changed, setChanged] = createSignal<number>();
  const submit = createPasswordSubmit();
  const m = () => ct().password;
  async function change() {
    setChanged(undefined);
    const errors: Fields = { ...(current() ? {} : { currentPassword: m().currentMissing }), ...newPasswordErrors(password(), repeat()) };
    const first = errors.currentPassword ? 'c-change-current' : errors.newPassword ? 'c-change-password' : 'c-change-repeat';
    if (Object.keys(errors).length) return submit.refuse(errors, first);
    const result = await submit.run(() => staffApi.changePassword(current(), password()));
    if (result) {
      setChanged(result.sessionsEnded);
      setCurrent('');
      setPassword('');
      setRepeat('');
    }
  }
  return (
    <Card id="c-change-title" heading={m().changeHeading} intro={m().changeIntro} onSubmit={() => void change()}>
      <submit.Alert />
      <Show when={changed() !== undefined}>
        <p class="c-alert c-alert-ok" role="status">
          {format(m().changed, { count: changed()! })}
        </p>
      </Show>
      <PasswordField id="c-change-current" label={m().current} autocomplete="current-password" value={current()} onInput={setCurrent} error={submit.fields().currentPassword} />
      <PasswordField id="c-change-password" label={m().newPassword} autocomplete="new-password" value={password()} onInput={setPassword} error={submit.fields().newPassword} />
      <PasswordField id="c-change-repeat" label={m().repeat} autocomplete="new-password" value={repeat()} onInput={setRepeat} error={submit.fields().repeat} />
      <button type="submit" class="c-btn c-btn-primary c-btn-wide" disabled={submit.busy()}>
        {submit.busy() ? m().saving : m().change}
      </button>
    </Card>
  );
}
