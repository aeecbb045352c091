import { For } from 'solid-js';
import { LOCALES, locale, setLocale, t, type Locale } from '../i18n/index.ts';

/** EN / PL buttons; each language's name is given in that language. */
export function LanguageSwitcher(props: { available?: readonly string[] }) {
  const shown = () => LOCALES.filter((l) => !props.available || props.available.includes(l));
  return (
    <div class="lang-switch" role="group" aria-label={t().language.label}>
      <For each={shown()}>
        {(code: Locale) => (
          <button type="button" class="lang-button" lang={code} aria-pressed={locale() === code} aria-label={`${code.toUpperCase()}: ${t().language[code]}`} onClick={() => setLocale(code)}>
            {code.toUpperCase()}
          </button>
        )}
      </For>
    </div>
  );
}
