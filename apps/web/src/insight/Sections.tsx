/** The insight page's chart sections: each a summary sentence, a chart, a data table and a CSV link. */
import { For, Show } from 'solid-js';
import * as Plot from '@observablehq/plot';
import { categoryLabel, format, formatNumber, locale, stateLabel } from '../i18n/index.ts';
import type { Timing, Volume } from './api.ts';
import { Chart, CsvLink, DataTable } from './Chart.tsx';
import { ti } from './i18n/index.ts';
import { CHANNEL_COLORS, CHANNEL_ORDER, days, monthLabel, monthTicks, pct, promise, shorten, type Group, type Insight } from './insight-state.ts';

const monthRows = (v: Volume) => v.months.map((m, i) => ({ m, i }));

function volumeSummary(s: Insight, v: Volume): string {
  const busiest = v.totals.reduce((best, n, i) => (n > v.totals[best]! ? i : best), 0);
  const biggest = v.series[0]!;
  return format(ti().volume.summary, {
    total: formatNumber(v.total),
    months: v.months.length,
    month: monthLabel(v.months[busiest]!),
    count: formatNumber(v.totals[busiest]!),
    group: s.seriesName(v.by, biggest.key, biggest.label),
    groupCount: formatNumber(biggest.total),
  });
}

function VolumeFigure(props: { s: Insight; v: Volume }) {
  const s = props.s;
  return (
    <>
      <p class="insight-summary">{volumeSummary(s, props.v)}</p>
      <Chart
        class="chart-volume"
        label={format(ti().volume.chartLabel, { by: ti().volume.groups[props.v.by as Group].toLowerCase() })}
        render={(width) =>
          Plot.plot({
            width,
            height: 300,
            marginLeft: 44,
            x: { label: null, tickFormat: monthLabel, type: 'band', ticks: monthTicks(props.v.months, width) },
            y: { grid: true, label: null },
            color: s.colorScale(props.v),
            marks: [Plot.barY(s.long(props.v), { x: 'month', y: 'count', fill: 'name', title: (d: { name: string; count: number }) => `${d.name}: ${d.count}` }), Plot.ruleY([0])],
          })
        }
      />
      <DataTable
        caption={ti().volume.heading}
        rows={monthRows(props.v)}
        columns={[
          { label: ti().volume.month, value: (r) => monthLabel(r.m) },
          ...props.v.series.map((x) => ({ label: s.seriesName(props.v.by, x.key, x.label), value: (r: { i: number }) => formatNumber(x.counts[r.i]!), numeric: true })),
          { label: ti().volume.total, value: (r) => formatNumber(props.v.totals[r.i]!), numeric: true },
        ]}
      />
      <CsvLink href={`${s.urls.volume()}&format=csv`} />
    </>
  );
}

