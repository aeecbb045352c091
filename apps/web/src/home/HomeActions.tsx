import { Show } from 'solid-js';
import { format, t } from '../i18n/index.ts';
import { outboxEntries } from '../outbox/outbox.ts';
import { FOLLOWING_HREF, flowHref, MINE_HREF } from '../router.ts';

/**
 * The bottom of the home screen, within reach of a thumb: the big "Report a problem" and,
 * one tap away, the resident's own reports and the ones they follow. `list` is the list
 * toggle the map screen owns.
 */
export function HomeActions(props: { list: import('solid-js').JSX.Element }) {
  const waiting = () => outboxEntries().length;
  return (
    <nav class="home-actions" aria-label={t().home.actions}>
      <div class="home-links">
        {props.list}
        <a class="button home-link" href={MINE_HREF}>
          <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
            <path d="M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7" />
          </svg>
          <Show when={waiting() > 0} fallback={t().home.mine}>
            {format(t().home.mineWaiting, { count: waiting() })}
          </Show>
        </a>
        <a class="button home-link" href={FOLLOWING_HREF}>
          <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
            <path d="M12 4a6 6 0 0 0-6 6v4l-2 3h16l-2-3v-4a6 6 0 0 0-6-6zM10 20a2 2 0 0 0 4 0" />
          </svg>
          {t().home.following}
        </a>
      </div>
      <a class="button button-primary report-button" href={flowHref('where')}>
        <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
          <path d="M12 5v14M5 12h14" />
        </svg>
        {t().home.report}
      </a>
    </nav>
  );
}
