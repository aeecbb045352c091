import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { fieldErrors, ProblemError, staffApi } from './api.ts';
import { ct, format, formatDate, problemText } from './i18n/index.ts';
import { described, Field } from './ui.tsx';

/**
 * The second-factor code in a sign-in or reset form: shown once the server asked for it
 * (the password was right and the account has an authenticator app), focused then.
 */
export function CodeField(props: { id: string; value: string; onInput: (v: string) => void; error?: string | undefined }) {
  let input!: HTMLInputElement;
  onMount(() => input.focus());
  return (
    <Field id={props.id} label={ct().security.codeLabel} hint={ct().security.codeHint} error={props.error}>
      <input
        ref={input}
        id={props.id}
        class="c-input"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        spellcheck={false}
        maxlength={40}
        required
        aria-invalid={!!props.error}
        aria-describedby={described(props.id, true, props.error)}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

/** Whether a refused sign-in is the server asking for (or refusing) the second-factor code. */
export function codeProblem(err: unknown): string | undefined {
  return err instanceof ProblemError && err.status === 401 ? fieldErrors(err).code : undefined;
}

/** A browser and system in a few words, from the user agent: enough to recognise one's own devices. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return ct().security.unknownDevice;
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : '';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return [browser, system].filter(Boolean).join(', ') || userAgent.slice(0, 60);
}

/**
 * `#/staff/security`: the authenticator app (set up with a QR code or the secret typed in,
 * confirmed by a code; the recovery codes shown once) and the account's signed-in sessions,
 * each of which can be ended. `required` says the council makes administrators set one up.
 */
export function SecurityPage(props: { onEnrolled?: () => void }) {
  const [security, { refetch }] = createResource(() => staffApi.security());
  const [setup, setSetup] = createSignal<{ secret: string; qrSvg: string }>();
  const [code, setCode] = createSignal('');
  const [codeError, setCodeError] = createSignal<string>();
  const [recovery, setRecovery] = createSignal<string[]>();
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  const m = () => ct().security;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (err) {
      const field = fieldErrors(err).code;
      if (field) setCodeError(field);
      else setProblem(format(m().failed, { detail: problemText(err) }));
    } finally {
      setBusy(false);
    }
  }
  const start = () =>
    run(async () => {
      const started = await staffApi.startTotp();
      setSetup({ secret: started.secret, qrSvg: started.qrSvg });
      setCode('');
      setCodeError(undefined);
    });
  const confirm = () => {
    if (!code().trim()) return setCodeError(m().codeMissing);
    return run(async () => {
      setCodeError(undefined);
      const result = await staffApi.confirmTotp(code());
      setSetup(undefined);
      setRecovery(result.recoveryCodes);
      await refetch();
      props.onEnrolled?.();
    });
  };
  const end = (id: string) =>
    run(async () => {
      await staffApi.endSession(id);
      await refetch();
    });

  return (
    <section class="c-page c-security" aria-labelledby="c-security-title">
      <h1 id="c-security-title" ref={heading} tabindex="-1">
        {m().heading}
      </h1>
      <Show when={problem()}>
        <div class="c-alert c-alert-error" role="alert">
          {problem()}
        </div>
      </Show>
      <Show when={security()?.secondFactor.required}>
        <p class="c-alert c-alert-info" role="status">
          {m().required}
        </p>
      </Show>
      <h2>{m().appHeading}</h2>
      <Show when={security()}>
        {(s) => (
          <Show when={s().secondFactor.enabled} fallback={<p>{m().off}</p>}>
            <p class="c-alert c-alert-ok">{format(m().on, { count: s().secondFactor.recoveryCodesLeft })}</p>
          </Show>
        )}
      </Show>
      <Show when={recovery()}>
        {(codes) => (
          <div class="c-recovery" role="status">
            <p>
              <strong>{m().recoveryHeading}</strong> {m().recoveryIntro}
            </p>
            <ul class="c-recovery-codes" aria-label={m().recoveryHeading}>
              <For each={codes()}>{(c) => <li>{c}</li>}</For>
            </ul>
          </div>
        )}
      </Show>
      <Show
        when={setup()}
        fallback={
          <Show when={security() && !security()!.secondFactor.enabled}>
            <button type="button" class="c-btn c-btn-primary" disabled={busy()} onClick={() => void start()}>
              {m().start}
            </button>
          </Show>
        }
      >
        {(s) => (
          <form
            class="c-totp-setup"
            novalidate
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <ol>
              <li>{m().stepScan}</li>
              <li>
                {m().stepType} <code id="c-totp-secret">{s().secret}</code>
              </li>
              <li>{m().stepCode}</li>
            </ol>
            {/* Drawn by our own server from the secret it just made: an SVG of black squares, no script. */}
            <div class="c-totp-qr" role="img" aria-label={m().qrLabel} innerHTML={s().qrSvg} />
            <CodeField id="c-totp-code" value={code()} onInput={setCode} error={codeError()} />
            <button type="submit" class="c-btn c-btn-primary" disabled={busy()}>
              {m().confirm}
            </button>
          </form>
        )}
      </Show>

      <h2 id="c-sessions-title">{m().sessionsHeading}</h2>
      <table class="c-table" aria-labelledby="c-sessions-title">
        <thead>
          <tr>
            <th scope="col">{m().device}</th>
            <th scope="col">{m().lastUsed}</th>
            <th scope="col">{m().signedIn}</th>
            <th scope="col">
              <span class="c-visually-hidden">{m().actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={security()?.sessions ?? []}>
            {(s) => (
              <tr>
                <td>
                  {deviceName(s.userAgent)}
                  <Show when={s.current}> ({m().thisBrowser})</Show>
                </td>
                <td>
                  <time datetime={s.lastSeenAt}>{formatDate(s.lastSeenAt, true)}</time>
                </td>
                <td>
                  <time datetime={s.createdAt}>{formatDate(s.createdAt, true)}</time>
                </td>
                <td>
                  <Show when={!s.current}>
                    <button type="button" class="c-btn c-btn-small" disabled={busy()} onClick={() => void end(s.id)}>
                      {format(m().end, { device: deviceName(s.userAgent) })}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
