/**
 * The conversation map (issue 13): where people talk about the area (sources, communities,
 * hashtags) joined to what and where they talk about, week by week, and the areas shaded by
 * mentions. Each figure with a summary, its table and a CSV link, like the other sections.
 * Nothing here names a person: the API sends only counts (see docs/insight.md).
 */
import { createEffect, createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import * as Plot from '@observablehq/plot';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { ConversationLink, ConversationMap, ConversationPlace, ConversationTarget } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { categoryLabel, format, formatNumber } from '../i18n/index.ts';
import { styleReady } from '../map/create-map.ts';
import { getJson } from './api.ts';
import { Chart, CsvLink, DataTable } from './Chart.tsx';
import { COUNT_COLORS, SERIES_COLORS, countBreaks } from './colors.ts';
import { tc } from './i18n/conversations.ts';
import { te } from './i18n/evidence.ts';
import { fitTo, insightMap } from './maps.ts';
import type { Insight } from './insight-state.ts';

type SourceData = Parameters<GeoJSONSource['setData']>[0];

export interface AreaFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
  properties: { code: string; name: string; kind: string; mentions: number };
}
export type ConversationAnswer = ConversationMap & {
  period: { from: string; to: string };
  areas: { type: 'FeatureCollection'; features: AreaFeature[] };
  unlocated: number;
};

/** The diagram shows the busiest places and targets; the tables have them all. */
const SHOWN = 12;
const PLACE_COLORS: Record<ConversationPlace['kind'], string> = { source: '#0072b2', community: '#009e73', hashtag: '#cc79a7' };

function names(s: Insight, m: ConversationAnswer) {
  const t = () => tc();
  const place = (p: ConversationPlace) => (p.kind === 'source' ? `${p.name} (${te().listening.kinds[p.sourceKind] ?? p.sourceKind})` : p.name);
  const target = (x: ConversationTarget) => {
    if (x.kind === 'category') return x.code === 'none' ? t().noCategory : categoryLabel(s.categoryByCode().get(x.code), x.code);
    if (x.kind === 'area') return x.code === 'none' ? t().noArea : (x.name ?? x.code);
    return x.name ?? x.code;
  };
  const placeById = new Map(m.places.map((p) => [p.id, p]));
  const targetById = new Map(m.targets.map((x) => [x.id, x]));
  return { place, target, placeById, targetById };
}

/** Two columns, places and targets, joined by lines as thick as their mentions. */
function Graph(props: { s: Insight; m: ConversationAnswer; linkTo: 'topics' | 'areas' }) {
  const layout = createMemo(() => {
    const m = props.m;
    const n = names(props.s, m);
    const wanted = (x: ConversationTarget) => (props.linkTo === 'areas' ? x.kind === 'area' : x.kind !== 'area');
    const places = m.places.slice(0, SHOWN);
    const placeIds = new Set(places.map((p) => p.id));
    const links = m.links.filter((l) => placeIds.has(l.place) && wanted(n.targetById.get(l.target)!));
    const volume = new Map<string, number>();
    for (const l of links) volume.set(l.target, (volume.get(l.target) ?? 0) + l.mentions);
    const targets = m.targets.filter((x) => volume.has(x.id)).slice(0, SHOWN);
    const targetIds = new Set(targets.map((x) => x.id));
    const rows = Math.max(places.length, targets.length, 1);
    // Spread each column over the same height, so a short column sits in the middle.
    const y = (i: number, count: number) => (rows - count) / 2 + i;
    const py = new Map(places.map((p, i) => [p.id, y(i, places.length)]));
    const ty = new Map(targets.map((x, i) => [x.id, y(i, targets.length)]));
    const drawn = links.filter((l) => targetIds.has(l.target));
    return {
      rows,
      nodes: [
        ...places.map((p) => ({ x: 0, y: py.get(p.id)!, label: n.place(p), mentions: p.mentions, color: PLACE_COLORS[p.kind], anchor: 'end' as const })),
        ...targets.map((x) => ({ x: 1, y: ty.get(x.id)!, label: n.target(x), mentions: x.mentions, color: '#6b7682', anchor: 'start' as const })),
      ],
      links: drawn.map((l: ConversationLink) => ({ y1: py.get(l.place)!, y2: ty.get(l.target)!, mentions: l.mentions, color: PLACE_COLORS[n.placeById.get(l.place)!.kind] })),
    };
  });
  return (
    <Chart
      class="chart-conversations"
      label={tc().graphLabel}
      render={(width) => {
        const l = layout();
        const max = Math.max(1, ...l.links.map((x) => x.mentions));
        const side = Math.min(220, Math.max(110, width * 0.32));
        return Plot.plot({
          width,
          height: 40 + 30 * l.rows,
          marginLeft: side,
          marginRight: side,
          x: { axis: null, domain: [0, 1] },
          y: { axis: null, domain: [l.rows - 0.5, -0.5] },
          r: { range: [3, 14] },
          marks: [
            Plot.link(l.links, { x1: 0, x2: 1, y1: 'y1', y2: 'y2', stroke: 'color', strokeOpacity: 0.45, strokeWidth: (d: { mentions: number }) => 1 + (9 * d.mentions) / max }),
            Plot.dot(l.nodes, { x: 'x', y: 'y', r: 'mentions', fill: 'color' }),
            Plot.text(
              l.nodes.filter((d) => d.anchor === 'end'),
              { x: 'x', y: 'y', text: (d: { label: string; mentions: number }) => `${d.label} · ${formatNumber(d.mentions)}`, textAnchor: 'end', dx: -16, fontSize: 12 },
            ),
            Plot.text(
              l.nodes.filter((d) => d.anchor === 'start'),
              { x: 'x', y: 'y', text: (d: { label: string; mentions: number }) => `${d.label} · ${formatNumber(d.mentions)}`, textAnchor: 'start', dx: 16, fontSize: 12 },
            ),
          ],
        });
      }}
    />
  );
}

