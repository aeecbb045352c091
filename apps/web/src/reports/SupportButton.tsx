import { createSignal, Show } from 'solid-js';
import { ProblemError, supportReport } from '../api/client.ts';
import type { SupportResult } from '../api/types.ts';
import { getDeviceId, supported } from '../device.ts';
import { t } from '../i18n/index.ts';

type Outcome = 'added' | 'already' | 'closed' | 'failed';

/** Supports a report once per device (`POST /api/reports/{id}/supports`). */
export async function supportOnce(id: string): Promise<{ outcome: Outcome; result?: SupportResult }> {
  try {
    const result = await supportReport(id, getDeviceId());
    supported.add({ id });
    return { outcome: result.added ? 'added' : 'already', result };
  } catch (err) {
    if (err instanceof ProblemError && err.status === 409) return { outcome: 'closed' };
    return { outcome: 'failed' };
  }
}

/** "This affects me too": adds this device's support and says how it went. */
export function SupportButton(props: { id: string; open: boolean; onCount: (count: number) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome>();
  const done = () => supported.has(props.id) || outcome() === 'added' || outcome() === 'already';

  const support = async () => {
    setBusy(true);
    const { outcome: o, result } = await supportOnce(props.id);
    setBusy(false);
    setOutcome(o);
    if (result) props.onCount(result.supportCount);
  };

  const message = () => {
    switch (outcome()) {
      case 'added':
        return t().support.added;
      case 'already':
        return t().support.already;
      case 'closed':
        return t().support.closed;
      case 'failed':
        return t().support.failed;
      default:
        return '';
    }
  };

  return (
    <div class="support">
      <Show when={props.open}>
        <button type="button" class="button button-primary support-button" aria-pressed={done()} disabled={busy()} onClick={() => void support()}>
          <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
            <path d={done() ? 'M5 12l5 5 9-10' : 'M12 5v14M5 12h14'} />
          </svg>
          {done() ? t().support.done : t().support.button}
        </button>
      </Show>
      <p class="support-message" role="status">
        {message()}
      </p>
    </div>
  );
}
