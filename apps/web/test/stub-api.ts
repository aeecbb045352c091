/**
 * A stand-in for the Groundswell API, just enough of its public contract for the web
 * shell's end-to-end test: config, categories, reports in a bbox, one report, report tiles
 * (clusters in an 8 × 8 grid to zoom 13, single reports from 14, as the API). It also serves
 * the built web app from `dist`, as the real API does in production.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { encodeTile } from '../../api/src/tiles/encode.ts';

export const XSS = '<img src=x onerror=alert(1)>';

/** Nothing listens on port 9 (discard): the style request fails at once, as it would offline. */
export const UNREACHABLE_STYLE = 'http://127.0.0.1:9/style.json';

export const config = {
  siteName: 'Carse of Gowrie Council',
  mapStyleUrl: UNREACHABLE_STYLE,
  bounds: [-3.4, 56.38, -3.0, 56.48],
  locales: ['en', 'pl'],
  defaultLocale: 'en',
};

const question = (id: string, en: string, pl: string) => ({ id, type: 'yes_no', label: { en, pl }, required: false });

export const categories = [
  {
    code: 'litter',
    name: { en: 'Litter', pl: 'Śmieci' },
    icon: 'trash',
    color: '#b42318',
    geometryTypes: ['Point', 'Polygon'],
    questions: [question('sharps', 'Are there needles or broken glass?', 'Czy są igły lub potłuczone szkło?')],
    responseDays: 5,
    contactRequired: { name: false, email: false, phone: false },
  },
  {
    code: 'blocked_ditch',
    name: { en: 'Blocked drainage ditch', pl: 'Zablokowany rów melioracyjny' },
    icon: 'water',
    color: '#1d4ed8',
    geometryTypes: ['LineString'],
    questions: [question('flooding', 'Is water on the road?', 'Czy woda jest na drodze?')],
    responseDays: 10,
    contactRequired: { name: false, email: false, phone: false },
  },
  {
    code: 'fly_tipping',
    name: { en: 'Fly-tipping', pl: 'Nielegalne wysypisko' },
    icon: 'dump',
    color: '#7c3aed',
    geometryTypes: ['Point', 'Polygon'],
    questions: [],
    responseDays: 5,
    contactRequired: { name: false, email: false, phone: false },
  },
];

function properties(p: { id: string; category: string; state: string; description: string; createdAt: string; supportCount: number; answers?: Record<string, unknown>; expectedAt?: string }) {
  const cat = categories.find((c) => c.code === p.category)!;
  const closed = ['fixed', 'closed', 'duplicate', 'referred'].includes(p.state);
  return {
    id: p.id,
    category: p.category,
    categoryName: cat.name.en,
    state: p.state,
    status: closed ? 'closed' : 'open',
    description: p.description,
    answers: p.answers ?? {},
    reporterName: null,
    channel: 'web',
    areas: ['Longforgan ward'],
    supportCount: p.supportCount,
    photos: [],
    expectedAt: p.expectedAt ?? null,
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
    acknowledgedAt: null,
    resolvedAt: closed ? '2026-03-02T10:00:00Z' : null,
    url: `http://localhost:3000/#/reports/${p.id}`,
  };
}

/** The middle vertex of the ditch: the test taps next to it. */
export const LINE_VERTEX: [number, number] = [-3.24, 56.415];

export const features = [
  {
    type: 'Feature',
    id: 'GS-1001',
    geometry: { type: 'Point', coordinates: [-3.33, 56.445] },
    properties: properties({
      id: 'GS-1001',
      category: 'litter',
      state: 'new',
      description: 'Overflowing bin at the bus stop on the A90 slip road.',
      createdAt: '2026-02-20T08:15:00Z',
      supportCount: 2,
    }),
  },
  {
    type: 'Feature',
    id: 'GS-1002',
    geometry: { type: 'LineString', coordinates: [[-3.3, 56.4], LINE_VERTEX, [-3.18, 56.408]] },
    properties: properties({
      id: 'GS-1002',
      category: 'blocked_ditch',
      state: 'in_progress',
      description: `Ditch along the farm track is blocked with branches; water over the road after rain. ${XSS}`,
      createdAt: '2026-02-24T17:40:00Z',
      supportCount: 5,
      answers: { flooding: true },
      expectedAt: '2026-03-20T00:00:00Z',
    }),
  },
  {
    type: 'Feature',
    id: 'GS-1003',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-3.12, 56.44],
          [-3.08, 56.44],
          [-3.08, 56.46],
          [-3.12, 56.46],
          [-3.12, 56.44],
        ],
      ],
    },
    properties: properties({
      id: 'GS-1003',
      category: 'fly_tipping',
      state: 'fixed',
      description: 'Builders’ rubble dumped across the field entrance.',
      createdAt: '2026-01-11T12:00:00Z',
      supportCount: 0,
    }),
  },
];

export const timelines: Record<string, unknown[]> = {
  'GS-1002': [
    { kind: 'created', at: '2026-02-24T17:40:00Z', actor: 'Resident' },
    { kind: 'supported', at: '2026-02-25T09:00:00Z', actor: 'Resident' },
    { kind: 'state_changed', at: '2026-02-26T10:00:00Z', actor: 'Roads team', state: 'acknowledged' },
    {
      kind: 'public_answer',
      at: '2026-02-26T10:05:00Z',
      actor: 'Roads team',
      message: `Thank you. Our crew will clear the ditch by 20 March. ${XSS}`,
      expectedAt: '2026-03-20T00:00:00Z',
    },
    { kind: 'state_changed', at: '2026-03-02T08:00:00Z', actor: 'Roads team', state: 'in_progress' },
  ],
};