function Trend(props: { s: Insight; m: ConversationAnswer; csv: string }) {
  const sources = () => props.m.places.filter((p) => p.kind === 'source');
  const rows = () => {
    const n = names(props.s, props.m);
    const ids = new Set(sources().map((p) => p.id));
    return props.m.weeks.filter((w) => ids.has(w.place)).map((w) => ({ ...w, name: n.place(n.placeById.get(w.place)!), date: new Date(`${w.week}T00:00:00Z`) }));
  };
  return (
    <>
      <h3>{tc().trendHeading}</h3>
      <Chart
        class="chart-conversation-trend"
        label={tc().trendLabel}
        render={(width) =>
          Plot.plot({
            width,
            height: 240,
            marginLeft: 40,
            x: { type: 'utc', label: null },
            y: { grid: true, label: null },
            color: { legend: true, range: SERIES_COLORS },
            marks: [Plot.lineY(rows(), { x: 'date', y: 'mentions', stroke: 'name' }), Plot.ruleY([0])],
          })
        }
      />
      <DataTable
        caption={tc().trendCaption}
        rows={rows()}
        columns={[
          { label: tc().cols.place, value: (r) => r.name },
          { label: tc().cols.week, value: (r) => r.week },
          { label: tc().cols.mentions, value: (r) => formatNumber(r.mentions), numeric: true },
        ]}
      />
      <CsvLink href={props.csv} />
    </>
  );
}

function AreaMap(props: { config: SiteConfig; m: ConversationAnswer; csv: string }) {
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  let fitted = false;
  const styled = createMemo(() => {
    const breaks = countBreaks(Math.max(1, ...props.m.areas.features.map((f) => f.properties.mentions)));
    const colors = COUNT_COLORS.slice(0, breaks.length);
    const steps: Array<number | string> = [];
    for (const [i, b] of breaks.slice(0, -1).entries()) steps.push(b + 1, colors[i + 1]!);
    const expression = ['step', ['get', 'mentions'], '#f2f2f2', 1, colors[0]!, ...steps] as ExpressionSpecification;
    const labels = breaks.map((b, i) => {
      const lo = i === 0 ? 1 : breaks[i - 1]! + 1;
      return lo >= b ? String(b) : `${lo} – ${b}`;
    });
    return { expression, colors, labels };
  });
  const paint = () => {
    const data = props.m.areas;
    const s = styled();
    if (!map || !styleReady(map)) return;
    const source = map.getSource('conversation-areas') as GeoJSONSource | undefined;
    if (!source) {
      map.addSource('conversation-areas', { type: 'geojson', data: data as unknown as SourceData });
      map.addLayer({ id: 'conversation-areas-fill', type: 'fill', source: 'conversation-areas', paint: { 'fill-color': s.expression, 'fill-opacity': 0.75 } });
      map.addLayer({ id: 'conversation-areas-outline', type: 'line', source: 'conversation-areas', paint: { 'line-color': '#5c4a2a', 'line-width': 1 } });
    } else {
      source.setData(data as unknown as SourceData);
      map.setPaintProperty('conversation-areas-fill', 'fill-color', s.expression);
    }
    if (!fitted && data.features.length) {
      fitted = true;
      fitTo(
        map,
        data.features.flatMap((f) => (f.geometry.type === 'Polygon' ? (f.geometry.coordinates as number[][][]) : (f.geometry.coordinates as number[][][][]).flat()).flat() as Array<[number, number]>),
      );
    }
  };
  onMount(() =>
    onCleanup(
      insightMap(container, props.config, tc().mapLabel, 'conversations', (m) => {
        map = m;
        paint();
      }),
    ),
  );
  createEffect(paint);
  const rows = () => [...props.m.areas.features].sort((a, b) => b.properties.mentions - a.properties.mentions || a.properties.name.localeCompare(b.properties.name));
  return (
    <>
      <h3>{tc().mapHeading}</h3>
      <div class="insight-map-wrap">
        <div ref={container} class="insight-map" role="region" aria-label={tc().mapLabel} />
        <div class="insight-legend" aria-hidden="true">
          <p>{tc().legend}</p>
          <ul>
            <For each={styled().labels}>
              {(label, i) => (
                <li>
                  <span class="insight-swatch" style={{ background: styled().colors[i()] }} />
                  {label}
                </li>
              )}
            </For>
          </ul>
        </div>
      </div>
      <DataTable
        caption={tc().mapCaption}
        rows={rows()}
        columns={[
          { label: tc().cols.area, value: (f) => f.properties.name },
          { label: tc().cols.mentions, value: (f) => formatNumber(f.properties.mentions), numeric: true },
        ]}
      />
      <CsvLink href={props.csv} />
    </>
  );
}

