/**
 * "How we are doing" (`#/insight`) and the staff planning dashboard (`#/staff/insight`):
 * reports over time, response times against the promise, the channel mix, hot spots, the
 * ditch network and the most supported open reports. Loaded lazily with its charting library.
 * Every chart has a text summary and a data table; every figure downloads as CSV.
 */
import { createEffect, createMemo, createResource, createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import * as Plot from '@observablehq/plot';
import type { Category, Channel } from '@groundswell/core';
import type { SiteConfig } from '../api/types.ts';
import { categoryLabel, format, formatNumber, locale, stateLabel } from '../i18n/index.ts';
import { MAP_HREF } from '../router.ts';
import { getJson, InsightHttpError, labelOf, query, type Timing, type TimingRow, type TopReport, type Volume } from './api.ts';
import { Chart, CsvLink, DataTable } from './Chart.tsx';
import { SERIES_COLORS } from './colors.ts';
import { HotSpots } from './HotSpots.tsx';
import { Network } from './Network.tsx';
import { ti } from './i18n/index.ts';
import './insight.css';

type Group = 'category' | 'area' | 'state' | 'channel' | 'team';
const CHANNEL_ORDER: Channel[] = ['web', 'phone', 'email', 'social_media', 'in_person', 'open311'];
const CHANNEL_COLORS: Record<Channel, string> = { web: '#0072b2', phone: '#e69f00', email: '#009e73', social_media: '#cc79a7', in_person: '#56b4e9', open311: '#6b7682' };

interface Filters {
  from: string;
  to: string;
  category: string;
  area: string;
}

function readFilters(): Filters {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return { from: q.get('from') ?? '', to: q.get('to') ?? '', category: q.get('category') ?? '', area: q.get('area') ?? '' };
}

const pct = (share: number | null | undefined) => (share === null || share === undefined || Number.isNaN(share) ? '–' : `${formatNumber(share * 100)}%`);
const days = (d: number | null | undefined) => (d === null || d === undefined ? '–' : formatNumber(d, 1));

export default function InsightPage(props: { config: SiteConfig; categories: readonly Category[]; siteName: string; staff: boolean }) {
  const base = props.staff ? '/api/staff/insight' : '/api/insight';
  const [me] = createResource(
    () => props.staff,
    async (staff) => (staff ? getJson<{ name: string; csrfToken: string }>('/api/staff/me') : { name: '', csrfToken: '' }),
  );
  const signedOut = () => me.error instanceof InsightHttpError && me.error.status === 401;

  const [filters, setFilters] = createSignal<Filters>(readFilters());
  const [draft, setDraft] = createSignal<Filters>(filters());
  const q = () => query({ from: filters().from, to: filters().to, category: filters().category, area: filters().area });
  // Reading a failed resource throws: ask its state instead.
  const ready = () => !props.staff || me.state === 'ready';
  const [group, setGroup] = createSignal<Group>('category');
  const [timingBy, setTimingBy] = createSignal<'category' | 'team'>(props.staff ? 'team' : 'category');

  const load = <T,>(path: () => string | false) => createResource(path, (url) => getJson<T>(url));
  const [volume] = load<Volume>(() => ready() && `${base}/volume?${query({ by: group() })}&${q()}`);
  const [channels] = load<Volume>(() => ready() && `${base}/volume?by=channel&${q()}`);
  const [timing] = load<Timing>(() => ready() && `${base}/response-times?by=${timingBy()}&${q()}`);
  const [top] = load<{ reports: TopReport[] }>(() => ready() && `${base}/top-supported?limit=10&${q()}`);
  // The areas to choose from: every area that has reports in the period.
  const [areas] = load<Volume>(() => ready() && `${base}/volume?by=area&${query({ from: filters().from, to: filters().to })}`);

  let heading!: HTMLHeadingElement;
  onMount(() => {
    window.scrollTo(0, 0);
    heading.focus();
  });
  createEffect(() => {
    document.title = `${props.staff ? ti().staffTitle : ti().title} · ${props.siteName}`;
  });

  const apply = (e: Event) => {
    e.preventDefault();
    setFilters(draft());
    const hash = `${props.staff ? '#/staff/insight' : '#/insight'}${q() ? `?${q()}` : ''}`;
    history.replaceState(history.state, '', hash);
  };
  const reset = () => {
    const empty = { from: '', to: '', category: '', area: '' };
    setDraft(empty);
    setFilters(empty);
    history.replaceState(history.state, '', props.staff ? '#/staff/insight' : '#/insight');
  };

  const categoryByCode = createMemo(() => new Map(props.categories.map((c) => [c.code, c])));
  const seriesName = (by: string, key: string, label: Volume['series'][number]['label']) => {
    if (by === 'category') return categoryLabel(categoryByCode().get(key), labelOf(label));
    if (by === 'state') return stateLabel(key as never);
    if (by === 'channel') return ti().channels.names[key as Channel] ?? key;
    return key === 'none' ? '–' : labelOf(label);
  };
  const seriesColor = (by: string, key: string, i: number) => {
    if (by === 'category') return categoryByCode().get(key)?.color ?? SERIES_COLORS[i % SERIES_COLORS.length]!;
    if (by === 'channel') return CHANNEL_COLORS[key as Channel] ?? SERIES_COLORS[i % SERIES_COLORS.length]!;
    return SERIES_COLORS[i % SERIES_COLORS.length]!;
  };
  const monthLabel = (m: string) => new Intl.DateTimeFormat(locale() === 'pl' ? 'pl-PL' : 'en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));

  /** Month ticks that fit: every month on a wide chart, every second or third on a phone. */
  const monthTicks = (months: string[], width: number) => {
    const step = Math.max(1, Math.ceil((months.length * 52) / Math.max(1, width - 60)));
    return months.filter((_, i) => (months.length - 1 - i) % step === 0);
  };
  const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

  /** The long form Plot wants: one row per month and series. */
  const long = (v: Volume) => v.series.flatMap((s, i) => v.months.map((m, j) => ({ month: m, key: s.key, name: seriesName(v.by, s.key, s.label), color: seriesColor(v.by, s.key, i), count: s.counts[j]! })));
  const colorScale = (v: Volume) => ({
    domain: v.series.map((s) => seriesName(v.by, s.key, s.label)),
    range: v.series.map((s, i) => seriesColor(v.by, s.key, i)),
    legend: true,
  });

  const allRow = () => timing.latest?.rows.find((r) => r.key === 'all');
  const channelShares = createMemo(() => {
    const v = channels.latest;
    if (!v || v.months.length === 0) return undefined;
    const n = v.months.length;
    const k = Math.min(3, Math.max(1, Math.floor(n / 2)));
    const sum = (arr: number[], a: number, b: number) => arr.slice(a, b).reduce((x, y) => x + y, 0);
    const of = (key: string) => v.series.find((s) => s.key === key)?.counts ?? v.months.map(() => 0);
    const share = (key: string, a: number, b: number) => {
      const all = sum(v.totals, a, b);
      return all ? sum(of(key), a, b) / all : null;
    };
    return {
      web: share('web', n - k, n),
      webBefore: share('web', 0, k),
      phone: share('phone', n - k, n),
      phoneBefore: share('phone', 0, k),
      firstMonths: `${monthLabel(v.months[0]!)} – ${monthLabel(v.months[k - 1]!)}`,
      lastMonths: `${monthLabel(v.months[n - k]!)} – ${monthLabel(v.months[n - 1]!)}`,
    };
  });

  const timingName = (r: TimingRow) => (r.key === 'all' ? ti().timing.all : timingBy() === 'category' ? categoryLabel(categoryByCode().get(r.key), labelOf(r.label)) : labelOf(r.label));
  const promise = (r: TimingRow) => (r.promiseDaysMin === null ? '–' : r.promiseDaysMin === r.promiseDaysMax ? String(r.promiseDaysMin) : `${r.promiseDaysMin}–${r.promiseDaysMax}`);

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

        <Switch>
          <Match when={signedOut()}>
            <p role="alert">
              {ti().signIn} <a href={`#/staff/login?next=${encodeURIComponent('#/staff/insight')}`}>{ti().signInLink}</a>
            </p>
          </Match>
          <Match when={ready()}>
            <form class="insight-filters" onSubmit={apply}>
              <fieldset>
                <legend>{ti().filters.legend}</legend>
                <label>
                  {ti().filters.from}
                  <input type="date" value={draft().from} onChange={(e) => setDraft({ ...draft(), from: e.currentTarget.value })} />
                </label>
                <label>
                  {ti().filters.to}
                  <input type="date" value={draft().to} onChange={(e) => setDraft({ ...draft(), to: e.currentTarget.value })} />
                </label>
                <label>
                  {ti().filters.category}
                  <select value={draft().category} onChange={(e) => setDraft({ ...draft(), category: e.currentTarget.value })}>
                    <option value="">{ti().filters.all}</option>
                    <For each={props.categories}>{(c) => <option value={c.code}>{categoryLabel(c, c.code)}</option>}</For>
                  </select>
                </label>
                <label>
                  {ti().filters.area}
                  <select value={draft().area} onChange={(e) => setDraft({ ...draft(), area: e.currentTarget.value })}>
                    <option value="">{ti().filters.all}</option>
                    <For each={(areas.latest?.series ?? []).filter((s) => s.key !== 'none')}>{(s) => <option value={s.key}>{labelOf(s.label)}</option>}</For>
                  </select>
                </label>
                <button type="submit" class="button button-primary">
                  {ti().filters.apply}
                </button>
                <button type="button" class="button button-quiet" onClick={reset}>
                  {ti().filters.reset}
                </button>
              </fieldset>
            </form>

            <Show when={volume.error || timing.error || channels.error}>
              <p role="alert" class="insight-error">
                {ti().failed}
              </p>
            </Show>

            <section class="insight-section insight-headline" aria-labelledby="summary-heading">
              <h2 id="summary-heading">{ti().summary.heading}</h2>
              <Show when={channels.latest}>
                {(v) => <p>{format(ti().summary.received, { count: formatNumber(v().total), from: v().period.from, to: v().period.to })}</p>}
              </Show>
              <Show when={allRow()?.resolved}>
                <p>{format(ti().summary.resolveMedian, { days: days(allRow()!.resolveMedianDays), p90: days(allRow()!.resolveP90Days) })}</p>
              </Show>
              <Show when={allRow()?.due}>
                <p>{format(ti().summary.withinPromise, { share: pct(allRow()!.shareWithinPromise), within: formatNumber(allRow()!.withinPromise), due: formatNumber(allRow()!.due) })}</p>
              </Show>
              <Show when={channelShares()}>
                {(s) => <p>{format(ti().summary.web, { web: pct(s().web), webBefore: pct(s().webBefore), phone: pct(s().phone), phoneBefore: pct(s().phoneBefore) })}</p>}
              </Show>
            </section>

            <section class="insight-section" aria-labelledby="volume-heading">
              <h2 id="volume-heading">{ti().volume.heading}</h2>
              <div class="insight-controls">
                <label>
                  {ti().volume.by}{' '}
                  <select value={group()} onChange={(e) => setGroup(e.currentTarget.value as Group)}>
                    <For each={(props.staff ? ['category', 'area', 'state', 'team'] : ['category', 'area', 'state']) as Group[]}>{(g) => <option value={g}>{ti().volume.groups[g]}</option>}</For>
                  </select>
                </label>
              </div>
              <Show when={volume.latest}>
                {(v) => (
                  <Show when={v().total > 0} fallback={<p>{ti().noData}</p>}>
                    <p class="insight-summary">
                      {(() => {
                        const busiest = v().totals.reduce((best, n, i) => (n > v().totals[best]! ? i : best), 0);
                        const biggest = v().series[0]!;
                        return format(ti().volume.summary, {
                          total: formatNumber(v().total),
                          months: v().months.length,
                          month: monthLabel(v().months[busiest]!),
                          count: formatNumber(v().totals[busiest]!),
                          group: seriesName(v().by, biggest.key, biggest.label),
                          groupCount: formatNumber(biggest.total),
                        });
                      })()}
                    </p>
                    <Chart
                      class="chart-volume"
                      label={format(ti().volume.chartLabel, { by: ti().volume.groups[v().by as Group].toLowerCase() })}
                      render={(width) =>
                        Plot.plot({
                          width,
                          height: 300,
                          marginLeft: 44,
                          x: { label: null, tickFormat: monthLabel, type: 'band', ticks: monthTicks(v().months, width) },
                          y: { grid: true, label: null },
                          color: colorScale(v()),
                          marks: [Plot.barY(long(v()), { x: 'month', y: 'count', fill: 'name', title: (d: { name: string; count: number }) => `${d.name}: ${d.count}` }), Plot.ruleY([0])],
                        })
                      }
                    />
                    <DataTable
                      caption={ti().volume.heading}
                      rows={v().months.map((m, i) => ({ m, i }))}
                      columns={[
                        { label: ti().volume.month, value: (r) => monthLabel(r.m) },
                        ...v().series.map((s) => ({ label: seriesName(v().by, s.key, s.label), value: (r: { i: number }) => formatNumber(s.counts[r.i]!), numeric: true })),
                        { label: ti().volume.total, value: (r) => formatNumber(v().totals[r.i]!), numeric: true },
                      ]}
                    />
                    <CsvLink href={`${base}/volume?${query({ by: group() })}&${q()}&format=csv`} />
                  </Show>
                )}
              </Show>
            </section>

            <section class="insight-section" aria-labelledby="timing-heading">
              <h2 id="timing-heading">{ti().timing.heading}</h2>
              <div class="insight-controls">
                <label>
                  {ti().timing.by}{' '}
                  <select value={timingBy()} onChange={(e) => setTimingBy(e.currentTarget.value as 'category' | 'team')}>
                    <option value="category">{ti().timing.groups.category}</option>
                    <option value="team">{ti().timing.groups.team}</option>
                  </select>
                </label>
              </div>
              <Show when={timing.latest}>
                {(tm) => {
                  const rows = () => tm().rows.filter((r) => r.key !== 'all' && r.reports > 0);
                  const slowest = () => [...rows()].filter((r) => r.resolveMedianDays !== null).sort((a, b) => b.resolveMedianDays! - a.resolveMedianDays!)[0];
                  return (
                    <Show when={rows().length} fallback={<p>{ti().noData}</p>}>
                      <p class="insight-summary">
                        {format(ti().timing.summary, { ack: days(allRow()?.acknowledgeMedianDays), res: days(allRow()?.resolveMedianDays), share: pct(allRow()?.shareWithinPromise) })}{' '}
                        <Show when={slowest()}>{(s) => format(ti().timing.slowest, { name: timingName(s()), days: days(s().resolveMedianDays), promise: promise(s()) })}</Show>
                      </p>
                      <ul class="insight-key" aria-hidden="true">
                        <li>
                          <span class="insight-swatch" style={{ background: '#0b5d4b' }} />
                          {ti().timing.legendMedian}
                        </li>
                        <li>
                          <span class="insight-tick" />
                          {ti().timing.legendP90}
                        </li>
                        <li>
                          <span class="insight-diamond" />
                          {ti().timing.legendPromise}
                        </li>
                      </ul>
                      <Chart
                        class="chart-timing"
                        label={format(ti().timing.chartLabel, { by: ti().timing.groups[timingBy()].toLowerCase() })}
                        render={(width) => {
                          const data = rows().map((r) => ({ name: timingName(r), median: r.resolveMedianDays, p90: r.resolveP90Days, promise: r.promiseDaysMax }));
                          return Plot.plot({
                            width,
                            height: 60 + 40 * data.length,
                            marginLeft: width < 560 ? 130 : 200,
                            x: { grid: true, label: ti().timing.days, labelAnchor: 'right' },
                            y: { label: null, domain: data.map((d) => d.name), tickFormat: (name: string) => shorten(name, width < 560 ? 15 : 30) },
                            marks: [
                              Plot.barX(data, { x: 'median', y: 'name', fill: '#0b5d4b', title: (d: { name: string; median: number }) => `${d.name}: ${d.median}` }),
                              Plot.tickX(data, { x: 'p90', y: 'name', stroke: '#1b1f23', strokeWidth: 3 }),
                              Plot.dot(data, { x: 'promise', y: 'name', symbol: 'diamond', fill: '#e69f00', stroke: '#1b1f23', r: 6 }),
                              Plot.ruleX([0]),
                            ],
                          });
                        }}
                      />
                      <DataTable
                        caption={ti().timing.heading}
                        rows={tm().rows.filter((r) => r.reports > 0)}
                        columns={[
                          { label: ti().timing.cols.name, value: timingName },
                          { label: ti().timing.cols.promise, value: promise, numeric: true },
                          { label: ti().timing.cols.reports, value: (r) => formatNumber(r.reports), numeric: true },
                          { label: ti().timing.cols.ackMedian, value: (r) => days(r.acknowledgeMedianDays), numeric: true },
                          { label: ti().timing.cols.ackP90, value: (r) => days(r.acknowledgeP90Days), numeric: true },
                          { label: ti().timing.cols.resMedian, value: (r) => days(r.resolveMedianDays), numeric: true },
                          { label: ti().timing.cols.resP90, value: (r) => days(r.resolveP90Days), numeric: true },
                          { label: ti().timing.cols.within, value: (r) => `${pct(r.shareWithinPromise)} (${formatNumber(r.withinPromise)}/${formatNumber(r.due)})`, numeric: true },
                        ]}
                      />
                      <CsvLink href={`${base}/response-times?by=${timingBy()}&${q()}&format=csv`} />
                    </Show>
                  );
                }}
              </Show>
            </section>

            <section class="insight-section" aria-labelledby="channels-heading">
              <h2 id="channels-heading">{ti().channels.heading}</h2>
              <Show when={channels.latest}>
                {(v) => (
                  <Show when={v().total > 0} fallback={<p>{ti().noData}</p>}>
                    <Show when={channelShares()}>
                      {(s) => (
                        <p class="insight-summary">
                          {format(ti().channels.summary, { first: pct(s().webBefore), firstMonths: s().firstMonths, last: pct(s().web), lastMonths: s().lastMonths, phoneFirst: pct(s().phoneBefore), phoneLast: pct(s().phone) })}
                        </p>
                      )}
                    </Show>
                    <Chart
                      class="chart-channels"
                      label={ti().channels.chartLabel}
                      render={(width) => {
                        const order = CHANNEL_ORDER.filter((c) => v().series.some((s) => s.key === c));
                        const data = long(v()).sort((a, b) => order.indexOf(a.key as Channel) - order.indexOf(b.key as Channel));
                        return Plot.plot({
                          width,
                          height: 280,
                          marginLeft: 44,
                          x: { label: null, tickFormat: monthLabel, type: 'band', ticks: monthTicks(v().months, width) },
                          y: { label: ti().channels.share, percent: true, grid: true },
                          color: { domain: order.map((c) => ti().channels.names[c]), range: order.map((c) => CHANNEL_COLORS[c]), legend: true },
                          marks: [Plot.barY(data, { x: 'month', y: 'count', fill: 'name', offset: 'normalize', order: (d: { key: string }) => order.indexOf(d.key as Channel) }), Plot.ruleY([0])],
                        });
                      }}
                    />
                    <DataTable
                      caption={ti().channels.heading}
                      rows={v().months.map((m, i) => ({ m, i }))}
                      columns={[
                        { label: ti().volume.month, value: (r) => monthLabel(r.m) },
                        ...CHANNEL_ORDER.filter((c) => v().series.some((s) => s.key === c)).map((c) => {
                          const s = v().series.find((x) => x.key === c)!;
                          return {
                            label: ti().channels.names[c],
                            value: (r: { i: number }) => `${formatNumber(s.counts[r.i]!)} (${pct(v().totals[r.i] ? s.counts[r.i]! / v().totals[r.i]! : null)})`,
                            numeric: true,
                          };
                        }),
                        { label: ti().volume.total, value: (r) => formatNumber(v().totals[r.i]!), numeric: true },
                      ]}
                    />
                    <CsvLink href={`${base}/volume?by=channel&${q()}&format=csv`} />
                  </Show>
                )}
              </Show>
            </section>

            <HotSpots config={props.config} base={base} category={filters().category} area={filters().area} />
            <Network config={props.config} staff={props.staff} csrf={me.state === 'ready' ? me()?.csrfToken : undefined} />

            <section class="insight-section" aria-labelledby="top-heading">
              <h2 id="top-heading">{ti().top.heading}</h2>
              <Show when={top.latest}>
                {(tp) => (
                  <Show when={tp().reports.length} fallback={<p>{ti().top.none}</p>}>
                    <ol class="insight-top">
                      <For each={tp().reports}>
                        {(r) => (
                          <li>
                            <a href={`#/reports/${encodeURIComponent(r.id)}`}>{categoryLabel(categoryByCode().get(r.category), r.categoryName[locale()] ?? r.categoryName.en ?? r.category)}</a>
                            {r.area ? `, ${r.area}` : ''} — {stateLabel(r.state as never)}, {format(ti().top.supporters, { count: formatNumber(r.supportCount) })}
                          </li>
                        )}
                      </For>
                    </ol>
                    <CsvLink href={`${base}/top-supported?limit=10&${q()}&format=csv`} />
                  </Show>
                )}
              </Show>
            </section>
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
