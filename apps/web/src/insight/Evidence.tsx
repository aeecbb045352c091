/**
 * Evidence of channel shift (issue 13): listening responsiveness per source kind, chasers
 * per report, and contact-centre calls before and after the go-live date. Each with a
 * summary sentence, a chart, its data table and a CSV link, like the other sections.
 */
import { createResource, Show } from 'solid-js';
import * as Plot from '@observablehq/plot';
import type { CallComparison, ChaserRow, ListeningResponsivenessRow } from '@groundswell/core/rules';
import { categoryLabel, format, formatNumber } from '../i18n/index.ts';
import { getJson, labelOf, type Period } from './api.ts';
import { Chart, CsvLink, DataTable } from './Chart.tsx';
import { te } from './i18n/evidence.ts';
import { CallsAdmin } from './CallsAdmin.tsx';
import { ti } from './i18n/index.ts';
import { monthLabel, pct, type Insight } from './insight-state.ts';

const num = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '–' : formatNumber(n, digits));
const signed = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${n > 0 ? '+' : ''}${formatNumber(n, 1)}`);

function ListeningFigure(props: { rows: ListeningResponsivenessRow[]; csv: string }) {
  const all = () => props.rows.find((r) => r.sourceKind === 'all');
  const kinds = () => props.rows.filter((r) => r.month === 'all' && r.sourceKind !== 'all');
  const t = () => te().listening;
  return (
    <>
      <p class="insight-summary">
        {format(t().summary, {
          received: formatNumber(all()?.received ?? 0),
          taken: pct(all()?.shareConvertedOrAttached),
          answered: pct(all()?.shareAnswered),
          hours: num(all()?.medianHoursToFirstReply),
        })}
      </p>
      <Chart
        class="chart-listening"
        label={t().chartLabel}
        render={(width) =>
          Plot.plot({
            width,
            height: 50 + 36 * kinds().length,
            marginLeft: 150,
            x: { grid: true, label: t().hours },
            y: { label: null },
            marks: [Plot.barX(kinds(), { x: 'medianHoursToFirstReply', y: (d: ListeningResponsivenessRow) => t().kinds[d.sourceKind] ?? d.sourceKind, fill: '#0b5d4b' }), Plot.ruleX([0])],
          })
        }
      />
      <DataTable
        caption={t().heading}
        rows={props.rows}
        columns={[
          { label: t().cols.source, value: (r) => t().kinds[r.sourceKind] ?? r.sourceKind },
          { label: t().cols.month, value: (r) => (r.month === 'all' ? t().allMonths : monthLabel(r.month)) },
          { label: t().cols.received, value: (r) => formatNumber(r.received), numeric: true },
          { label: t().cols.taken, value: (r) => `${formatNumber(r.convertedOrAttached)} (${pct(r.shareConvertedOrAttached)})`, numeric: true },
          { label: t().cols.answered, value: (r) => `${formatNumber(r.answered)} (${pct(r.shareAnswered)})`, numeric: true },
          { label: t().cols.median, value: (r) => num(r.medianHoursToFirstReply), numeric: true },
        ]}
      />
      <CsvLink href={props.csv} />
    </>
  );
}

function ChasersFigure(props: { s: Insight; rows: ChaserRow[]; csv: string }) {
  const t = () => te().chasers;
  const total = (k: 'reports' | 'chased') => props.rows.reduce((n, r) => n + r[k], 0);
  const byMonth = () => {
    const m = new Map<string, { month: string; reports: number; chased: number }>();
    for (const r of props.rows) {
      const x = m.get(r.month) ?? { month: r.month, reports: 0, chased: 0 };
      x.reports += r.reports;
      x.chased += r.chased;
      m.set(r.month, x);
    }
    return [...m.values()].map((x) => ({ ...x, share: x.reports ? x.chased / x.reports : 0 }));
  };
  return (
    <>
      <p class="insight-summary">
        {format(t().summary, { chased: formatNumber(total('chased')), reports: formatNumber(total('reports')), share: pct(total('reports') ? total('chased') / total('reports') : null) })}
      </p>
      <Chart
        class="chart-chasers"
        label={t().chartLabel}
        render={(width) =>
          Plot.plot({
            width,
            height: 240,
            marginLeft: 44,
            x: { label: null, tickFormat: monthLabel, type: 'band' },
            // A fixed floor for the scale: with no chasers at all the bars must stay flat, not fill the chart.
            y: { grid: true, percent: true, label: null, domain: [0, Math.max(10, ...byMonth().map((m) => m.share * 100))] },
            marks: [Plot.barY(byMonth(), { x: 'month', y: 'share', fill: '#cc79a7' }), Plot.ruleY([0])],
          })
        }
      />
      <DataTable
        caption={t().heading}
        rows={props.rows}
        columns={[
          { label: t().cols.month, value: (r) => monthLabel(r.month) },
          { label: t().cols.category, value: (r) => categoryLabel(props.s.categoryByCode().get(r.category), r.category) },
          { label: t().cols.channel, value: (r) => r.channel },
          { label: t().cols.reports, value: (r) => formatNumber(r.reports), numeric: true },
          { label: t().cols.chased, value: (r) => `${formatNumber(r.chased)} (${pct(r.shareChased)})`, numeric: true },
          { label: t().cols.chasers, value: (r) => formatNumber(r.chasers), numeric: true },
        ]}
      />
      <CsvLink href={props.csv} />
    </>
  );
}

function CallsFigure(props: { s: Insight; c: CallComparison; csv: string }) {
  const t = () => te().calls;
  const name = (code: string, label: CallComparison['categories'][number]['label']) => categoryLabel(props.s.categoryByCode().get(code), labelOf(label));
  const weekly = () => props.c.categories.flatMap((r) => r.weeks.map((w) => ({ name: name(r.category, r.label), date: new Date(`${w.week}T00:00:00Z`), calls: w.calls })));
  return (
    <>
      <p class="insight-summary">
        <Show when={props.c.goLive} fallback={t().noGoLive}>
          {(day) => format(t().summary, { date: day(), promoted: signed(props.c.promotedChange), comparison: signed(props.c.comparisonChange), did: signed(props.c.differenceInDifferences) })}
        </Show>
      </p>
      <Chart
        class="chart-calls"
        label={t().chartLabel}
        render={(width) =>
          Plot.plot({
            width,
            height: 280,
            marginLeft: 44,
            x: { label: null, type: 'utc' },
            y: { grid: true, label: null },
            color: { legend: true },
            marks: [
              Plot.lineY(weekly(), { x: 'date', y: 'calls', stroke: 'name' }),
              ...(props.c.goLive ? [Plot.ruleX([new Date(`${props.c.goLive}T00:00:00Z`)], { stroke: '#1b1f23', strokeDasharray: '4 3' })] : []),
              Plot.ruleY([0]),
            ],
          })
        }
      />
      <DataTable
        caption={t().heading}
        rows={props.c.categories}
        columns={[
          { label: t().cols.category, value: (r) => name(r.category, r.label) },
          { label: t().cols.group, value: (r) => (r.promoted ? t().promoted : t().comparison) },
          { label: t().cols.before, value: (r) => num(r.before.meanCalls), numeric: true },
          { label: t().cols.after, value: (r) => num(r.after.meanCalls), numeric: true },
          { label: t().cols.change, value: (r) => signed(r.change), numeric: true },
          { label: t().cols.webBefore, value: (r) => num(r.before.meanWebReports), numeric: true },
          { label: t().cols.webAfter, value: (r) => num(r.after.meanWebReports), numeric: true },
          { label: t().cols.mentions, value: (r) => num(r.after.meanMentions), numeric: true },
        ]}
      />
      <CsvLink href={props.csv} />
    </>
  );
}

export function EvidenceSection(props: { s: Insight }) {
  const s = props.s;
  const period = () => s.q();
  const url = (what: string) => `${s.base}/${what}?${period()}`;
  const load = <T,>(what: string) =>
    createResource(
      () => s.ready() && url(what),
      (u) => getJson<T>(u),
    )[0];
  const listening = load<{ period: Period; rows: ListeningResponsivenessRow[] }>('listening');
  const chasers = load<{ period: Period; rows: ChaserRow[] }>('chasers');
  const [calls, { refetch: refetchCalls }] = createResource(
    () => s.ready() && url('calls'),
    (u) => getJson<CallComparison & { period: Period }>(u),
  );
  const admin = () => (s.staff && s.me.state === 'ready' && s.me()?.role === 'admin' ? s.csrf() : undefined);
  return (
    <section class="insight-section" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{te().heading}</h2>
      <p>{te().intro}</p>
      <h3>{te().listening.heading}</h3>
      <Show when={listening.latest}>
        {(l) => (
          <Show when={l().rows.length} fallback={<p>{ti().noData}</p>}>
            <ListeningFigure rows={l().rows} csv={`${url('listening')}&format=csv`} />
          </Show>
        )}
      </Show>
      <h3>{te().chasers.heading}</h3>
      <Show when={chasers.latest}>
        {(c) => (
          <Show when={c().rows.length} fallback={<p>{ti().noData}</p>}>
            {<ChasersFigure s={s} rows={c().rows} csv={`${url('chasers')}&format=csv`} />}
          </Show>
        )}
      </Show>
      <h3>{te().calls.heading}</h3>
      <Show when={admin()}>{(csrf) => <CallsAdmin csrf={csrf()} goLive={calls.latest?.goLive ?? null} onChange={() => void refetchCalls()} />}</Show>
      <Show when={calls.latest}>
        {(c) => (
          <Show when={c().categories.length} fallback={<p>{te().calls.none}</p>}>
            <CallsFigure s={s} c={c()} csv={`${url('calls')}&format=csv`} />
          </Show>
        )}
      </Show>
    </section>
  );
}
