/**
 * The drainage network of the carse: a few main pows running south across the flat land to
 * the Tay, each cut into mapped segments (with culverts where a road crosses), fed by
 * straight field drains that follow field edges and turn to meet the pow.
 */
import { distance, lineLength, offset, onLand, road, round, type LonLat, type Road } from './geography.ts';
import type { Rng } from './random.ts';

export type Condition = 'clear' | 'partly_blocked' | 'blocked' | 'collapsed' | 'unknown';

export interface AssetDef {
  code: string;
  kind: 'ditch' | 'culvert';
  name: string;
  /** The pow the segment drains into, or is part of. */
  pow: string;
  line: LonLat[];
}

interface PowDef {
  name: string;
  /** Longitude where it starts, at the foot of the braes. */
  x: number;
  top: number;
  bottom: number;
  /** Roads it passes under, through a culvert. */
  crossings: string[];
  /** Farms whose field drains feed it (they name the drains). */
  farms: string[];
}

const POWS: readonly PowDef[] = [
  {
    name: 'Pow of Glencarse',
    x: -3.294,
    top: 56.421,
    bottom: 56.3805,
    crossings: ['A90', 'St Madoes road'],
    farms: ['Pitfour', 'Cottown', 'Seggieden', 'Inchyra', 'Kinnaird Mains', 'Walnut Grove', 'Mains of Glencarse', 'Ballyhouse'],
  },
  {
    name: 'Pow of Errol',
    x: -3.226,
    top: 56.444,
    bottom: 56.3805,
    crossings: ['A90', 'St Madoes road'],
    farms: ['Leetown', 'Clashbenny', 'Mains of Errol', 'Murie', 'Flatfield', 'Chapelhill', 'Ardgaith', 'Muirhouses', 'Orchardfield', 'Gourdiehill'],
  },
  {
    name: 'Grange Pow',
    x: -3.181,
    top: 56.452,
    bottom: 56.3915,
    crossings: ['A90'],
    farms: ['Ballindean', 'Inchmartine', 'Mains of Grange', 'Westown', 'Horn', 'Powgavie', 'Baledgarno', 'Carsegrange', 'Pilmore', 'Littleton'],
  },
  {
    name: 'Huntly Pow',
    x: -3.137,
    top: 56.446,
    bottom: 56.4115,
    crossings: [],
    farms: ['Castle Huntly', 'Mylnefield', 'Bullionfield', 'Kingoodie Mains', 'Huntly Mains', 'Dron', 'Knapp', 'Balgay'],
  },
];

const DEG_PER_M_LAT = 1 / 111_200;

/** A meandering centre line: longitude as a smooth function of latitude. */
function centreLine(rng: Rng, pow: PowDef): (lat: number) => number {
  const a1 = rng.range(40, 90);
  const a2 = rng.range(15, 35);
  const l1 = rng.range(1800, 3200) * DEG_PER_M_LAT;
  const l2 = rng.range(600, 1000) * DEG_PER_M_LAT;
  const p1 = rng.range(0, 6.3);
  const p2 = rng.range(0, 6.3);
  const drift = rng.range(-150, 150);
  return (lat) => {
    const east = a1 * Math.sin((2 * Math.PI * lat) / l1 + p1) + a2 * Math.sin((2 * Math.PI * lat) / l2 + p2) + (drift * (pow.top - lat)) / (pow.top - pow.bottom);
    return offset([pow.x, lat], east, 0)[0];
  };
}

/** Latitude where a road crosses the pow: the road's latitude at the pow's longitude. */
function crossingLatitude(r: Road, x: (lat: number) => number, guess: number): number | undefined {
  let lat = guess;
  for (let i = 0; i < 8; i++) {
    const lon = x(lat);
    let found: number | undefined;
    for (let j = 1; j < r.line.length; j++) {
      const a = r.line[j - 1]!;
      const b = r.line[j]!;
      if ((a[0] - lon) * (b[0] - lon) <= 0 && a[0] !== b[0]) found = a[1] + ((b[1] - a[1]) * (lon - a[0])) / (b[0] - a[0]);
    }
    if (found === undefined) return undefined;
    lat = found;
  }
  return lat;
}

const CULVERT_HALF = 112 * DEG_PER_M_LAT;
const SEGMENT = 1000 * DEG_PER_M_LAT;

