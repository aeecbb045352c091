import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import * as Plot from '@observablehq/plot';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AssetCondition } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { format, formatDate, formatNumber } from '../i18n/index.ts';
import type { AssetDetail, AssetEvent, AtRiskRow } from './api.ts';
import { CONDITIONS, CONDITION_STYLE } from './colors.ts';
import { Chart, CsvLink } from './Chart.tsx';
import { ti } from './i18n/index.ts';
import { styleReady } from '../map/create-map.ts';
import { insightMap } from './maps.ts';
import { assetAt, drawAssets } from './network-map.ts';
import { createNetwork, type NetworkState, type Sort } from './network-state.ts';

/** The network map: a click selects a segment, or splits the selected one where the officer clicked. */
function NetworkMap(props: { config: SiteConfig; net: NetworkState }) {
  const net = props.net;
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  const wire = (m: MapLibreMap) => {
    m.on('click', (e) => {
      const code = net.selected();
      if (net.splitting() && code) {
        net.setSplitting(false);
        void net.split(code, [e.lngLat.lng, e.lngLat.lat]);
        return;
      }
      const hit = assetAt(m, e.point.x, e.point.y);
      if (hit) net.setSelected(hit);
    });
    m.on('mousemove', (e) => {
      m.getCanvas().style.cursor = assetAt(m, e.point.x, e.point.y) ? 'pointer' : '';
    });
  };
  const draw = () => {
    const data = net.assets.latest;
    if (!map || !data || !styleReady(map)) return;
    if (drawAssets(map, data)) wire(map);
  };
  onMount(() => {
    const dispose = insightMap(container, props.config, ti().network.mapLabel, 'network', (m) => {
      map = m;
      draw();
    });
    onCleanup(dispose);
  });
  createEffect(draw);
  createEffect(() => {
    const code = net.selected() ?? '';
    if (map?.getLayer('assets-selected')) map.setFilter('assets-selected', ['==', ['get', 'code'], code]);
  });
  return (
    <div class="insight-map-wrap">
      <div ref={container} class="insight-map" role="region" aria-label={ti().network.mapLabel} />
      <div class="insight-legend" aria-hidden="true">
        <p>{ti().network.legend}</p>
        <ul>
          <For each={CONDITIONS}>
            {(c) => (
              <li>
                <svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true">
                  <line
                    x1="2"
                    y1="5"
                    x2="32"
                    y2="5"
                    stroke={CONDITION_STYLE[c].color}
                    stroke-width={Math.min(6, CONDITION_STYLE[c].width)}
                    stroke-dasharray={CONDITION_STYLE[c].dash?.map((d) => d * CONDITION_STYLE[c].width).join(' ')}
                  />
                </svg>
                {net.conditionName(c)} ({formatNumber(net.counts()[c])})
              </li>
            )}
          </For>
        </ul>
      </div>
    </div>
  );
}

function HistoryChart(props: { net: NetworkState; d: AssetDetail }) {
  const name = props.net.conditionName;
  const inspected = () => props.d.history.filter((e) => e.condition);
  return (
    <Chart
      label={format(ti().network.historyChart, { code: props.d.properties.code })}
      render={(width) =>
        Plot.plot({
          width,
          height: 170,
          marginLeft: 110,
          // Up to today, so the time since the last inspection shows as a gap.
          x: { type: 'utc', label: null, domain: [new Date(props.d.history[0]?.at ?? Date.now()), new Date()] },
          y: { domain: CONDITIONS.map(name), label: null },
          marks: [
            Plot.ruleY(CONDITIONS.map(name), { stroke: '#e3e7ea' }),
            Plot.line(inspected(), { x: (e: AssetEvent) => new Date(e.at), y: (e: AssetEvent) => name(e.condition!), stroke: '#6b7682', curve: 'step-after' }),
            Plot.dot(inspected(), {
              x: (e: AssetEvent) => new Date(e.at),
              y: (e: AssetEvent) => name(e.condition!),
              fill: (e: AssetEvent) => CONDITION_STYLE[e.condition as AssetCondition].color,
              symbol: (e: AssetEvent) => (e.kind === 'reported' ? 'triangle' : 'circle'),
              r: 5,
              stroke: 'white',
            }),
          ],
        })
      }
    />
  );
}

function HistoryEvents(props: { net: NetworkState; d: AssetDetail }) {
  return (
    <ul class="insight-events">
      <For each={[...props.d.history].reverse()}>
        {(e) => (
          <li>
            <strong>{formatDate(e.at)}</strong>: {(ti().network.events as Record<string, string>)[e.kind] ?? e.kind}
            {e.condition ? `: ${props.net.conditionName(e.condition)}` : ''}
            <Show when={e.report}>
              {' '}
              (<a href={`#/reports/${e.report}`}>{format(ti().network.report, { id: e.report! })}</a>)
            </Show>
            <Show when={typeof e.payload.note === 'string'}>{` — ${String(e.payload.note)}`}</Show>
          </li>
        )}
      </For>
    </ul>
  );
}

