import { createEffect, createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { GeoJSONSource, Map as MapLibreMap, ExpressionSpecification } from 'maplibre-gl';
import type { SiteConfig } from '../api/types.ts';
import { format, formatNumber } from '../i18n/index.ts';
import { getJson, query, type HotSpotFeature, type HotSpotCollection } from './api.ts';
import { COUNT_COLORS, DIFF_COLORS, countBreaks } from './colors.ts';
import { CsvLink, DataTable } from './Chart.tsx';
import { ti } from './i18n/index.ts';
import { styleReady } from '../map/create-map.ts';
import { fitTo, insightMap } from './maps.ts';

type SourceData = Parameters<GeoJSONSource['setData']>[0];

type View = 'count' | 'compareCount' | 'difference';
const SIZES = [250, 500, 750, 1000, 2000];

interface Legend {
  colors: string[];
  labels: string[];
}

export function legendFor(hex: HotSpotCollection, view: View): { expression: ExpressionSpecification; legend: Legend } {
  if (view === 'difference') {
    const d = Math.max(2, Math.ceil(hex.maxAbsDifference / 2));
    const labels = [`≤ −${d}`, `−${d - 1} … −1`, '0', `1 … ${d - 1}`, `≥ ${d}`];
    const expression: ExpressionSpecification = ['step', ['get', 'difference'], DIFF_COLORS[0]!, -d + 1, DIFF_COLORS[1]!, 0, DIFF_COLORS[2]!, 1, DIFF_COLORS[3]!, d, DIFF_COLORS[4]!];
    return { expression, legend: { colors: DIFF_COLORS, labels } };
  }
  const breaks = countBreaks(Math.max(1, hex.maxCount));
  const colors = COUNT_COLORS.slice(0, breaks.length);
  const labels = breaks.map((b, i) => {
    const lo = i === 0 ? 1 : breaks[i - 1]! + 1;
    return lo >= b ? String(b) : `${lo} – ${b}`;
  });
  const steps: Array<number | string> = [];
  for (const [i, b] of breaks.slice(0, -1).entries()) steps.push(b + 1, colors[i + 1]!);
  const expression = (steps.length ? ['step', ['get', view], colors[0]!, ...steps] : colors[0]!) as ExpressionSpecification;
  return { expression, legend: { colors, labels } };
}

export const centre = (h: HotSpotFeature): [number, number] => {
  const ring = h.geometry.coordinates[0]!.slice(0, -1);
  return [ring.reduce((a, p) => a + p[0], 0) / ring.length, ring.reduce((a, p) => a + p[1], 0) / ring.length];
};

/** The hot-spot filters (empty dates take the server's defaults), the hexagons, and the busiest of them. */
export function createHotSpots(options: { base: string; category: () => string; area: () => string; getJson?: <T>(url: string) => Promise<T> }) {
  const fetchJson = options.getJson ?? getJson;
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [compareFrom, setCompareFrom] = createSignal('');
  const [compareTo, setCompareTo] = createSignal('');
  const [size, setSize] = createSignal(500);
  const [view, setView] = createSignal<View>('count');
  const params = () => query({ from: from(), to: to(), compareFrom: compareFrom(), compareTo: compareTo(), size: size(), category: options.category(), area: options.area() });
  const [hex] = createResource(params, (q) => fetchJson<HotSpotCollection>(`${options.base}/hexagons?${q}`));
  createEffect(() => {
    const h = hex.latest;
    if (!h) return;
    // Show the periods the server chose (this quarter against the last, by default).
    if (!from()) setFrom(h.period.from);
    if (!to()) setTo(h.period.to);
    if (!compareFrom()) setCompareFrom(h.comparePeriod.from);
    if (!compareTo()) setCompareTo(h.comparePeriod.to);
  });
  const styled = () => {
    const h = hex.latest;
    return h ? legendFor(h, view()) : undefined;
  };
  const busiest = () => {
    const h = hex.latest;
    if (!h) return [];
    const v = view();
    const key = (f: HotSpotFeature) => (v === 'difference' ? Math.abs(f.properties.difference) : f.properties[v]);
    return [...h.features].sort((a, b) => key(b) - key(a) || a.id.localeCompare(b.id)).slice(0, 10);
  };
  return { from, setFrom, to, setTo, compareFrom, setCompareFrom, compareTo, setCompareTo, size, setSize, view, setView, params, hex, styled, busiest };
}

type HotSpotsState = ReturnType<typeof createHotSpots>;

/** Draws the hexagons in the current view; the first hexagons decide the map's view. */
function createHexPainter(hs: HotSpotsState) {
  let map: MapLibreMap | undefined;
  let fitted = false;
  const paint = () => {
    const h = hs.hex.latest;
    const s = hs.styled();
    if (!map || !h || !s || !styleReady(map)) return;
    const source = map.getSource('hexagons') as GeoJSONSource | undefined;
    if (!source) {
      // Later filters keep the view, so periods can be compared in place.
      if (!fitted && h.features.length) {
        fitted = true;
        fitTo(
          map,
          h.features.flatMap((f) => f.geometry.coordinates[0]!),
        );
      }
      map.addSource('hexagons', { type: 'geojson', data: h as unknown as SourceData });
      map.addLayer({ id: 'hexagons-fill', type: 'fill', source: 'hexagons', paint: { 'fill-color': s.expression, 'fill-opacity': 0.75 } });
      map.addLayer({ id: 'hexagons-outline', type: 'line', source: 'hexagons', paint: { 'line-color': '#5c4a2a', 'line-width': 0.6, 'line-opacity': 0.6 } });
    } else {
      source.setData(h as unknown as SourceData);
      map.setPaintProperty('hexagons-fill', 'fill-color', s.expression);
    }
    const v = hs.view();
    const filter: ExpressionSpecification = v === 'difference' ? ['!=', ['get', 'difference'], 0] : ['>', ['get', v], 0];
    map.setFilter('hexagons-fill', filter);
    map.setFilter('hexagons-outline', filter);
  };
  return {
    paint,
    attach(m: MapLibreMap) {
      map = m;
      paint();
    },
  };
}

const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0');

function PeriodFields(props: { legend: string; from: string; to: string; setFrom: (v: string) => void; setTo: (v: string) => void }) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <input type="date" aria-label={`${props.legend}: ${ti().filters.from}`} value={props.from} onChange={(e) => props.setFrom(e.currentTarget.value)} />
      <span aria-hidden="true">–</span>
      <input type="date" aria-label={`${props.legend}: ${ti().filters.to}`} value={props.to} onChange={(e) => props.setTo(e.currentTarget.value)} />
    </fieldset>
  );
}

