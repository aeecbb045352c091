/**
 * `#/how-we-listen`: what the listening inbox listens to, made from its settings
 * (`GET /api/listening`): the sources switched on, the keywords, what is kept and for how
 * long, whom to ask. No mention and no handle ever reaches it. Loaded lazily.
 */
import { createResource, For, Show } from 'solid-js';
import type { HowWeListenSchema } from '@groundswell/core/schemas';
import { createHttp } from '../api/http.ts';
import { format, locale } from '../i18n/index.ts';
import { PRIVACY_HREF } from '../router.ts';
import { Page } from '../ui/Page.tsx';
import { hw } from './i18n/index.ts';

type HowWeListen = (typeof HowWeListenSchema)['_zod']['output'];

export default function HowWeListenPage(props: { siteName: string }) {
  const [info] = createResource(() => createHttp({ language: locale }).get<HowWeListen>('/api/listening'));
  return (
    <Page title={hw().title} siteName={props.siteName}>
      <p>{hw().intro}</p>
      <Show when={info.error}>
        <p class="notice notice-error" role="alert">
          {hw().failed}
        </p>
      </Show>
      <Show when={info()}>
        {(i) => (
          <>
            <Show when={i().enabled} fallback={<p>{hw().off}</p>}>
              <section aria-labelledby="hw-sources">
                <h2 id="hw-sources">{hw().sourcesHeading}</h2>
                <ul class="hw-sources">
                  <For each={i().sources}>{(s) => <li data-kind={s.kind}>{`${hw().kinds[s.kind] ?? s.kind}: ${s.name}`}</li>}</For>
                </ul>
              </section>
              <section aria-labelledby="hw-keywords">
                <h2 id="hw-keywords">{hw().keywordsHeading}</h2>
                <p>{hw().keywordsIntro}</p>
                <For each={i().keywords}>
                  {(k) => (
                    <div class="hw-language">
                      <h3>{hw().languages[k.language] ?? k.language}</h3>
                      <p class="hw-keywords" lang={k.language}>
                        {k.keywords.join(', ')}
                      </p>
                      <Show when={k.exclusions.length > 0}>
                        <p lang={k.language}>{format(hw().except, { words: k.exclusions.join(', ') })}</p>
                      </Show>
                    </div>
                  )}
                </For>
              </section>
            </Show>
            <section aria-labelledby="hw-kept">
              <h2 id="hw-kept">{hw().keptHeading}</h2>
              <ul>
                <For each={hw().stored}>{(s) => <li>{s}</li>}</For>
                <li>{format(hw().unconverted, { days: i().kept.unconvertedDays })}</li>
                <li>{hw().converted}</li>
              </ul>
            </section>
            <section aria-labelledby="hw-never">
              <h2 id="hw-never">{hw().neverHeading}</h2>
              <ul>
                <For each={hw().never}>{(s) => <li>{s}</li>}</For>
              </ul>
            </section>
            <section aria-labelledby="hw-contact">
              <h2 id="hw-contact">{hw().contactHeading}</h2>
              <p>{i().contact ? format(hw().contact, { email: i().contact! }) : hw().noContact}</p>
              <p>
                <a href={PRIVACY_HREF}>{hw().privacy}</a>
              </p>
            </section>
          </>
        )}
      </Show>
    </Page>
  );
}