export function VolumeSection(props: { s: Insight }) {
  const s = props.s;
  return (
    <section class="insight-section" aria-labelledby="volume-heading">
      <h2 id="volume-heading">{ti().volume.heading}</h2>
      <div class="insight-controls">
        <label>
          {ti().volume.by}{' '}
          <select value={s.group()} onChange={(e) => s.setGroup(e.currentTarget.value as Group)}>
            <For each={(s.staff ? ['category', 'area', 'state', 'team'] : ['category', 'area', 'state']) as Group[]}>{(g) => <option value={g}>{ti().volume.groups[g]}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={s.volume.latest}>
        {(v) => (
          <Show when={v().total > 0} fallback={<p>{ti().noData}</p>}>
            <VolumeFigure s={s} v={v()} />
          </Show>
        )}
      </Show>
    </section>
  );
}

function TimingKey() {
  return (
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
  );
}

function TimingFigure(props: { s: Insight; tm: Timing }) {
  const s = props.s;
  const rows = () => props.tm.rows.filter((r) => r.key !== 'all' && r.reports > 0);
  const slowest = () => [...rows()].filter((r) => r.resolveMedianDays !== null).sort((a, b) => b.resolveMedianDays! - a.resolveMedianDays!)[0];
  const plot = (width: number) => {
    const data = rows().map((r) => ({ name: s.timingName(r), median: r.resolveMedianDays, p90: r.resolveP90Days, promise: r.promiseDaysMax }));
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
  };
  const cols = () => ti().timing.cols;
  return (
    <Show when={rows().length} fallback={<p>{ti().noData}</p>}>
      <p class="insight-summary">
        {format(ti().timing.summary, { ack: days(s.allRow()?.acknowledgeMedianDays), res: days(s.allRow()?.resolveMedianDays), share: pct(s.allRow()?.shareWithinPromise) })}{' '}
        <Show when={slowest()}>{(w) => format(ti().timing.slowest, { name: s.timingName(w()), days: days(w().resolveMedianDays), promise: promise(w()) })}</Show>
      </p>
      <TimingKey />
      <Chart class="chart-timing" label={format(ti().timing.chartLabel, { by: ti().timing.groups[s.timingBy()].toLowerCase() })} render={plot} />
      <DataTable
        caption={ti().timing.heading}
        rows={props.tm.rows.filter((r) => r.reports > 0)}
        columns={[
          { label: cols().name, value: s.timingName },
          { label: cols().promise, value: promise, numeric: true },
          { label: cols().reports, value: (r) => formatNumber(r.reports), numeric: true },
          { label: cols().ackMedian, value: (r) => days(r.acknowledgeMedianDays), numeric: true },
          { label: cols().ackP90, value: (r) => days(r.acknowledgeP90Days), numeric: true },
          { label: cols().resMedian, value: (r) => days(r.resolveMedianDays), numeric: true },
          { label: cols().resP90, value: (r) => days(r.resolveP90Days), numeric: true },
          { label: cols().within, value: (r) => `${pct(r.shareWithinPromise)} (${formatNumber(r.withinPromise)}/${formatNumber(r.due)})`, numeric: true },
          { label: cols().reopened, value: (r) => formatNumber(r.reopenedByResidents), numeric: true },
        ]}
      />
      <CsvLink href={`${s.urls.timing()}&format=csv`} />
    </Show>
  );
}

export function TimingSection(props: { s: Insight }) {
  const s = props.s;
  return (
    <section class="insight-section" aria-labelledby="timing-heading">
      <h2 id="timing-heading">{ti().timing.heading}</h2>
      <div class="insight-controls">
        <label>
          {ti().timing.by}{' '}
          <select value={s.timingBy()} onChange={(e) => s.setTimingBy(e.currentTarget.value as 'category' | 'team')}>
            <option value="category">{ti().timing.groups.category}</option>
            <option value="team">{ti().timing.groups.team}</option>
          </select>
        </label>
      </div>
      <Show when={s.timing.latest}>{(tm) => <TimingFigure s={s} tm={tm()} />}</Show>
    </section>
  );
}

function ChannelsFigure(props: { s: Insight; v: Volume }) {
  const s = props.s;
  const order = () => CHANNEL_ORDER.filter((c) => props.v.series.some((x) => x.key === c));
  const plot = (width: number) => {
    const data = s.long(props.v).sort((a, b) => order().indexOf(a.key as never) - order().indexOf(b.key as never));
    return Plot.plot({
      width,
      height: 280,
      marginLeft: 44,
      x: { label: null, tickFormat: monthLabel, type: 'band', ticks: monthTicks(props.v.months, width) },
      y: { label: ti().channels.share, percent: true, grid: true },
      color: { domain: order().map((c) => ti().channels.names[c]), range: order().map((c) => CHANNEL_COLORS[c]), legend: true },
      marks: [Plot.barY(data, { x: 'month', y: 'count', fill: 'name', offset: 'normalize', order: (d: { key: string }) => order().indexOf(d.key as never) }), Plot.ruleY([0])],
    });
  };
  const v = () => props.v;
  return (
    <>
      <Show when={s.channelShares()}>
        {(sh) => (
          <p class="insight-summary">
            {format(ti().channels.summary, {
              first: pct(sh().webBefore),
              firstMonths: sh().firstMonths,
              last: pct(sh().web),
              lastMonths: sh().lastMonths,
              phoneFirst: pct(sh().phoneBefore),
              phoneLast: pct(sh().phone),
            })}
          </p>
        )}
      </Show>
      <Chart class="chart-channels" label={ti().channels.chartLabel} render={plot} />
      <DataTable
        caption={ti().channels.heading}
        rows={monthRows(v())}
        columns={[
          { label: ti().volume.month, value: (r) => monthLabel(r.m) },
          ...order().map((c) => {
            const x = v().series.find((y) => y.key === c)!;
            return {
              label: ti().channels.names[c],
              value: (r: { i: number }) => `${formatNumber(x.counts[r.i]!)} (${pct(v().totals[r.i] ? x.counts[r.i]! / v().totals[r.i]! : null)})`,
              numeric: true,
            };
          }),
          { label: ti().volume.total, value: (r) => formatNumber(v().totals[r.i]!), numeric: true },
        ]}
      />
      <CsvLink href={`${s.urls.channels()}&format=csv`} />
    </>
  );
}

export function ChannelsSection(props: { s: Insight }) {
  return (
    <section class="insight-section" aria-labelledby="channels-heading">
      <h2 id="channels-heading">{ti().channels.heading}</h2>
      <Show when={props.s.channels.latest}>
        {(v) => (
          <Show when={v().total > 0} fallback={<p>{ti().noData}</p>}>
            <ChannelsFigure s={props.s} v={v()} />
          </Show>
        )}
      </Show>
    </section>
  );
}

export function TopSection(props: { s: Insight }) {
  const s = props.s;
  return (
    <section class="insight-section" aria-labelledby="top-heading">
      <h2 id="top-heading">{ti().top.heading}</h2>
      <Show when={s.top.latest}>
        {(tp) => (
          <Show when={tp().reports.length} fallback={<p>{ti().top.none}</p>}>
            <ol class="insight-top">
              <For each={tp().reports}>
                {(r) => (
                  <li>
                    <a href={`#/reports/${encodeURIComponent(r.id)}`}>{categoryLabel(s.categoryByCode().get(r.category), r.categoryName[locale()] ?? r.categoryName.en ?? r.category)}</a>
                    {r.area ? `, ${r.area}` : ''} — {stateLabel(r.state as never)}, {format(ti().top.supporters, { count: formatNumber(r.supportCount) })}
                  </li>
                )}
              </For>
            </ol>
            <CsvLink href={`${s.urls.top()}&format=csv`} />
          </Show>
        )}
      </Show>
    </section>
  );
}
