/**
 * `#/privacy`: the privacy notice generated from the server's settings and the retention rules
 * its jobs apply (`GET /api/privacy`), so what the page promises is what happens. Loaded lazily.
 */
import { createResource, For, Show } from 'solid-js';
import type { PrivacyNotice } from '@groundswell/core/schemas';
import { fetchPrivacy } from '../api/client.ts';
import { format, locale } from '../i18n/index.ts';
import { plural } from '../i18n/catalogue.ts';
import { HOW_WE_LISTEN_HREF, ME_HREF } from '../router.ts';
import { Page } from '../ui/Page.tsx';
import { pv } from './i18n/index.ts';

type Item = PrivacyNotice['items'][number];
type Period = { count: number; unit: 'minutes' | 'days' | 'weeks' | 'months' };

const period = (p: Period) => plural(pv().periods[p.unit], p.count, locale());

/** The item's periods in words, keyed as its `kept` and `why` texts name them. */
function periods(item: Item): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(item)) if (key !== 'id' && value && typeof value === 'object') out[key] = period(value as Period);
  return out;
}

export default function PrivacyPage(props: { siteName: string }) {
  const [notice] = createResource(fetchPrivacy);
  return (
    <Page title={pv().title} siteName={props.siteName}>
      <p>{pv().intro}</p>
      <Show when={notice.error}>
        <p class="notice notice-error" role="alert">
          {pv().failed}
        </p>
      </Show>
      <Show when={notice()}>
        {(n) => (
          <>
            <p>{format(pv().controller, { name: n().controller.name })}</p>
            <p>{n().controller.contact ? format(pv().contact, { email: n().controller.contact! }) : format(pv().noContact, { name: n().controller.name })}</p>
            <p>
              <a href={ME_HREF}>{pv().myReports}</a>
            </p>
            <p>
              <a href={HOW_WE_LISTEN_HREF}>{pv().howWeListen}</a>
            </p>
            <Show when={n().controller.policyUrl}>
              {(url) => (
                <p>
                  <a href={url()} rel="noopener">
                    {pv().policy}
                  </a>
                </p>
              )}
            </Show>
            <For each={n().items}>
              {(item) => {
                const words = () => pv().items[item.id];
                return (
                  <section class="privacy-item" aria-labelledby={`privacy-${item.id}`}>
                    <h2 id={`privacy-${item.id}`}>{words().heading}</h2>
                    <p>{format(words().why, periods(item))}</p>
                    <p>{format(words().kept, periods(item))}</p>
                  </section>
                );
              }}
            </For>
          </>
        )}
      </Show>
    </Page>
  );
}