function SegmentHistory(props: { net: NetworkState; staff: boolean; code: string }) {
  const net = props.net;
  return (
    <div class="insight-history" role="region" aria-labelledby="history-heading">
      <h3 id="history-heading" tabindex="-1">
        {format(ti().network.history, { code: props.code })}
      </h3>
      <button type="button" class="button button-quiet insight-close" onClick={() => net.setSelected(undefined)}>
        {ti().network.close}
      </button>
      <Show when={net.detail.latest}>
        {(d) => (
          <>
            <p>
              {format(ti().network.historyIntro, {
                name: d().properties.name ?? d().properties.code,
                length: formatNumber(d().properties.lengthMeters),
                condition: net.conditionName(d().properties.condition),
                date: formatDate(d().properties.conditionAt) || ti().network.never,
              })}
            </p>
            <Show when={d().history.some((e) => e.condition)}>
              <HistoryChart net={net} d={d()} />
            </Show>
            <HistoryEvents net={net} d={d()} />
            <Show when={props.staff && d().inRemit !== undefined}>
              <p>{format(ti().staff.team, { team: d().team?.name ?? ti().staff.noTeam })}</p>
            </Show>
            {/* Another team's segment: the API would answer its changes as if it did not exist. */}
            <Show when={props.staff && !d().properties.retiredAt && d().inRemit !== false}>
              <StaffSegmentActions
                code={d().properties.code}
                splitting={net.splitting()}
                onSplit={() => net.setSplitting(!net.splitting())}
                onInspect={(condition, note) => void net.inspect(d().properties.code, condition, note)}
                onJoin={(other) => void net.join(d().properties.code, other)}
              />
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

function SortHeader(props: { net: NetworkState; by: Sort; label: string }) {
  const active = () => props.net.sort().by === props.by && props.by !== 'risk';
  const asc = () => props.net.sort().order === 'asc';
  return (
    <th scope="col" aria-sort={active() ? (asc() ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="insight-sort" onClick={() => props.net.sortBy(props.by)} title={format(ti().network.sortBy, { column: props.label })}>
        {props.label}
        <span aria-hidden="true">{active() ? (asc() ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

function RiskRow(props: { net: NetworkState; s: AtRiskRow }) {
  const s = () => props.s;
  return (
    <tr classList={{ selected: props.net.selected() === s().code }}>
      <th scope="row">
        <button type="button" class="insight-link" onClick={() => props.net.setSelected(s().code)}>
          {s().code}
        </button>
      </th>
      <td>{s().name}</td>
      <td>{s().area}</td>
      <td>
        <span class="insight-condition" style={{ '--swatch': CONDITION_STYLE[s().condition].color }}>
          {props.net.conditionName(s().condition)}
        </span>
      </td>
      <td>{s().lastInspectedAt ? `${formatDate(s().lastInspectedAt)} (${format(ti().network.daysAgo, { days: s().daysSinceInspection ?? 0 })})` : ti().network.never}</td>
      <td>
        {s()
          .reasons.map((x) => ti().network.reasons[x])
          .join(', ')}
      </td>
      <td class="num">{formatNumber(s().openReports)}</td>
      <td class="num">{formatNumber(s().lengthMeters)}</td>
    </tr>
  );
}

function AtRiskTable(props: { net: NetworkState; segments: AtRiskRow[] }) {
  const net = props.net;
  const cols = () => ti().network.cols;
  return (
    <div class="insight-table-scroll">
      <table class="insight-risk" aria-labelledby="at-risk-heading">
        <thead>
          <tr>
            <SortHeader net={net} by="code" label={cols().code} />
            <th scope="col">{cols().name}</th>
            <th scope="col">{cols().area}</th>
            <SortHeader net={net} by="condition" label={cols().condition} />
            <SortHeader net={net} by="inspected" label={cols().inspected} />
            <th scope="col">{cols().reasons}</th>
            <SortHeader net={net} by="reports" label={cols().reports} />
            <SortHeader net={net} by="length" label={cols().length} />
          </tr>
        </thead>
        <tbody>
          <For each={props.segments}>{(s) => <RiskRow net={net} s={s} />}</For>
        </tbody>
      </table>
    </div>
  );
}

function AtRisk(props: { net: NetworkState }) {
  const net = props.net;
  return (
    <>
      <h3 id="at-risk-heading">{ti().network.atRisk}</h3>
      <p>{format(ti().network.atRiskIntro, { months: net.months() })}</p>
      <div class="insight-controls">
        <label>
          {ti().network.months} <input type="number" min="1" max="120" value={net.months()} onChange={(e) => net.setMonths(Number(e.currentTarget.value))} />
        </label>
        <CsvLink href={`/api/assets/at-risk?${net.riskQuery()}&format=csv`} />
      </div>
      <Show when={net.risk.latest}>
        {(r) => (
          <>
            <p class="insight-summary" aria-live="polite">
              {format(ti().network.atRiskSummary, {
                count: formatNumber(r().segments.length),
                bad: formatNumber(r().segments.filter((s) => s.reasons.includes('condition')).length),
                unseen: formatNumber(r().segments.filter((s) => s.reasons.includes('not_inspected')).length),
                months: r().months,
              })}
            </p>
            <AtRiskTable net={net} segments={r().segments} />
            <Show when={r().segments.length === 0}>
              <p>{ti().network.none}</p>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}

/** The ditch network by condition, each segment's history, and the segments at risk. */
export function Network(props: { config: SiteConfig; staff: boolean; csrf?: string | undefined }) {
  const net = createNetwork({ staff: () => props.staff, csrf: () => props.csrf });
  const summary = () =>
    CONDITIONS.filter((c) => net.counts()[c])
      .map((c) => `${formatNumber(net.counts()[c])} ${net.conditionName(c).toLowerCase()}`)
      .join(', ');
  return (
    <section class="insight-section" aria-labelledby="network-heading">
      <h2 id="network-heading">{ti().network.heading}</h2>
      <p>{ti().network.intro}</p>
      <Show when={net.assets.latest}>{(a) => <p class="insight-summary">{format(ti().network.summary, { count: formatNumber(a().features.length), counts: summary() })}</p>}</Show>
      <NetworkMap config={props.config} net={net} />
      <Show when={net.selected()}>{(code) => <SegmentHistory net={net} staff={props.staff} code={code()} />}</Show>
      <Show when={net.message()}>
        {(m) => (
          <p role={m().ok ? 'status' : 'alert'} class={m().ok ? 'insight-ok' : 'insight-error'}>
            {m().text}
          </p>
        )}
      </Show>
      <Show when={props.staff}>
        <ConfirmReport onConfirm={(report, kind, name) => void net.confirm(report, kind, name)} />
      </Show>
      <AtRisk net={net} />
    </section>
  );
}

function StaffSegmentActions(props: { code: string; splitting: boolean; onSplit: () => void; onInspect: (condition: AssetCondition, note: string) => void; onJoin: (other: string) => void }) {
  const [condition, setCondition] = createSignal<AssetCondition>('clear');
  const [note, setNote] = createSignal('');
  const [other, setOther] = createSignal('');
  return (
    <div class="insight-staff">
      <h4>{ti().staff.heading}</h4>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onInspect(condition(), note().trim());
        }}
      >
        <fieldset>
          <legend>{ti().staff.inspect}</legend>
          <label>
            {ti().staff.condition}{' '}
            <select value={condition()} onChange={(e) => setCondition(e.currentTarget.value as AssetCondition)}>
              <For each={CONDITIONS}>{(c) => <option value={c}>{ti().network.conditions[c]}</option>}</For>
            </select>
          </label>
          <label>
            {ti().staff.note} <input type="text" maxLength={2000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button">
            {ti().staff.save}
          </button>
        </fieldset>
      </form>
      <p>
        <button type="button" class="button" aria-pressed={props.splitting} onClick={() => props.onSplit()}>
          {props.splitting ? ti().staff.splitCancel : ti().staff.split}
        </button>{' '}
        <Show when={props.splitting}>
          <span role="status">{ti().staff.splitHint}</span>
        </Show>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (other().trim()) props.onJoin(other().trim());
        }}
      >
        <fieldset>
          <legend>{ti().staff.join}</legend>
          <label>
            {ti().staff.joinCode} <input type="text" maxLength={40} value={other()} onInput={(e) => setOther(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button">
            {ti().staff.joinSubmit}
          </button>
        </fieldset>
      </form>
    </div>
  );
}

function ConfirmReport(props: { onConfirm: (report: string, kind: 'ditch' | 'culvert', name: string) => void }) {
  const [report, setReport] = createSignal('');
  const [kind, setKind] = createSignal<'ditch' | 'culvert'>('ditch');
  const [name, setName] = createSignal('');
  return (
    <form
      class="insight-staff"
      onSubmit={(e) => {
        e.preventDefault();
        if (report().trim()) props.onConfirm(report().trim(), kind(), name().trim());
      }}
    >
      <fieldset>
        <legend>{ti().staff.confirm}</legend>
        <label>
          {ti().staff.report} <input type="text" maxLength={32} value={report()} onInput={(e) => setReport(e.currentTarget.value)} />
        </label>
        <label>
          {ti().staff.kind}{' '}
          <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as 'ditch' | 'culvert')}>
            <option value="ditch">{ti().staff.kinds.ditch}</option>
            <option value="culvert">{ti().staff.kinds.culvert}</option>
          </select>
        </label>
        <label>
          {ti().staff.name} <input type="text" maxLength={200} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button">
          {ti().staff.create}
        </button>
      </fieldset>
    </form>
  );
}
