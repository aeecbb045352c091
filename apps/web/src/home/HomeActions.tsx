import { createSignal, Show } from 'solid-js';
import { format, t } from '../i18n/index.ts';
import { outboxEntries } from '../outbox/outbox.ts';
import { FOLLOWING_HREF, flowHref, HOW_WE_LISTEN_HREF, INSIGHT_HREF, MINE_HREF, OPEN_DATA_HREF, PRIVACY_HREF } from '../router.ts';

/**
 * "More": the pages a resident rarely needs but should be able to find (the council's
 * figures, the open data), behind one small button so the map keeps its room on a phone.
 */
function MoreMenu() {
  const [open, setOpen] = createSignal(false);
  let toggle!: HTMLButtonElement;
  // Escape closes the menu from the button or either link, and gives focus back to the button.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open()) {
      setOpen(false);
      toggle.focus();
    }
  };
  return (
    <div class="home-more">
      <button type="button" ref={toggle} class="button home-link" aria-expanded={open()} aria-controls="home-more-menu" onKeyDown={onKeyDown} onClick={() => setOpen((o) => !o)}>
        <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
          <path d="M5 12h.01M12 12h.01M19 12h.01" />
        </svg>
        {t().more.toggle}
      </button>
      <Show when={open()}>
        <ul id="home-more-menu" class="home-more-menu" aria-label={t().more.menu}>
          <li>
            <a href={INSIGHT_HREF} onKeyDown={onKeyDown} onClick={() => setOpen(false)}>
              {t().more.insight}
            </a>
          </li>
          <li>
            <a href={OPEN_DATA_HREF} onKeyDown={onKeyDown} onClick={() => setOpen(false)}>
              {t().more.openData}
            </a>
          </li>
          <li>
            <a href={PRIVACY_HREF} onKeyDown={onKeyDown} onClick={() => setOpen(false)}>
              {t().more.privacy}
            </a>
          </li>
          <li>
            <a href={HOW_WE_LISTEN_HREF} onKeyDown={onKeyDown} onClick={() => setOpen(false)}>
              {t().more.listening}
            </a>
          </li>
        </ul>
      </Show>
    </div>
  );
}

/**
 * The bottom of the home screen, within reach of a thumb: the big "Report a problem" and,
 * one tap away, the resident's own reports, the ones they follow and "More". `list` is the list
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
        <MoreMenu />
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
