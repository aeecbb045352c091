import { For, Show } from 'solid-js';
import { following } from '../device.ts';
import { format, formatDate, t } from '../i18n/index.ts';
import { reportHref } from '../router.ts';
import { Page } from '../ui/Page.tsx';
import { ReportState } from './ReportState.tsx';

/** `#/following`: reports this device asked to follow by email. */
export function FollowingPage(props: { siteName: string }) {
  return (
    <Page title={t().following.heading} siteName={props.siteName}>
      <p>{t().following.intro}</p>
      <Show when={following.items().length > 0} fallback={<p class="callout">{t().following.empty}</p>}>
        <ul class="cards">
          <For each={following.items()}>
            {(f) => (
              <li class="card">
                <a class="card-title" href={reportHref(f.id)}>
                  {f.id}
                </a>
                <p class="item-meta">{format(t().following.since, { date: formatDate(f.since) })}</p>
                <ReportState id={f.id} showCategory />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Page>
  );
}
