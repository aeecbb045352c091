import { createEffect, createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import * as Plot from '@observablehq/plot';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { AssetCondition } from '@groundswell/core';
import type { SiteConfig } from '../api/types.ts';
import { format, formatDate, formatNumber } from '../i18n/index.ts';
import { getJson, postJson, query, type AssetCollection, type AssetDetail, type AssetEvent, type AtRiskRow } from './api.ts';
import { CONDITIONS, CONDITION_STYLE } from './colors.ts';
import { Chart, CsvLink } from './Chart.tsx';
import { ti } from './i18n/index.ts';
import { fitTo, insightMap } from './maps.ts';

type Sort = 'risk' | 'code' | 'condition' | 'inspected' | 'reports' | 'length';

/** The ditch network by condition, each segment's history, and the segments at risk. */
export function Network(props: { config: SiteConfig; staff: boolean; csrf?: string | undefined }) {
  const [assets, { refetch: refetchAssets }] = createResource(() => getJson<AssetCollection>('/api/assets'));
  const [months, setMonths] = createSignal(6);
  const [sort, setSort] = createSignal<{ by: Sort; order: 'asc' | 'desc' }>({ by: 'risk', order: 'asc' });
  const riskQuery = () => query({ months: months(), sort: sort().by, order: sort().by === 'risk' ? undefined : sort().order });
  const [risk, { refetch: refetchRisk }] = createResource(riskQuery, (q) => getJson<{ segments: AtRiskRow[]; months: number }>(`/api/assets/at-risk?${q}`));
  const [selected, setSelected] = createSignal<string>();
  const [detail, { refetch: refetchDetail }] = createResource(selected, (code) => getJson<AssetDetail>(`${props.staff ? '/api/staff/assets' : '/api/assets'}/${encodeURIComponent(code)}`));

  // Staff changes to the network: every one is recorded on the segments' history and in the audit log.
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const [splitting, setSplitting] = createSignal(false);
  const act = async (what: () => Promise<string>) => {
    try {
      const done = await what();
      setMessage({ ok: true, text: format(ti().staff.done, { what: done }) });
      refetchAssets();
      refetchRisk();
      refetchDetail();
    } catch (err) {
      setMessage({ ok: false, text: format(ti().staff.failed, { detail: err instanceof Error ? err.message : String(err) }) });
    }
  };
  const staffPost = <T,>(path: string, body: unknown) => postJson<T>(path, body, props.csrf ?? '');

  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  const draw = () => {
    const data = assets.latest;
    if (!map || !data || !map.isStyleLoaded()) return;
    const source = map.getSource('assets') as GeoJSONSource | undefined;
    if (source) return source.setData(data as unknown as GeoJSON.FeatureCollection);
    fitTo(map, data.features.flatMap((f) => f.geometry.coordinates));
    map.addSource('assets', { type: 'geojson', data: data as unknown as GeoJSON.FeatureCollection, promoteId: 'code' });
    // A casing under every line keeps the colours readable on any base map.
    map.addLayer({ id: 'assets-casing', type: 'line', source: 'assets', layout: { 'line-cap': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 8, 'line-opacity': 0.8 } });
    for (const c of CONDITIONS) {
      const s = CONDITION_STYLE[c];
      map.addLayer({
        id: `assets-${c}`,
        type: 'line',
        source: 'assets',
        filter: ['==', ['get', 'condition'], c],
        layout: { 'line-cap': s.dash ? 'butt' : 'round' },
        paint: { 'line-color': s.color, 'line-width': s.width, ...(s.dash ? { 'line-dasharray': s.dash } : {}) },
      });
    }
    map.addLayer({
      id: 'assets-selected',
      type: 'line',
      source: 'assets',
      filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': '#ffbf47', 'line-width': 12, 'line-opacity': 0.6 },
    }, 'assets-casing');
    const layers = CONDITIONS.map((c) => `assets-${c}`);
    map.on('click', (e) => {
      const code = selected();
      if (splitting() && code) {
        setSplitting(false);
        void act(async () => {
          const r = await staffPost<{ codes: string[] }>(`/api/staff/assets/${encodeURIComponent(code)}/split`, { at: [e.lngLat.lng, e.lngLat.lat] });
          setSelected(r.codes[0]);
          return `${code} → ${r.codes.join(', ')}`;
        });
        return;
      }
      const hit = map!.queryRenderedFeatures([[e.point.x - 6, e.point.y - 6], [e.point.x + 6, e.point.y + 6]], { layers })[0];
      if (hit) setSelected(String(hit.properties.code));
    });
    map.on('mousemove', (e) => {
      const hit = map!.queryRenderedFeatures([[e.point.x - 6, e.point.y - 6], [e.point.x + 6, e.point.y + 6]], { layers }).length > 0;
      map!.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
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
    const code = selected() ?? '';
    if (map?.getLayer('assets-selected')) map.setFilter('assets-selected', ['==', ['get', 'code'], code]);
  });

  const counts = createMemo(() => {
    const out: Record<AssetCondition, number> = { clear: 0, partly_blocked: 0, blocked: 0, collapsed: 0, unknown: 0 };
    for (const f of assets.latest?.features ?? []) out[f.properties.condition] += 1;
    return out;
  });
  const conditionName = (c: AssetCondition) => ti().network.conditions[c];

  const header = (by: Sort, label: string) => {
    const active = () => sort().by === by;
    const next = () => (active() && sort().order === 'asc' && by !== 'risk' ? 'desc' : 'asc');
    return (
      <th scope="col" aria-sort={active() && by !== 'risk' ? (sort().order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" class="insight-sort" onClick={() => setSort({ by, order: next() })} title={format(ti().network.sortBy, { column: label })}>
          {label}
          <span aria-hidden="true">{active() && by !== 'risk' ? (sort().order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <section class="insight-section" aria-labelledby="network-heading">
      <h2 id="network-heading">{ti().network.heading}</h2>
      <p>{ti().network.intro}</p>
      <Show when={assets.latest}>
        {(a) => (
          <p class="insight-summary">
            {format(ti().network.summary, {
              count: formatNumber(a().features.length),
              counts: CONDITIONS.filter((c) => counts()[c]).map((c) => `${formatNumber(counts()[c])} ${conditionName(c).toLowerCase()}`).join(', '),
            })}
          </p>
        )}
      </Show>
      <div class="insight-map-wrap">
        <div ref={container} class="insight-map" role="region" aria-label={ti().network.mapLabel} />
        <div class="insight-legend" aria-hidden="true">
          <p>{ti().network.legend}</p>
          <ul>
            <For each={CONDITIONS}>
              {(c) => (
                <li>
                  <svg width="34" height="10" viewBox="0 0 34 10">
                    <line x1="2" y1="5" x2="32" y2="5" stroke={CONDITION_STYLE[c].color} stroke-width={Math.min(6, CONDITION_STYLE[c].width)} stroke-dasharray={CONDITION_STYLE[c].dash?.map((d) => d * CONDITION_STYLE[c].width).join(' ')} />
                  </svg>
                  {conditionName(c)} ({formatNumber(counts()[c])})
                </li>
              )}
            </For>
          </ul>
        </div>
      </div>

      <Show when={selected()}>
        <div class="insight-history" role="region" aria-labelledby="history-heading">
          <h3 id="history-heading" tabindex="-1">
            {format(ti().network.history, { code: selected()! })}
          </h3>
          <button type="button" class="button button-quiet insight-close" onClick={() => setSelected(undefined)}>
            {ti().network.close}
          </button>
          <Show when={detail.latest}>
            {(d) => (
              <>
                <p>
                  {format(ti().network.historyIntro, {
                    name: d().properties.name ?? d().properties.code,
                    length: formatNumber(d().properties.lengthMeters),
                    condition: conditionName(d().properties.condition),
                    date: formatDate(d().properties.conditionAt) || ti().network.never,
                  })}
                </p>
                <Show when={d().history.some((e) => e.condition)}>
                  <Chart
                    label={format(ti().network.historyChart, { code: d().properties.code })}
                    render={(width) =>
                      Plot.plot({
                        width,
                        height: 170,
                        marginLeft: 110,
                        // Up to today, so the time since the last inspection shows as a gap.
                        x: { type: 'utc', label: null, domain: [new Date(d().history[0]?.at ?? Date.now()), new Date()] },
                        y: { domain: CONDITIONS.map(conditionName), label: null },
                        marks: [
                          Plot.ruleY(CONDITIONS.map(conditionName), { stroke: '#e3e7ea' }),
                          Plot.line(
                            d().history.filter((e) => e.condition),
                            { x: (e: AssetEvent) => new Date(e.at), y: (e: AssetEvent) => conditionName(e.condition!), stroke: '#6b7682', curve: 'step-after' },
                          ),
                          Plot.dot(d().history.filter((e) => e.condition), {
                            x: (e: AssetEvent) => new Date(e.at),
                            y: (e: AssetEvent) => conditionName(e.condition!),
                            fill: (e: AssetEvent) => CONDITION_STYLE[e.condition as AssetCondition].color,
                            symbol: (e: AssetEvent) => (e.kind === 'reported' ? 'triangle' : 'circle'),
                            r: 5,
                            stroke: 'white',
                          }),
                        ],
                      })
                    }
                  />
                </Show>
                <ul class="insight-events">
                  <For each={[...d().history].reverse()}>
                    {(e) => (
                      <li>
                        <strong>{formatDate(e.at)}</strong>: {(ti().network.events as Record<string, string>)[e.kind] ?? e.kind}
                        {e.condition ? `: ${conditionName(e.condition)}` : ''}
                        <Show when={e.report}>
                          {' '}(<a href={`#/reports/${e.report}`}>{format(ti().network.report, { id: e.report! })}</a>)
                        </Show>
                        <Show when={typeof e.payload.note === 'string'}>{` — ${String(e.payload.note)}`}</Show>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={props.staff && !d().properties.retiredAt}>
                  <StaffSegmentActions
                    code={d().properties.code}
                    splitting={splitting()}
                    onSplit={() => setSplitting(!splitting())}
                    onInspect={(condition, note) =>
                      act(async () => {
                        await staffPost(`/api/staff/assets/${encodeURIComponent(d().properties.code)}/inspections`, { condition, ...(note ? { note } : {}) });
                        return `${d().properties.code}: ${conditionName(condition)}`;
                      })
                    }
                    onJoin={(other) =>
                      act(async () => {
                        const r = await staffPost<{ code: string }>('/api/staff/assets/join', { codes: [d().properties.code, other] });
                        setSelected(r.code);
                        return `${d().properties.code} + ${other} → ${r.code}`;
                      })
                    }
                  />
                </Show>
              </>
            )}
          </Show>
        </div>
      </Show>
      <Show when={message()}>
        {(m) => (
          <p role={m().ok ? 'status' : 'alert'} class={m().ok ? 'insight-ok' : 'insight-error'}>
            {m().text}
          </p>
        )}
      </Show>
      <Show when={props.staff}>
        <ConfirmReport
          onConfirm={(report, kind, name) =>
            act(async () => {
              const r = await staffPost<{ code: string }>('/api/staff/assets', { report, kind, ...(name ? { name } : {}) });
              setSelected(r.code);
              return `${report} → ${r.code}`;
            })
          }
        />
      </Show>

      <h3 id="at-risk-heading">{ti().network.atRisk}</h3>
      <p>{format(ti().network.atRiskIntro, { months: months() })}</p>
      <div class="insight-controls">
        <label>
          {ti().network.months}{' '}
          <input type="number" min="1" max="120" value={months()} onChange={(e) => setMonths(Math.max(1, Math.min(120, Number(e.currentTarget.value) || 6)))} />
        </label>
        <CsvLink href={`/api/assets/at-risk?${riskQuery()}&format=csv`} />
      </div>
      <Show when={risk.latest}>
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
            <div class="insight-table-scroll">
              <table class="insight-risk" aria-labelledby="at-risk-heading">
                <thead>
                  <tr>
                    {header('code', ti().network.cols.code)}
                    <th scope="col">{ti().network.cols.name}</th>
                    <th scope="col">{ti().network.cols.area}</th>
                    {header('condition', ti().network.cols.condition)}
                    {header('inspected', ti().network.cols.inspected)}
                    <th scope="col">{ti().network.cols.reasons}</th>
                    {header('reports', ti().network.cols.reports)}
                    {header('length', ti().network.cols.length)}
                  </tr>
                </thead>
                <tbody>
                  <For each={r().segments}>
                    {(s) => (
                      <tr classList={{ selected: selected() === s.code }}>
                        <th scope="row">
                          <button type="button" class="insight-link" onClick={() => setSelected(s.code)}>
                            {s.code}
                          </button>
                        </th>
                        <td>{s.name}</td>
                        <td>{s.area}</td>
                        <td>
                          <span class="insight-condition" style={{ '--swatch': CONDITION_STYLE[s.condition].color }}>
                            {conditionName(s.condition)}
                          </span>
                        </td>
                        <td>{s.lastInspectedAt ? `${formatDate(s.lastInspectedAt)} (${format(ti().network.daysAgo, { days: s.daysSinceInspection ?? 0 })})` : ti().network.never}</td>
                        <td>{s.reasons.map((x) => ti().network.reasons[x]).join(', ')}</td>
                        <td class="num">{formatNumber(s.openReports)}</td>
                        <td class="num">{formatNumber(s.lengthMeters)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={r().segments.length === 0}>
              <p>{ti().network.none}</p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function StaffSegmentActions(props: {
  code: string;
  splitting: boolean;
  onSplit: () => void;
  onInspect: (condition: AssetCondition, note: string) => void;
  onJoin: (other: string) => void;
}) {
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