function Controls(props: { hs: HotSpotsState }) {
  const hs = props.hs;
  return (
    <div class="insight-controls">
      <PeriodFields legend={ti().hotspots.period} from={hs.from()} to={hs.to()} setFrom={hs.setFrom} setTo={hs.setTo} />
      <PeriodFields legend={ti().hotspots.compare} from={hs.compareFrom()} to={hs.compareTo()} setFrom={hs.setCompareFrom} setTo={hs.setCompareTo} />
      <label>
        {ti().hotspots.size}{' '}
        <select value={hs.size()} onChange={(e) => hs.setSize(Number(e.currentTarget.value))}>
          <For each={SIZES}>{(s) => <option value={s}>{formatNumber(s * 2)} m</option>}</For>
        </select>
      </label>
      <fieldset class="insight-segmented">
        <legend>{ti().hotspots.view}</legend>
        <For each={['count', 'compareCount', 'difference'] as View[]}>
          {(v) => (
            <label>
              <input type="radio" name="hotspots-view" value={v} checked={hs.view() === v} onChange={() => hs.setView(v)} />
              {ti().hotspots.views[v]}
            </label>
          )}
        </For>
      </fieldset>
    </div>
  );
}

function Summary(props: { hs: HotSpotsState; h: HotSpotCollection }) {
  const h = () => props.h;
  return (
    <p class="insight-summary" aria-live="polite">
      {format(ti().hotspots.summary, {
        total: formatNumber(h().total),
        from: h().period.from,
        to: h().period.to,
        compareTotal: formatNumber(h().compareTotal),
        compareFrom: h().comparePeriod.from,
        compareTo: h().comparePeriod.to,
        hexagons: formatNumber(h().features.length),
      })}{' '}
      <Show when={props.hs.busiest()[0]}>
        {(b) =>
          format(ti().hotspots.top, {
            lon: centre(b())[0].toFixed(4),
            lat: centre(b())[1].toFixed(4),
            count: formatNumber(b().properties.count),
            difference: signed(b().properties.difference),
          })
        }
      </Show>
    </p>
  );
}

function HexLegend(props: { hs: HotSpotsState; legend: Legend }) {
  return (
    <div class="insight-legend" aria-hidden="true">
      <p>{props.hs.view() === 'difference' ? ti().hotspots.legendDifference : ti().hotspots.legendCount}</p>
      <ul>
        <For each={props.legend.labels}>
          {(label, i) => (
            <li>
              <span class="insight-swatch" style={{ background: props.legend.colors[i()] }} />
              {label}
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/** Hot spots: hexagon counts for a period against another, drawn on a map with a legend and a table. */
export function HotSpots(props: { config: SiteConfig; base: string; category: string; area: string }) {
  const hs = createHotSpots({ base: props.base, category: () => props.category, area: () => props.area });
  const painter = createHexPainter(hs);
  let container!: HTMLDivElement;
  onMount(() => onCleanup(insightMap(container, props.config, ti().hotspots.mapLabel, 'hotspots', painter.attach)));
  createEffect(painter.paint);

  return (
    <section class="insight-section" aria-labelledby="hotspots-heading">
      <h2 id="hotspots-heading">{ti().hotspots.heading}</h2>
      <p>{format(ti().hotspots.intro, { size: formatNumber(hs.size() * 2) })}</p>
      <Controls hs={hs} />
      <Show when={hs.hex.latest}>{(h) => <Summary hs={hs} h={h()} />}</Show>
      <div class="insight-map-wrap">
        <div ref={container} class="insight-map" role="region" aria-label={ti().hotspots.mapLabel} />
        <Show when={hs.styled()}>{(s) => <HexLegend hs={hs} legend={s().legend} />}</Show>
      </div>
      <Show when={hs.hex.latest}>
        <DataTable
          caption={ti().hotspots.tableCaption}
          rows={hs.busiest()}
          columns={[
            {
              label: ti().hotspots.centre,
              value: (f) =>
                centre(f)
                  .map((n) => n.toFixed(4))
                  .join(', '),
            },
            { label: ti().hotspots.count, value: (f) => formatNumber(f.properties.count), numeric: true },
            { label: ti().hotspots.compareCount, value: (f) => formatNumber(f.properties.compareCount), numeric: true },
            { label: ti().hotspots.difference, value: (f) => signed(f.properties.difference), numeric: true },
          ]}
        />
        <CsvLink href={`${props.base}/hexagons?${hs.params()}&format=csv`} />
      </Show>
    </section>
  );
}