type Coordinates = number[] | Coordinates[];
function positions(c: Coordinates): number[][] {
  return typeof c[0] === 'number' ? [c as number[]] : (c as Coordinates[]).flatMap(positions);
}

function intersects(feature: (typeof features)[number], [w, s, e, n]: number[]): boolean {
  const pts = positions(feature.geometry.coordinates as Coordinates);
  const xs = pts.map((p) => p[0]!);
  const ys = pts.map((p) => p[1]!);
  return Math.min(...xs) <= e! && Math.max(...xs) >= w! && Math.min(...ys) <= n! && Math.max(...ys) >= s!;
}

const EXTENT = 4096;
/** Tile coordinates (y down) of a position at zoom z, relative to tile x/y. */
function toTile([lon, lat]: number[], z: number, x: number, y: number): [number, number] {
  const r = (lat! * Math.PI) / 180;
  const tx = ((lon! + 180) / 360) * 2 ** z - x;
  const ty = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z - y;
  return [Math.round(tx * EXTENT), Math.round(ty * EXTENT)];
}
/** Where a report counts in a cluster: the point itself, else a vertex of its shape (the API uses a point on the surface). */
const anchor = (f: (typeof features)[number]) => {
  const pts = positions(f.geometry.coordinates as Coordinates);
  return pts[Math.floor(pts.length / 2)]!;
};

/** The report tile the API would send for these fixtures. */
async function reportTile(z: number, x: number, y: number): Promise<Uint8Array> {
  if (z <= 13) {
    const cells = new Map<string, { xs: number[]; ys: number[]; states: string[]; open: number }>();
    for (const f of features) {
      const [px, py] = toTile(anchor(f), z, x, y);
      if (px < 0 || px >= EXTENT || py < 0 || py >= EXTENT) continue;
      const key = `${Math.floor(px / 512)},${Math.floor(py / 512)}`;
      const cell = cells.get(key) ?? { xs: [], ys: [], states: [], open: 0 };
      cell.xs.push(px);
      cell.ys.push(py);
      cell.states.push(f.properties.state);
      if (f.properties.status === 'open') cell.open += 1;
      cells.set(key, cell);
    }
    const mean = (v: number[]) => Math.round(v.reduce((a, b) => a + b, 0) / v.length);
    const rows = [...cells.values()].map((c) => ({ geom: { type: 'Point', coordinates: [mean(c.xs), mean(c.ys)] }, count: c.xs.length, openCount: c.open, state: c.states.sort()[0] }));
    return encodeTile(rows.length ? { clusters: rows } : {});
  }
  const rows = features
    .map((f) => {
      const c = f.geometry.coordinates as Coordinates;
      const coordinates =
        f.geometry.type === 'Point'
          ? toTile(c as number[], z, x, y)
          : f.geometry.type === 'LineString'
            ? (c as number[][]).map((p) => toTile(p, z, x, y))
            : (c as number[][][]).map((ring) => ring.map((p) => toTile(p, z, x, y)));
      const p = f.properties;
      return {
        geom: { type: f.geometry.type, coordinates },
        id: p.id,
        category: p.category,
        state: p.state,
        status: p.status,
        supportCount: p.supportCount,
        geometryType: f.geometry.type,
        createdAt: p.createdAt,
      };
    })
    .filter((r) => {
      const pts = positions(r.geom.coordinates as Coordinates);
      return (
        pts.some(([px, py]) => px! > -64 && px! < EXTENT + 64 && py! > -64 && py! < EXTENT + 64) ||
        (r.geometryType !== 'Point' &&
          Math.min(...pts.map((q) => q[0]!)) < EXTENT &&
          Math.max(...pts.map((q) => q[0]!)) > 0 &&
          Math.min(...pts.map((q) => q[1]!)) < EXTENT &&
          Math.max(...pts.map((q) => q[1]!)) > 0)
      );
    });
  return encodeTile(rows.length ? { reports: rows } : {});
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface StubApi {
  url: string;
  /** What `/api/config` answers; tests may change `mapStyleUrl` before loading a page. */
  config: typeof config;
  /** A style URL that accepts the request and never answers, like a dead mobile link. */
  hangingStyleUrl: string;
  /** Every request path and query the app made, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startStubApi(distDir: string): Promise<StubApi> {
  const requests: string[] = [];
  const siteConfig = structuredClone(config);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname + url.search);
    if (url.pathname === '/hanging/style.json') return; // never answered
    const json = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(JSON.stringify(body));
    };
    const notFound = () => json(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }, 'application/problem+json');

    if (url.pathname === '/api/config') return json(200, siteConfig);
    if (url.pathname === '/api/categories') return json(200, categories);
    if (url.pathname === '/api/reports') {
      const bbox = (url.searchParams.get('bbox') ?? '-180,-90,180,90').split(',').map(Number);
      const inView = features.filter((f) => intersects(f, bbox));
      return json(200, { type: 'FeatureCollection', features: inView, numberReturned: inView.length, truncated: false }, 'application/geo+json');
    }
    const one = /^\/api\/reports\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const feature = features.find((f) => f.id === decodeURIComponent(one[1]!));
      return feature ? json(200, { ...feature, timeline: timelines[feature.id] ?? [] }, 'application/geo+json') : notFound();
    }
    if (url.pathname.startsWith('/api/')) return notFound();
    const tile = /^\/tiles\/reports\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(url.pathname);
    if (tile) {
      const bytes = await reportTile(Number(tile[1]), Number(tile[2]), Number(tile[3]));
      res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile' });
      return res.end(bytes);
    }

    const file = normalize(join(distDir, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(distDir)) return notFound();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      notFound();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    config: siteConfig,
    hangingStyleUrl: `${url}/hanging/style.json`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
