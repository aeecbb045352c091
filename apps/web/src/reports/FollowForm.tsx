import { createSignal, Show } from 'solid-js';
import { ProblemError, subscribe } from '../api/client.ts';
import { following } from '../device.ts';
import { format, t } from '../i18n/index.ts';
import { TextField } from '../ui/Field.tsx';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "Follow": an email address for updates on one report (double opt-in by email). */
export function FollowForm(props: { reportId?: string; areaCode?: string; headingLevel?: 2 | 3; heading?: string; intro?: string }) {
  const [email, setEmail] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [status, setStatus] = createSignal<'idle' | 'sending' | 'pending' | 'failed'>('idle');
  const id = `follow-email-${props.reportId ?? `area-${props.areaCode ?? 'none'}`}`;
  let input: HTMLInputElement | undefined;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const value = email().trim();
    const problem = !value ? t().follow.emailRequired : EMAIL.test(value) ? undefined : t().follow.emailInvalid;
    setError(problem);
    if (problem) {
      input ??= document.getElementById(id) as HTMLInputElement;
      input?.focus();
      return;
    }
    setStatus('sending');
    try {
      if (props.reportId) {
        await subscribe(value, { report: props.reportId });
        following.add({ id: props.reportId, since: new Date().toISOString() });
      } else if (props.areaCode) {
        await subscribe(value, { area: props.areaCode });
      } else return;
      setStatus('pending');
    } catch (err) {
      if (err instanceof ProblemError && err.problem.errors?.some((f) => f.field.endsWith('email'))) {
        setError(t().follow.emailInvalid);
        setStatus('idle');
      } else setStatus('failed');
    }
  };

  const title = () => props.heading ?? t().follow.heading;
  const Heading = () => (props.headingLevel === 3 ? <h3 id={`${id}-heading`}>{title()}</h3> : <h2 id={`${id}-heading`}>{title()}</h2>);

  return (
    <section class="follow" aria-labelledby={`${id}-heading`}>
      <Heading />
      <Show
        when={status() !== 'pending'}
        fallback={
          <p class="success" role="status">
            {format(t().follow.check, { email: email().trim() })}
          </p>
        }
      >
        <p>{props.intro ?? t().follow.intro}</p>
        <form class="follow-form" onSubmit={(e) => void submit(e)} novalidate>
          <TextField id={id} label={t().follow.email} type="email" autocomplete="email" inputmode="email" value={email()} onInput={setEmail} error={error()} />
          <button type="submit" class="button button-primary" disabled={status() === 'sending'}>
            {status() === 'sending' ? t().follow.sending : t().follow.button}
          </button>
        </form>
        <p role="status" class="form-status">
          {status() === 'failed' ? t().follow.failed : ''}
        </p>
      </Show>
    </section>
  );
}
