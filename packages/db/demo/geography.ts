/**
 * The Carse of Gowrie, simplified: the flat strip of farmland on the north shore of the
 * Firth of Tay between Perth and Dundee. Villages, the main roads, the shore line and the
 * community council areas are drawn by hand from the map; everything else is placed
 * around them.
 */
import type { Rng } from './random.ts';

export type LonLat = [number, number];

/** west, south, east, north: everything the demo creates lies inside. */
export const DEMO_BBOX = [-3.4, 56.37, -3.0, 56.49] as const;

/** Metres per degree at the carse's latitude. */
const M_PER_DEG_LAT = 111_200;
const M_PER_DEG_LON = 111_320 * Math.cos((56.42 * Math.PI) / 180);

export function offset([lon, lat]: LonLat, east: number, north: number): LonLat {
  return [lon + east / M_PER_DEG_LON, lat + north / M_PER_DEG_LAT];
}

export function distance(a: LonLat, b: LonLat): number {
  return Math.hypot((a[0] - b[0]) * M_PER_DEG_LON, (a[1] - b[1]) * M_PER_DEG_LAT);
}

export function lineLength(line: readonly LonLat[]): number {
  let d = 0;
  for (let i = 1; i < line.length; i++) d += distance(line[i - 1]!, line[i]!);
  return d;
}

/** The point `at` metres along a line, and the direction (unit east, north) it runs there. */
export function along(line: readonly LonLat[], at: number): { point: LonLat; dir: [number, number] } {
  let rest = Math.max(0, at);
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const d = distance(a, b);
    if (rest <= d || i === line.length - 1) {
      const t = d === 0 ? 0 : Math.min(1, rest / d);
      const east = (b[0] - a[0]) * M_PER_DEG_LON;
      const north = (b[1] - a[1]) * M_PER_DEG_LAT;
      const len = Math.hypot(east, north) || 1;
      return { point: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], dir: [east / len, north / len] };
    }
    rest -= d;
  }
  const only = line[0]!;
  return { point: only, dir: [0, -1] };
}

/** Seven decimals, about a centimetre: what GeoJSON output uses, and stable across runs. */
export function round(p: LonLat): LonLat {
  return [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];
}

export interface Village {
  name: string;
  at: LonLat;
  /** How many residents report from here, roughly. */
  weight: number;
}

export const VILLAGES: readonly Village[] = [
  { name: 'Errol', at: [-3.213, 56.392], weight: 5 },
  { name: 'Inchture', at: [-3.167, 56.446], weight: 3 },
  { name: 'Longforgan', at: [-3.128, 56.456], weight: 3 },
  { name: 'Kinfauns', at: [-3.375, 56.392], weight: 1.5 },
  { name: 'St Madoes', at: [-3.276, 56.384], weight: 3 },
  { name: 'Glencarse', at: [-3.313, 56.396], weight: 2 },
  { name: 'Abernyte', at: [-3.199, 56.478], weight: 0.8 },
  { name: 'Kilspindie', at: [-3.271, 56.442], weight: 0.6 },
  { name: 'Rait', at: [-3.252, 56.433], weight: 0.6 },
  { name: 'Invergowrie', at: [-3.059, 56.458], weight: 4 },
  { name: 'Grange', at: [-3.187, 56.414], weight: 0.8 },
  { name: 'Megginch', at: [-3.236, 56.404], weight: 0.5 },
];

export interface Road {
  name: string;
  /** How it reads in a sentence: "on the A90", "on the road to Abernyte". */
  phrase: string;
  line: LonLat[];
  weight: number;
  trunk?: boolean;
}

