/**
 * "How we are doing" (`#/insight`) and the staff planning dashboard (`#/staff/insight`):
 * reports over time, response times against the promise, the channel mix, hot spots, the
 * ditch network and the most supported open reports. Loaded lazily with its charting library.
 * Every chart has a text summary and a data table; every figure downloads as CSV.
 */
import { createEffect, For, Match, onMount, Show, Switch } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { categoryLabel, format, formatNumber } from '../i18n/index.ts';
import { MAP_HREF } from '../router.ts';
import { labelOf } from './api.ts';
import { HotSpots } from './HotSpots.tsx';
import { Network } from './Network.tsx';
import { ti } from './i18n/index.ts';
import { createInsight, days, pct, readFilters, type Insight } from './insight-state.ts';
import { ChannelsSection, TimingSection, TopSection, VolumeSection } from './Sections.tsx';
import { EvidenceSection } from './Evidence.tsx';
import { ConversationsSection } from './Conversations.tsx';
import './insight.css';

function FilterForm(props: { s: Insight; categories: readonly Category[] }) {
  const s = props.s;
  return (
    <form
      class="insight-filters"
      onSubmit={(e) => {
        e.preventDefault();
        s.apply();
      }}
    >
      <fieldset>
        <legend>{ti().filters.legend}</legend>
        <label>
          {ti().filters.from}
          <input type="date" value={s.draft().from} onChange={(e) => s.editDraft({ from: e.currentTarget.value })} />
        </label>
        <label>
          {ti().filters.to}
          <input type="date" value={s.draft().to} onChange={(e) => s.editDraft({ to: e.currentTarget.value })} />
        </label>
        <label>
          {ti().filters.category}
          <select value={s.draft().category} onChange={(e) => s.editDraft({ category: e.currentTarget.value })}>
            <option value="">{ti().filters.all}</option>
            <For each={props.categories}>{(c) => <option value={c.code}>{categoryLabel(c, c.code)}</option>}</For>
          </select>
        </label>
        <label>
          {ti().filters.area}
          <select value={s.draft().area} onChange={(e) => s.editDraft({ area: e.currentTarget.value })}>
            <option value="">{ti().filters.all}</option>
            <For each={(s.areas.latest?.series ?? []).filter((x) => x.key !== 'none')}>{(x) => <option value={x.key}>{labelOf(x.label)}</option>}</For>
          </select>
        </label>
        <button type="submit" class="button button-primary">
          {ti().filters.apply}
        </button>
        <button type="button" class="button button-quiet" onClick={() => s.reset()}>
          {ti().filters.reset}
        </button>
      </fieldset>
    </form>
  );
}

function Headline(props: { s: Insight }) {
  const s = props.s;
  return (
    <section class="insight-section insight-headline" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{ti().summary.heading}</h2>
      <Show when={s.channels.latest}>{(v) => <p>{format(ti().summary.received, { count: formatNumber(v().total), from: v().period.from, to: v().period.to })}</p>}</Show>
      <Show when={s.allRow()?.resolved}>
        <p>{format(ti().summary.resolveMedian, { days: days(s.allRow()!.resolveMedianDays), p90: days(s.allRow()!.resolveP90Days) })}</p>
      </Show>
      <Show when={s.allRow()?.due}>
        <p>{format(ti().summary.withinPromise, { share: pct(s.allRow()!.shareWithinPromise), within: formatNumber(s.allRow()!.withinPromise), due: formatNumber(s.allRow()!.due) })}</p>
      </Show>
      <Show when={s.channelShares()}>{(x) => <p>{format(ti().summary.web, { web: pct(x().web), webBefore: pct(x().webBefore), phone: pct(x().phone), phoneBefore: pct(x().phoneBefore) })}</p>}</Show>
    </section>
  );
}

function PageIntro(props: { staff: boolean }) {
  return (
    <>
      <p>{ti().intro}</p>
      <Show when={props.staff}>
        <p>{ti().staffIntro}</p>
      </Show>
      <details class="insight-rules">
        <summary>{ti().rulesLink}</summary>
        <ul>
          <For each={ti().rules}>{(r) => <li>{r}</li>}</For>
        </ul>
      </details>
    </>
  );
}

function Dashboard(props: { s: Insight; config: SiteConfig; categories: readonly Category[] }) {
  const s = props.s;
  return (
    <>
      <FilterForm s={s} categories={props.categories} />
      <Show when={s.volume.error || s.timing.error || s.channels.error}>
        <p role="alert" class="insight-error">
          {ti().failed}
        </p>
      </Show>
      <Headline s={s} />
      <VolumeSection s={s} />
      <TimingSection s={s} />
      <ChannelsSection s={s} />
      <HotSpots config={props.config} base={s.base} category={s.filters().category} area={s.filters().area} />
      <Network config={props.config} staff={s.staff} csrf={s.csrf()} />
      <TopSection s={s} />
      <EvidenceSection s={s} />
      <ConversationsSection s={s} config={props.config} />
    </>
  );
}

export default function InsightPage(props: { config: SiteConfig; categories: readonly Category[]; siteName: string; staff: boolean }) {
  const s = createInsight({
    staff: props.staff,
    categories: () => props.categories,
    initial: readFilters(location.hash),
    setAddress: (hash) => history.replaceState(history.state, '', hash),
  });

  let heading!: HTMLHeadingElement;
  onMount(() => {
    window.scrollTo(0, 0);
    heading.focus();
  });
  createEffect(() => {
    document.title = `${props.staff ? ti().staffTitle : ti().title} · ${props.siteName}`;
  });

  return (
    <div class="page insight-page">
      <p class="page-back">
        <a class="button button-quiet" href={props.staff ? '#/staff' : MAP_HREF}>
          <span aria-hidden="true">← </span>
          {props.staff ? ti().backStaff : ti().back}
        </a>{' '}
        <a class="button button-quiet" href={props.staff ? '#/insight' : '#/staff/insight'}>
          {props.staff ? ti().publicLink : ti().staffLink}
        </a>
      </p>
      <div class="page-body">
        <h1 ref={heading} tabindex="-1" class="page-title">
          {props.staff ? ti().staffTitle : ti().title}
        </h1>
        <PageIntro staff={props.staff} />
        <Switch>
          <Match when={s.signedOut()}>
            <p role="alert">
              {ti().signIn} <a href={`#/staff/login?next=${encodeURIComponent('#/staff/insight')}`}>{ti().signInLink}</a>
            </p>
          </Match>
          <Match when={s.ready()}>
            <Dashboard s={s} config={props.config} categories={props.categories} />
          </Match>
          <Match when={true}>
            <p class="page-message" role="status">
              {ti().loading}
            </p>
          </Match>
        </Switch>
      </div>
    </div>
  );
}