function ConversationFigures(props: { s: Insight; config: SiteConfig; m: ConversationAnswer; url: string }) {
  const [linkTo, setLinkTo] = createSignal<'topics' | 'areas'>('topics');
  const n = () => names(props.s, props.m);
  const csv = (table: string) => `${props.url}&format=csv&table=${table}`;
  return (
    <>
      <p class="insight-summary">
        {format(tc().summary, {
          total: formatNumber(props.m.total),
          places: formatNumber(props.m.places.length),
          busiest: props.m.places[0] ? n().place(props.m.places[0]) : '–',
          count: formatNumber(props.m.places[0]?.mentions ?? 0),
          unlocated: formatNumber(props.m.unlocated),
        })}
      </p>
      <fieldset class="insight-segmented">
        <legend>{tc().linkTo}</legend>
        <For each={['topics', 'areas'] as const}>
          {(k) => (
            <label>
              <input type="radio" name="conversation-link" value={k} checked={linkTo() === k} onChange={() => setLinkTo(k)} />
              {tc().linkKinds[k]}
            </label>
          )}
        </For>
      </fieldset>
      <Graph s={props.s} m={props.m} linkTo={linkTo()} />
      <DataTable
        caption={tc().placesCaption}
        rows={props.m.places}
        columns={[
          { label: tc().cols.place, value: (p) => n().place(p) },
          { label: tc().cols.kind, value: (p) => tc().placeKinds[p.kind] ?? p.kind },
          { label: tc().cols.source, value: (p) => te().listening.kinds[p.sourceKind] ?? p.sourceKind },
          { label: tc().cols.mentions, value: (p) => formatNumber(p.mentions), numeric: true },
        ]}
      />
      <CsvLink href={csv('places')} />
      <DataTable
        caption={tc().linksCaption}
        rows={props.m.links}
        columns={[
          { label: tc().cols.place, value: (l) => n().place(n().placeById.get(l.place)!) },
          { label: tc().cols.target, value: (l) => `${tc().targetKinds[n().targetById.get(l.target)!.kind]}: ${n().target(n().targetById.get(l.target)!)}` },
          { label: tc().cols.mentions, value: (l) => formatNumber(l.mentions), numeric: true },
        ]}
      />
      <CsvLink href={csv('links')} />
      <Trend s={props.s} m={props.m} csv={csv('weeks')} />
      <AreaMap config={props.config} m={props.m} csv={csv('areas')} />
    </>
  );
}

export function ConversationsSection(props: { s: Insight; config: SiteConfig }) {
  const url = () => `${props.s.base}/conversations?${props.s.q()}`;
  const [m] = createResource(
    () => props.s.ready() && url(),
    (u) => getJson<ConversationAnswer>(u),
  );
  return (
    <section class="insight-section" aria-labelledby="conversations-heading">
      <h2 id="conversations-heading">{tc().heading}</h2>
      <p>{tc().intro}</p>
      <Show when={m.latest}>
        {(x) => (
          <>
            <p class="insight-note">{format(tc().privacy, { k: String(x().minAuthors), withheld: formatNumber(x().withheld.places), withheldMentions: formatNumber(x().withheld.mentions) })}</p>
            <Show when={x().total} fallback={<p>{tc().none}</p>}>
              <ConversationFigures s={props.s} config={props.config} m={x()} url={url()} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