export const ROADS: readonly Road[] = [
  {
    name: 'A90',
    phrase: 'the A90',
    trunk: true,
    weight: 2,
    line: [
      [-3.398, 56.3875],
      [-3.375, 56.3895],
      [-3.345, 56.3925],
      [-3.313, 56.3935],
      [-3.285, 56.402],
      [-3.255, 56.414],
      [-3.225, 56.425],
      [-3.195, 56.434],
      [-3.165, 56.4415],
      [-3.135, 56.4505],
      [-3.105, 56.4555],
      [-3.075, 56.4585],
      [-3.045, 56.4625],
      [-3.005, 56.4665],
    ],
  },
  {
    name: 'St Madoes road',
    phrase: 'the road from St Madoes to Errol',
    weight: 2,
    line: [
      [-3.305, 56.3885],
      [-3.276, 56.3865],
      [-3.25, 56.388],
      [-3.228, 56.391],
      [-3.216, 56.3925],
    ],
  },
  {
    name: 'Grange road',
    phrase: 'the road from Errol up to Inchture',
    weight: 2,
    line: [
      [-3.21, 56.3935],
      [-3.2, 56.402],
      [-3.19, 56.412],
      [-3.178, 56.428],
      [-3.17, 56.4445],
    ],
  },
  {
    name: 'Abernyte road',
    phrase: 'the road up to Abernyte',
    weight: 1,
    line: [
      [-3.168, 56.4475],
      [-3.18, 56.46],
      [-3.192, 56.471],
      [-3.198, 56.4765],
    ],
  },
  {
    name: 'Rait road',
    phrase: 'the road up to Rait and Kilspindie',
    weight: 1,
    line: [
      [-3.287, 56.4025],
      [-3.272, 56.414],
      [-3.26, 56.425],
      [-3.254, 56.432],
      [-3.262, 56.438],
      [-3.27, 56.4415],
    ],
  },
  {
    name: 'Megginch road',
    phrase: 'the Megginch road',
    weight: 1,
    line: [
      [-3.215, 56.3935],
      [-3.226, 56.398],
      [-3.236, 56.4035],
      [-3.247, 56.41],
      [-3.256, 56.4135],
    ],
  },
  {
    name: 'Port Allen road',
    phrase: 'the road down to Port Allen',
    weight: 0.8,
    line: [
      [-3.212, 56.391],
      [-3.207, 56.3865],
      [-3.2, 56.383],
    ],
  },
  {
    name: 'Kinfauns road',
    phrase: 'the old Perth road at Kinfauns',
    weight: 1,
    line: [
      [-3.397, 56.3955],
      [-3.385, 56.394],
      [-3.372, 56.3935],
      [-3.355, 56.395],
      [-3.335, 56.396],
    ],
  },
  {
    name: 'Longforgan road',
    phrase: 'the road between Inchture and Longforgan',
    weight: 1.2,
    line: [
      [-3.165, 56.4465],
      [-3.15, 56.451],
      [-3.138, 56.454],
      [-3.128, 56.4555],
      [-3.115, 56.4565],
    ],
  },
  {
    name: 'Invergowrie Main Street',
    phrase: 'Main Street in Invergowrie',
    weight: 1.5,
    line: [
      [-3.073, 56.4565],
      [-3.066, 56.4572],
      [-3.059, 56.458],
      [-3.05, 56.4588],
    ],
  },
  {
    name: 'Kingoodie road',
    phrase: 'the Kingoodie road',
    weight: 0.8,
    line: [
      [-3.062, 56.4575],
      [-3.055, 56.455],
      [-3.047, 56.4525],
      [-3.04, 56.4515],
    ],
  },
];

export function road(name: string): Road {
  const r = ROADS.find((x) => x.name === name);
  if (!r) throw new Error(`no road ${name}`);
  return r;
}

/**
 * The north shore of the Firth of Tay, roughly: it runs east-north-east, so the carse
 * narrows towards Invergowrie. Nothing on land goes south of it.
 */
const SHORE: readonly LonLat[] = [
  [-3.4, 56.3845],
  [-3.36, 56.3815],
  [-3.33, 56.3795],
  [-3.28, 56.378],
  [-3.21, 56.3775],
  [-3.17, 56.3865],
  [-3.13, 56.405],
  [-3.1, 56.424],
  [-3.07, 56.444],
  [-3.05, 56.452],
  [-3.0, 56.456],
];

export function shoreLatitude(lon: number): number {
  for (let i = 1; i < SHORE.length; i++) {
    const a = SHORE[i - 1]!;
    const b = SHORE[i]!;
    if (lon <= b[0]) return a[1] + ((b[1] - a[1]) * (lon - a[0])) / (b[0] - a[0]);
  }
  return SHORE[SHORE.length - 1]![1];
}

/** On land, inside the demo box, and at least `margin` metres from the water. */
export function onLand([lon, lat]: LonLat, margin = 60): boolean {
  return lon > DEMO_BBOX[0] + 0.003 && lon < DEMO_BBOX[2] - 0.003 && lat < DEMO_BBOX[3] - 0.005 && lat > shoreLatitude(lon) + margin / M_PER_DEG_LAT;
}

export function nearestVillage(p: LonLat): Village {
  let best = VILLAGES[0]!;
  for (const v of VILLAGES) if (distance(p, v.at) < distance(p, best.at)) best = v;
  return best;
}

