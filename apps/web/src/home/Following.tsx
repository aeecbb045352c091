import { For, Show, createResource, createSignal } from 'solid-js';
import { getAreas } from '../api/client.ts';
import { FollowForm } from '../reports/FollowForm.tsx';
import { following } from '../device.ts';
import { format, formatDate, t } from '../i18n/index.ts';
import { ME_HREF, reportHref } from '../router.ts';
import { Page } from '../ui/Page.tsx';
import { ReportState } from './ReportState.tsx';

/** Follow a named area: every new report and public answer inside it, by email. */
function FollowArea() {
  const [areas] = createResource(() => getAreas());
  const [code, setCode] = createSignal('');
  return (
    <Show when={(areas() ?? []).length > 0}>
      <section class="follow-area" aria-labelledby="follow-area-heading">
        <h2 id="follow-area-heading">{t().following.areaHeading}</h2>
        <label class="field-label" for="follow-area-select">
          {t().following.areaLabel}
        </label>
        <select id="follow-area-select" class="input" value={code()} onChange={(e) => setCode(e.currentTarget.value)}>
          <option value="">{t().following.areaChoose}</option>
          <For each={areas()}>{(a) => <option value={a.code}>{a.name}</option>}</For>
        </select>
        <Show when={code()} keyed>
          {(c) => <FollowForm areaCode={c} headingLevel={3} heading={areas()!.find((a) => a.code === c)?.name ?? c} intro={t().following.areaIntro} />}
        </Show>
      </section>
    </Show>
  );
}

/** `#/following`: reports this device asked to follow by email, and a way to follow an area. */
export function FollowingPage(props: { siteName: string }) {
  return (
    <Page title={t().following.heading} siteName={props.siteName}>
      <p>{t().following.intro}</p>
      <p class="callout">
        {t().me.linkHint} <a href={ME_HREF}>{t().me.link}</a>
      </p>
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
      <FollowArea />
    </Page>
  );
}
