import { format, t } from '../i18n/index.ts';
import { MAP_HREF } from '../router.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

export function Header(props: { siteName: string; locales?: readonly string[] }) {
  return (
    <header class="topbar">
      <a class="site-name" href={MAP_HREF} title={format(t().app.siteHome, { site: props.siteName })}>
        <svg class="site-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2C8 2 5 5 5 9c0 5.2 7 13 7 13s7-7.8 7-13c0-4-3-7-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z" />
        </svg>
        <span class="site-name-text">{props.siteName}</span>
      </a>
      <LanguageSwitcher available={props.locales} />
    </header>
  );
}