/** A spot near a village: most reports come from where people live. */
export function nearVillage(rng: Rng, village: Village, sigma: number): LonLat {
  for (let i = 0; i < 50; i++) {
    const p = offset(village.at, rng.gauss() * sigma, rng.gauss() * sigma);
    if (onLand(p)) return p;
  }
  return village.at;
}

/** A spot on a road (a few metres off its centre line) and the road's direction there. */
export function onRoad(rng: Rng, r: Road, from = 0, to = 1): { point: LonLat; dir: [number, number] } {
  const len = lineLength(r.line);
  for (let i = 0; i < 50; i++) {
    const { point, dir } = along(r.line, len * rng.range(from, to));
    const side = rng.range(-6, 6);
    const p = offset(point, -dir[1] * side, dir[0] * side);
    if (onLand(p)) return { point: p, dir };
  }
  return along(r.line, len / 2);
}

/**
 * A simple area around a centre: corners at increasing angles, so the ring never crosses
 * itself; closed, and valid by construction.
 */
export function blob(rng: Rng, centre: LonLat, radius: number, corners: number): LonLat[] {
  const ring: LonLat[] = [];
  const start = rng.range(0, Math.PI * 2);
  for (let i = 0; i < corners; i++) {
    const a = start + ((i + rng.range(-0.3, 0.3)) / corners) * Math.PI * 2;
    const r = radius * rng.range(0.6, 1);
    ring.push(round(offset(centre, Math.cos(a) * r, Math.sin(a) * r)));
  }
  ring.push(ring[0]!);
  return ring;
}

/** A rectangle along a direction: a lay-by, a verge, a strip of flooded road. */
export function strip(centre: LonLat, dir: [number, number], length: number, width: number): LonLat[] {
  const [ux, uy] = dir;
  const [vx, vy] = [-uy, ux];
  const corner = (s: number, t: number) => round(offset(centre, (ux * length * s) / 2 + (vx * width * t) / 2, (uy * length * s) / 2 + (vy * width * t) / 2));
  const ring = [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)];
  ring.push(ring[0]!);
  return ring;
}

export interface AreaDef {
  code: string;
  name: string;
  ring: LonLat[];
}

/*
 * Community council areas. They share their boundaries exactly (every border is written
 * once below and reused), so together they tile DEMO_BBOX with no gaps or overlaps.
 */
const [W, S, E, N] = DEMO_BBOX;
/** Kinfauns | the rest, south to north. */
const WEST_LINE: LonLat[] = [
  [-3.3, S],
  [-3.305, 56.41],
  [-3.3, 56.425],
  [-3.295, 56.45],
  [-3.3, N],
];
/** Errol (south) | Carse of Gowrie (north), west to east; starts and ends on the lines beside it. */
const MID_LINE: LonLat[] = [
  [-3.3, 56.425],
  [-3.25, 56.421],
  [-3.2, 56.424],
  [-3.14, 56.428],
];
/** Errol and Carse of Gowrie | Longforgan, south to north. */
const LONGFORGAN_LINE: LonLat[] = [
  [-3.145, S],
  [-3.148, 56.4],
  [-3.14, 56.428],
  [-3.15, 56.46],
  [-3.145, N],
];
/** Longforgan | Invergowrie, south to north. */
const EAST_LINE: LonLat[] = [
  [-3.09, S],
  [-3.095, 56.42],
  [-3.088, 56.45],
  [-3.092, N],
];

const rev = (l: LonLat[]) => [...l].reverse();
const close = (l: LonLat[]): LonLat[] => [...l, l[0]!];

export const AREAS: readonly AreaDef[] = [
  { code: 'cc-kinfauns', name: 'Kinfauns', ring: close([[W, S], ...WEST_LINE, [W, N]]) },
  {
    code: 'cc-errol',
    name: 'Errol',
    ring: close([WEST_LINE[0]!, ...LONGFORGAN_LINE.slice(0, 3), ...rev(MID_LINE.slice(0, 3)), WEST_LINE[1]!]),
  },
  {
    code: 'cc-carse-of-gowrie',
    name: 'Carse of Gowrie',
    ring: close([...MID_LINE, ...LONGFORGAN_LINE.slice(3), ...rev(WEST_LINE.slice(3))]),
  },
  { code: 'cc-longforgan', name: 'Longforgan', ring: close([...LONGFORGAN_LINE, ...rev(EAST_LINE)]) },
  { code: 'cc-invergowrie', name: 'Invergowrie', ring: close([...EAST_LINE, [E, N], [E, S]]) },
];