export function buildNetwork(rng: Rng): AssetDef[] {
  const ditches: AssetDef[] = [];
  const culverts: AssetDef[] = [];
  for (const pow of POWS) {
    const x = centreLine(rng, pow);
    const at = (lat: number): LonLat => round([x(lat), lat]);
    const mid = (pow.top + pow.bottom) / 2;
    const cuts = pow.crossings
      .map((name) => ({ name, lat: crossingLatitude(road(name), x, mid) }))
      .filter((c): c is { name: string; lat: number } => c.lat !== undefined && c.lat < pow.top - 0.003 && c.lat > pow.bottom + 0.003)
      .sort((a, b) => b.lat - a.lat);
    // Open reaches between the culverts, top to bottom.
    const reaches: [number, number][] = [];
    let from = pow.top;
    for (const c of cuts) {
      reaches.push([from, c.lat + CULVERT_HALF]);
      culverts.push({
        code: '',
        kind: 'culvert',
        name: `${pow.name} culvert under the ${c.name === 'A90' ? 'A90' : c.name}`,
        pow: pow.name,
        line: [at(c.lat + CULVERT_HALF), at(c.lat), at(c.lat - CULVERT_HALF)],
      });
      from = c.lat - CULVERT_HALF;
    }
    reaches.push([from, pow.bottom]);

    const junctions: LonLat[] = [];
    for (const [hi, lo] of reaches) {
      const parts = Math.max(1, Math.ceil((hi - lo) / SEGMENT));
      const breaks = [hi];
      for (let i = 1; i < parts; i++) breaks.push(hi - ((hi - lo) * (i + rng.range(-0.15, 0.15))) / parts);
      breaks.push(lo);
      for (let i = 1; i < breaks.length; i++) {
        const a = breaks[i - 1]!;
        const b = breaks[i]!;
        const span = (a - b) / DEG_PER_M_LAT;
        const n = Math.min(8, Math.max(3, Math.round(span / 190) + 1));
        const line: LonLat[] = [];
        for (let k = 0; k < n; k++) line.push(at(a - ((a - b) * k) / (n - 1)));
        ditches.push({ code: '', kind: 'ditch', name: pow.name, pow: pow.name, line });
        // Field drains join at an inner vertex of the segment.
        junctions.push(line[Math.floor(n / 2)]!);
      }
    }

    // Field drains: alternate sides down the pow so that neighbours never cross.
    let side = rng.chance(0.5) ? 1 : -1;
    let farm = 0;
    for (const j of junctions) {
      for (const s of [side, -side]) {
        if (farm >= pow.farms.length || rng.chance(0.15)) continue;
        const drain = fieldDrain(rng, j, s);
        if (!drain) continue;
        ditches.push({ code: '', kind: 'ditch', name: `${pow.farms[farm]} drain`, pow: pow.name, line: drain });
        farm++;
      }
      side = -side;
    }
  }
  ditches.forEach((d, i) => {
    d.code = `D-${String(i + 1).padStart(3, '0')}`;
  });
  culverts.forEach((c, i) => {
    c.code = `C-${String(i + 1).padStart(3, '0')}`;
  });
  return [...ditches, ...culverts];
}

/** A straight drain along a field edge, running south, then turning to meet the pow at `j`. */
function fieldDrain(rng: Rng, j: LonLat, side: number): LonLat[] | undefined {
  for (let attempt = 0; attempt < 10; attempt++) {
    const lateral = rng.range(250, 700);
    const north = rng.range(200, 650);
    const start = offset(j, side * lateral, north);
    const bend = offset(j, side * lateral, rng.range(15, 40));
    const line: LonLat[] = [start];
    if (north > 420) line.push(offset(j, side * lateral + rng.range(-8, 8), north * rng.range(0.4, 0.6)));
    line.push(bend);
    if (lateral > 450) line.push(offset(j, side * lateral * rng.range(0.4, 0.6), rng.range(5, 15)));
    line.push(j);
    const rounded = line.map(round);
    const len = lineLength(rounded);
    if (len >= 250 && len <= 1400 && rounded.every((p) => onLand(p, 40)) && distance(rounded[0]!, j) > 100) return rounded;
  }
  return undefined;
}

export interface Inspection {
  at: Date;
  condition: Condition;
  note?: string;
}

const DAY = 86_400_000;

/** An asset's condition now and the inspections (oldest first) that recorded it. */
export function conditionHistory(rng: Rng, asset: AssetDef, now: Date): { condition: Condition; inspections: Inspection[] } {
  const drain = asset.kind === 'ditch' && !asset.name.startsWith('Pow') && !asset.name.endsWith('Pow');
  const condition = rng.weighted<Condition>(
    asset.kind === 'culvert'
      ? { clear: 45, partly_blocked: 25, blocked: 20, collapsed: 5, unknown: 5 }
      : drain
        ? { clear: 25, partly_blocked: 30, blocked: 25, collapsed: 8, unknown: 12 }
        : { clear: 40, partly_blocked: 33, blocked: 14, collapsed: 5, unknown: 8 },
  );
  const n = rng.int(1, 4);
  const ages = Array.from({ length: n }, () => rng.range(5, 728)).sort((a, b) => b - a);
  const inspections: Inspection[] = ages.map((age, i) => {
    const last = i === n - 1;
    const c = last ? condition : rng.weighted<Condition>({ clear: 40, partly_blocked: 35, blocked: 20, collapsed: 5 });
    return { at: new Date(Math.round((now.getTime() - age * DAY) / 60_000) * 60_000), condition: c };
  });
  for (let i = 0; i < inspections.length; i++) {
    const ins = inspections[i]!;
    const before = inspections[i - 1]?.condition;
    if (ins.condition === 'unknown') ins.note = rng.pick(['No access: crop in the field.', 'Could not see the channel for vegetation.', 'Access track flooded.']);
    else if (ins.condition === 'clear' && (before === 'blocked' || before === 'partly_blocked' || before === 'collapsed'))
      ins.note = rng.pick(['Cleared by machine, spoil spread on the field.', 'Cleared by hand, about 200 m.', 'Bank rebuilt and channel cleared.']);
    else if (ins.condition === 'collapsed') ins.note = 'Bank slumped into the channel; needs rebuilding.';
    else if (ins.condition === 'blocked') ins.note = rng.pick(['Silted up, no flow.', 'Blocked by vegetation and debris.']);
  }
  return { condition, inspections };
}
