import { createSignal, onMount, Show } from 'solid-js';
import { signInFormProblems } from '@groundswell/core/rules';
import { ProblemError, setCsrfToken, staffApi } from './api.ts';
import { ct, format, problemText } from './i18n/index.ts';
import { FORGOT_HREF } from './route.ts';
import { described, Field } from './ui.tsx';
import { CodeField, codeProblem } from './SecondFactor.tsx';
import type { StaffMe } from './types.ts';
import { SsoSignIn, useStaffSignIn } from './SsoSignIn.tsx';

/** `#/staff/login`: email and password; clear words for a wrong password and for throttling. */
export function Login(props: { notice?: string | undefined; onSignedIn: (me: StaffMe) => void }) {
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const [errors, setErrors] = createSignal<{ email?: string; password?: string }>({});
  // Single sign-on above the form; the form only where local passwords are on (LOCAL_PASSWORDS).
  const staffSignIn = useStaffSignIn();
  // The second step, once the server asked for a code: the password stays, the code field appears.
  const [askCode, setAskCode] = createSignal(false);
  const [code, setCode] = createSignal('');
  const [codeError, setCodeError] = createSignal<string>();
  let heading!: HTMLHeadingElement;
  let alert: HTMLDivElement | undefined;

  onMount(() => heading.focus());

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(undefined);
    const form = { email: email().trim(), password: password() };
    const problems = signInFormProblems(form);
    if (problems.length) {
      const m = ct().login;
      const next: { email?: string; password?: string } = {};
      if (problems.includes('email')) next.email = m.emailMissing;
      if (problems.includes('password')) next.password = m.passwordMissing;
      setErrors(next);
      document.getElementById(next.email ? 'c-login-email' : 'c-login-password')?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const me = await staffApi.login(form.email, form.password, askCode() ? code() : undefined);
      setCsrfToken(me.csrfToken);
      props.onSignedIn(me);
    } catch (err) {
      const m = ct().login;
      const codeAsked = codeProblem(err);
      if (codeAsked) {
        // A first ask is not a problem; a wrong code is said beside the field.
        setCodeError(askCode() ? codeAsked : undefined);
        setAskCode(true);
        setCode('');
        document.getElementById('c-login-code')?.focus();
        return;
      }
      if (err instanceof ProblemError && err.status === 401) setProblem(m.wrong);
      else if (err instanceof ProblemError && err.status === 429) {
        setProblem(err.retryAfter ? format(m.throttled, { minutes: Math.max(1, Math.ceil(err.retryAfter / 60)) }) : m.throttledSoon);
      } else setProblem(format(m.failed, { detail: problemText(err) }));
      setPassword('');
      queueMicrotask(() => alert?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="c-login">
      <form class="c-login-card" onSubmit={submit} novalidate aria-labelledby="c-login-title">
        <h1 id="c-login-title" ref={heading} tabindex="-1">
          {ct().login.heading}
        </h1>
        <p class="c-hint">{ct().login.intro}</p>
        <Show when={props.notice && !problem()}>
          <p class="c-alert c-alert-info" role="status">
            {props.notice}
          </p>
        </Show>
        <Show when={problem()}>
          <div class="c-alert c-alert-error" role="alert" tabindex="-1" ref={alert}>
            <strong>{ct().login.errorSummary}: </strong>
            {problem()}
          </div>
        </Show>
        <SsoSignIn signIn={staffSignIn()} />
        <Show when={staffSignIn()?.localPasswords}>
          <Field id="c-login-email" label={ct().login.email} error={errors().email}>
            <input
              id="c-login-email"
              class="c-input"
              type="email"
              name="email"
              autocomplete="username"
              inputmode="email"
              required
              aria-invalid={!!errors().email}
              aria-describedby={described('c-login-email', false, errors().email)}
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </Field>
          <Field id="c-login-password" label={ct().login.password} error={errors().password}>
            <input
              id="c-login-password"
              class="c-input"
              type="password"
              name="password"
              autocomplete="current-password"
              required
              aria-invalid={!!errors().password}
              aria-describedby={described('c-login-password', false, errors().password)}
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </Field>
          <Show when={askCode()}>
            <CodeField id="c-login-code" value={code()} onInput={setCode} error={codeError()} />
          </Show>
          <button type="submit" class="c-btn c-btn-primary c-btn-wide" disabled={busy()}>
            {busy() ? ct().login.signingIn : ct().login.submit}
          </button>
          <p>
            <a href={FORGOT_HREF}>{ct().login.forgot}</a>
          </p>
        </Show>
      </form>
    </div>
  );
}
