/**
 * A year of reports, planned in memory before anything is written: where each one is, what
 * the resident wrote and answered, and its timeline from "created" to where it is now.
 */
import { REPORT_STATES, type ActorType, type Answers, type Channel, type EventKind, type Geometry, type GeometryKind, type ReportState } from '@groundswell/core';
import { CATEGORIES, TEAMS, type CategoryCode, type CategoryDef } from './catalogue.ts';
import { ROADS, along, blob, distance, lineLength, nearVillage, nearestVillage, offset, onLand, onRoad, round, strip, VILLAGES, type LonLat, type Road, type Village } from './geography.ts';
import type { AssetDef, Condition } from './network.ts';
import type { Rng } from './random.ts';
import { describe, hiddenReport, internalNote, officer, person, type AnswerContext, type Place } from './text.ts';

export const PUBLIC_ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface EventPlan {
  kind: EventKind;
  actorType: ActorType;
  actorLabel: string | null;
  public: boolean;
  payload: Record<string, unknown>;
  at: Date;
}

export interface ReportPlan {
  publicId: string;
  category: CategoryCode;
  state: ReportState;
  geom: Exclude<Geometry, { type: 'MultiPolygon' }>;
  geomType: GeometryKind;
  description: string;
  answers: Answers;
  locale: 'en' | 'pl';
  channel: Channel;
  channelSource: string | null;
  showName: boolean;
  publicName: string | null;
  priority: number;
  contact: { name: string | null; email: string | null; phone: string | null };
  supporters: { key: string; at: Date }[];
  events: EventPlan[];
  createdAt: Date;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  expectedAt: Date | null;
  mergedInto: string | null;
  /** Kept for duplicates, which reuse their target's place; not stored. */
  place: Place;
  ditch: MappedDitch | undefined;
  trunkRoad: boolean;
}

/** A mapped ditch with its current condition, for reports to follow. */
export interface MappedDitch {
  asset: AssetDef;
  condition: Condition;
}

const CATEGORY_WEIGHTS: Record<CategoryCode, number> = {
  litter: 24,
  pothole: 22,
  fly_tipping: 17,
  blocked_ditch: 16,
  flooding: 11,
  street_light: 10,
};

/** Relative frequency per month (January first): floods and ditches in winter, litter in summer. */
const SEASON: Record<CategoryCode, number[]> = {
  blocked_ditch: [3, 3, 2, 1, 1, 0.6, 0.6, 1, 2, 3, 3, 3],
  flooding: [3, 3, 2, 1, 0.6, 0.5, 0.8, 1.2, 1.5, 3, 3, 3],
  litter: [0.8, 0.8, 1, 1.5, 2, 3, 3, 3, 2, 1.2, 1, 1],
  fly_tipping: [1.5, 1, 1.5, 2, 2, 2, 2, 2, 1.5, 1.5, 1.2, 1.5],
  pothole: [3, 3, 3, 2, 1, 0.6, 0.6, 0.6, 0.8, 1, 2, 3],
  street_light: [3, 2.5, 1.5, 0.8, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 3],
};

/** How old a report in a given state may plausibly be, in days. */
const AGE_FOR_STATE: Record<ReportState, [number, number]> = {
  new: [0.05, 18],
  acknowledged: [1, 45],
  in_progress: [3, 75],
  action_scheduled: [2, 60],
  fixed: [8, 360],
  closed: [15, 364],
  duplicate: [2, 300],
  referred: [4, 360],
  hidden: [1, 340],
};

/** The state a report of this age is likely in: older ones are mostly finished. */
function stateForAge(rng: Rng, age: number): ReportState {
  if (age < 0.5) return 'new';
  if (age < 3) return rng.weighted<ReportState>({ new: 70, acknowledged: 22, duplicate: 4, hidden: 2, referred: 2 });
  if (age < 14) return rng.weighted<ReportState>({ new: 30, acknowledged: 28, action_scheduled: 15, in_progress: 10, fixed: 7, duplicate: 3, referred: 4, hidden: 2 });
  if (age < 45) return rng.weighted<ReportState>({ new: 5, acknowledged: 14, action_scheduled: 18, in_progress: 12, fixed: 26, closed: 12, duplicate: 3, referred: 5, hidden: 2 });
  if (age < 120) return rng.weighted<ReportState>({ acknowledged: 4, action_scheduled: 6, in_progress: 5, fixed: 30, closed: 42, duplicate: 3, referred: 6, hidden: 2 });
  return rng.weighted<ReportState>({ acknowledged: 1, in_progress: 1, fixed: 20, closed: 66, duplicate: 3, referred: 6, hidden: 2 });
}

const CLOSED_END: ReportState[] = ['fixed', 'closed', 'duplicate', 'referred', 'hidden'];

interface Slot {
  category: CategoryCode;
  state: ReportState;
  age: number;
  /** Placed to make sure every category is seen in every state; keep its state. */
  forced: boolean;
}

export interface PlanOptions {
  now: Date;
  count: number;
  ditches: MappedDitch[];
  teamIds: Record<string, number>;
}

export function planReports(rng: Rng, options: PlanOptions): ReportPlan[] {
  const { now } = options;
  const slots: Slot[] = [];
  for (const c of CATEGORIES)
    for (const state of REPORT_STATES) {
      const [lo, hi] = AGE_FOR_STATE[state];
      slots.push({ category: c.code, state, age: lo + (hi - lo) * rng.next() ** 1.2, forced: true });
    }
  while (slots.length < options.count) {
    const category = rng.weighted(CATEGORY_WEIGHTS);
    // More recent reports than old ones (the service is growing), shaped by the seasons.
    let age = 0;
    for (let i = 0; i < 20; i++) {
      age = 364 * rng.next() ** 1.3;
      const month = new Date(now.getTime() - age * DAY).getUTCMonth();
      if (rng.next() * 3 < SEASON[category][month]!) break;
    }
    slots.push({ category, state: stateForAge(rng, age), age, forced: false });
  }

  const used = new Set<string>();
  const publicId = () => {
    for (;;) {
      const id = rng.id(PUBLIC_ID_ALPHABET, 8);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };

  const plans: ReportPlan[] = [];
  // Duplicates last: they are placed beside, and merged into, a report made before them.
  const ordered = [...slots.filter((s) => s.state !== 'duplicate'), ...slots.filter((s) => s.state === 'duplicate')];
  for (const slot of ordered) {
    let created = createdTime(rng, now, slot.age);
    let state = slot.forced ? slot.state : slot.state === 'duplicate' ? 'duplicate' : stateForAge(rng, (now.getTime() - created.getTime()) / DAY);
    let target: ReportPlan | undefined;
    if (state === 'duplicate') {
      target = duplicateTarget(plans, slot.category, created);
      if (!target) {
        // Older than everything it could duplicate: report it again a little after the first one.
        const first = plans.filter((p) => p.category === slot.category && p.state !== 'hidden').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
        if (first) {
          const t = Math.min(first.createdAt.getTime() + rng.range(1, 20) * DAY, now.getTime() - 2 * DAY);
          created = createdTime(rng, now, (now.getTime() - t) / DAY);
          target = duplicateTarget(plans, slot.category, created);
        }
      }
      if (!target) {
        if (slot.forced) throw new Error(`demo: no report to merge a ${slot.category} duplicate into`);
        state = 'closed';
      }
    }
    const plan = planOne(rng, { ...slot, state }, created, target, publicId(), options);
    if (target) {
      // The report it joined records the merge too (staff only).
      const at = plan.events.find((e) => e.kind === 'merged_into')!.at;
      target.events.push({ kind: 'merged', actorType: 'staff', actorLabel: plan.events.find((e) => e.kind === 'merged_into')!.actorLabel, public: false, payload: { publicId: plan.publicId }, at });
      target.events.sort((a, b) => a.at.getTime() - b.at.getTime());
      target.updatedAt = target.events[target.events.length - 1]!.at;
    }
    plans.push(plan);
  }
  plans.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.publicId.localeCompare(b.publicId));
  return plans;
}

/** A time of day people report at (07:00 to 22:59), on the day `age` days before now. */
function createdTime(rng: Rng, now: Date, age: number): Date {
  const day = new Date(now.getTime() - age * DAY);
  const hour = rng.weighted({ 7: 3, 8: 5, 9: 6, 10: 6, 11: 5, 12: 6, 13: 5, 14: 5, 15: 5, 16: 5, 17: 6, 18: 7, 19: 7, 20: 6, 21: 4, 22: 2 });
  let t = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(hour), rng.int(0, 59), rng.int(0, 59));
  while (t > now.getTime() - 30 * 60_000) t -= DAY;
  return new Date(t);
}

function duplicateTarget(plans: ReportPlan[], category: CategoryCode, created: Date): ReportPlan | undefined {
  const candidates = plans.filter((p) => p.category === category && p.state !== 'hidden' && p.state !== 'duplicate' && p.createdAt.getTime() < created.getTime() - 6 * HOUR);
  // Prefer one still open when the resident reported again: that is when people duplicate.
  const open = candidates.filter((p) => !p.resolvedAt || p.resolvedAt.getTime() > created.getTime() + 3 * DAY);
  const pool = open.length ? open : candidates;
  let best: ReportPlan | undefined;
  for (const p of pool) if (!best || p.createdAt > best.createdAt) best = p;
  return best;
}

function channelFor(rng: Rng, age: number, hidden: boolean): Channel {
  if (hidden) return rng.chance(0.8) ? 'web' : 'social_media';
  const f = Math.min(1, age / 365);
  return rng.weighted<Channel>({
    web: 0.62 - 0.3 * f,
    phone: 0.07 + 0.3 * f,
    email: 0.1,
    social_media: 0.06,
    in_person: 0.03 + 0.03 * f,
    open311: 0.05,
  });
}

const VILLAGE_SPOTS = [
  'the bus shelter in',
  'the play park in',
  'the path behind the school in',
  'the village hall in',
  'the church car park in',
  'the recycling point in',
  'the end of the main street in',
];

const LAMP_PREFIX: Record<string, string> = {
  Errol: 'ER',
  Inchture: 'IN',
  Longforgan: 'LF',
  Kinfauns: 'KF',
  'St Madoes': 'SM',
  Glencarse: 'GC',
  Abernyte: 'AB',
  Kilspindie: 'KS',
  Rait: 'RT',
  Invergowrie: 'IG',
  Grange: 'GR',
  Megginch: 'MG',
};

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function answersFor(rng: Rng, category: CategoryCode, created: Date, ditch: MappedDitch | undefined): Answers {
  const a: Answers = {};
  switch (category) {
    case 'blocked_ditch': {
      const c = ditch?.condition;
      a.how_blocked = c === 'partly_blocked' || c === 'blocked' || c === 'collapsed' ? c : rng.weighted({ partly_blocked: 40, blocked: 45, collapsed: 15 });
      if (rng.chance(0.9)) a.backing_up = rng.chance(a.how_blocked === 'partly_blocked' ? 0.3 : 0.65);
      if (rng.chance(0.85)) {
        const by = rng.some(['vegetation', 'silt', 'rubbish', 'other'], rng.int(1, 2));
        if (a.how_blocked === 'collapsed') by.push('collapsed_bank');
        a.blocked_by = by;
      }
      if (a.backing_up === true && rng.chance(0.8)) a.water_depth_cm = 5 * rng.int(1, 16);
      break;
    }
    case 'flooding':
      if (rng.chance(0.85)) a.depth = rng.weighted({ puddle: 20, ankle: 45, knee: 25, deeper: 10 });
      a.property_affected = rng.chance(0.22);
      if (rng.chance(0.6)) a.since = ymd(new Date(created.getTime() - rng.int(0, 3) * DAY));
      if (rng.chance(0.7)) a.source = rng.weighted({ rain: 35, ditch: 25, drain: 30, tide: 3, unknown: 7 });
      break;
    case 'litter':
      if (rng.chance(0.85)) a.amount = rng.weighted({ few_items: 20, bag: 35, several_bags: 30, lots: 15 });
      if (rng.chance(0.8)) a.sharps = rng.chance(0.15);
      break;
    case 'fly_tipping': {
      const first = rng.weighted({ household_bags: 30, furniture: 18, building_rubble: 16, garden_waste: 10, tyres: 8, white_goods: 8, asbestos: 4, other: 6 });
      const more = rng.chance(0.4) ? [rng.pick(['household_bags', 'furniture', 'garden_waste', 'other'])] : [];
      a.dumped = [...new Set([first, ...more])];
      if (rng.chance(0.8)) a.blocking = rng.chance(0.18);
      if (rng.chance(0.7)) a.bin_bags = Math.max(1, Math.round(40 * rng.next() ** 2.5));
      if (rng.chance(0.75)) a.saw_who = rng.chance(0.12);
      if (a.saw_who === true && rng.chance(0.8))
        a.vehicle = rng.pick(['White Transit van, reg started SN19', 'Silver pickup with a trailer', 'Dark blue estate car', 'Flatbed tipper, no name on the side']);
      break;
    }
    case 'pothole':
      if (rng.chance(0.8)) a.width_cm = 5 * rng.int(3, 24);
      a.position = rng.weighted({ wheel_track: 35, middle: 15, edge: 30, junction: 15, pavement: 5 });
      break;
    case 'street_light':
      a.fault = rng.weighted({ out: 55, flickering: 20, on_in_daytime: 12, damaged: 13 });
      if (rng.chance(0.9)) a.noticed_on = ymd(new Date(created.getTime() - rng.int(0, 14) * DAY));
      break;
  }
  return a;
}

interface Placed {
  geom: ReportPlan['geom'];
  place: Place;
  trunkRoad?: boolean;
}

const ROADS_NO_TRUNK = ROADS.filter((r) => !r.trunk);
const pickRoad = (rng: Rng, roads: readonly Road[]) => {
  const weights: Record<string, number> = {};
  for (const r of roads) weights[r.name] = r.weight;
  const name = rng.weighted(weights);
  return roads.find((r) => r.name === name)!;
};
const pickVillage = (rng: Rng): Village => {
  const weights: Record<string, number> = {};
  for (const v of VILLAGES) weights[v.name] = v.weight;
  const name = rng.weighted(weights);
  return VILLAGES.find((v) => v.name === name)!;
};

const ROAD_FEATURES = ['the bend', 'the junction', 'the farm entrance', 'the dip', 'the bus stop', 'the bridge'];

/** "the bend on the road up to Abernyte near Inchture": a spot a resident would name. */
function roadSpot(rng: Rng, r: Road, p: LonLat, what: string): { spot: string; village: string } {
  const v = nearestVillage(p);
  const base = r.phrase.includes(v.name) ? r.phrase : `${r.phrase} ${distance(p, v.at) < 700 ? 'at' : 'near'} ${v.name}`;
  return { spot: `${what || rng.pick(ROAD_FEATURES)} on ${base}`, village: v.name };
}

function point(p: LonLat): Placed['geom'] {
  return { type: 'Point', coordinates: round(p) };
}

function onRoadPlace(rng: Rng, roads: readonly Road[], what = ''): Placed & { dir: [number, number]; at: LonLat } {
  const r = pickRoad(rng, roads);
  const { point: p, dir } = onRoad(rng, r);
  return { geom: point(p), place: { ...roadSpot(rng, r, p, what), road: r.phrase }, trunkRoad: !!r.trunk, dir, at: p };
}

function nearVillagePlace(rng: Rng, sigma: number, v = pickVillage(rng)): Placed & { at: LonLat } {
  const p = nearVillage(rng, v, sigma);
  const at = nearestVillage(p);
  return { geom: point(p), place: { village: at.name, spot: `${rng.pick(VILLAGE_SPOTS)} ${at.name}` }, at: p };
}

function polygonOk(ring: LonLat[]): boolean {
  return ring.every((p) => onLand(p, 120));
}

/** A resident's line along a mapped ditch: a few taps along part of it, a few metres off. */
function alongDitch(rng: Rng, line: LonLat[]): LonLat[] {
  const total = lineLength(line);
  const len = Math.min(total * rng.range(0.5, 0.95), rng.range(120, 600));
  const start = rng.range(0, total - len);
  const taps = Math.min(8, Math.max(2, Math.round(len / rng.range(70, 140)) + 1));
  const east = rng.range(-7, 7);
  const north = rng.range(-7, 7);
  const out: LonLat[] = [];
  for (let i = 0; i < taps; i++) {
    const { point: p } = along(line, start + (len * i) / (taps - 1));
    out.push(round(offset(p, east + rng.range(-2, 2), north + rng.range(-2, 2))));
  }
  return out;
}

function ditchName(name: string): string {
  return `the ${name}`;
}

function place(rng: Rng, category: CategoryCode, state: ReportState, a: Answers, ditch: MappedDitch | undefined): Placed {
  switch (category) {
    case 'blocked_ditch': {
      const d = ditch!;
      const line = d.asset.line;
      if (d.asset.kind === 'ditch' && rng.chance(0.8)) {
        const geom = { type: 'LineString' as const, coordinates: alongDitch(rng, line) };
        const mid = along(line, lineLength(line) / 2).point;
        const v = nearestVillage(mid);
        return { geom, place: { village: v.name, spot: `${ditchName(d.asset.name)} near ${v.name}`, ditch: ditchName(d.asset.name) } };
      }
      const at = d.asset.kind === 'culvert' ? line[0]! : along(line, lineLength(line) * rng.range(0.1, 0.9)).point;
      const p = offset(at, rng.range(-8, 8), rng.range(-8, 8));
      const v = nearestVillage(p);
      return { geom: point(p), place: { village: v.name, spot: `${ditchName(d.asset.name)} near ${v.name}`, ditch: ditchName(d.asset.name) } };
    }
    case 'flooding': {
      if (state === 'referred' || rng.chance(0.3)) {
        // An area: a stretch of flooded road, or a field lying under water.
        for (let i = 0; i < 10; i++) {
          if (rng.chance(0.5)) {
            const r = onRoadPlace(rng, ROADS_NO_TRUNK);
            const ring = strip(r.at, r.dir, rng.range(40, 160), rng.range(9, 14));
            if (polygonOk(ring)) return { geom: { type: 'Polygon', coordinates: [ring] }, place: r.place };
          } else {
            const r = onRoadPlace(rng, ROADS_NO_TRUNK);
            const side = rng.chance(0.5) ? 1 : -1;
            const dist = rng.range(70, 140);
            const centre = offset(r.at, -r.dir[1] * side * dist, r.dir[0] * side * dist);
            const ring = blob(rng, centre, rng.range(40, 110), rng.int(6, 10));
            if (polygonOk(ring)) return { geom: { type: 'Polygon', coordinates: [ring] }, place: { ...r.place, spot: `the field beside ${r.place.spot}` } };
          }
        }
      }
      return a.property_affected ? nearVillagePlace(rng, 280) : onRoadPlace(rng, rng.chance(0.15) ? ROADS : ROADS_NO_TRUNK);
    }
    case 'litter': {
      if (state === 'referred') {
        // Beside the railway at Invergowrie.
        const invergowrie = VILLAGES.find((v) => v.name === 'Invergowrie')!;
        const p = nearVillage(rng, { ...invergowrie, at: [-3.0575, 56.4558] }, 60);
        return { geom: point(p), place: { village: 'Invergowrie', spot: 'the railway fence by the station in Invergowrie' } };
      }
      if (rng.chance(0.22)) {
        for (let i = 0; i < 10; i++) {
          if (rng.chance(0.6)) {
            const r = onRoadPlace(rng, ROADS, 'the lay-by');
            const side = rng.chance(0.5) ? 1 : -1;
            const centre = offset(r.at, -r.dir[1] * side * 12, r.dir[0] * side * 12);
            const ring = strip(centre, r.dir, rng.range(30, 70), rng.range(6, 10));
            if (polygonOk(ring)) return { geom: { type: 'Polygon', coordinates: [ring] }, place: r.place };
          } else {
            const v = nearVillagePlace(rng, 200);
            const ring = blob(rng, v.at, rng.range(15, 35), rng.int(5, 8));
            if (polygonOk(ring)) return { geom: { type: 'Polygon', coordinates: [ring] }, place: v.place };
          }
        }
      }
      return rng.chance(0.55) ? nearVillagePlace(rng, 300) : onRoadPlace(rng, ROADS);
    }
    case 'fly_tipping': {
      const rural = ROADS.filter((r) => !r.trunk && !r.name.includes('Main Street'));
      if (rng.chance(0.3)) {
        for (let i = 0; i < 10; i++) {
          const r = onRoadPlace(rng, rural, rng.pick(['the field gateway', 'the lay-by', 'the passing place']));
          const side = rng.chance(0.5) ? 1 : -1;
          const dist = rng.range(12, 30);
          const centre = offset(r.at, -r.dir[1] * side * dist, r.dir[0] * side * dist);
          const ring = blob(rng, centre, rng.range(8, 25), rng.int(5, 8));
          if (polygonOk(ring)) return { geom: { type: 'Polygon', coordinates: [ring] }, place: r.place };
        }
      }
      return rng.chance(0.75) ? onRoadPlace(rng, rural, rng.pick(['the field gateway', 'the lay-by', 'the passing place', 'the verge'])) : nearVillagePlace(rng, 700);
    }
    case 'pothole':
      return state === 'referred'
        ? onRoadPlace(
            rng,
            ROADS.filter((r) => r.trunk),
          )
        : onRoadPlace(rng, ROADS_NO_TRUNK);
    case 'street_light':
      return nearVillagePlace(rng, 220);
  }
}

interface Ctx {
  rng: Rng;
  cat: CategoryDef;
  teamId: number;
  teamLabel: string;
  answer: AnswerContext;
  polish: boolean;
}

type Step = { delay: number; build: (t: Date) => Omit<EventPlan, 'at'>[] };

function planOne(rng: Rng, slot: Slot, created: Date, target: ReportPlan | undefined, publicId: string, options: PlanOptions): ReportPlan {
  const { now } = options;
  const category = slot.category;
  const cat = CATEGORIES.find((c) => c.code === category)!;
  const state = slot.state;
  const age = (now.getTime() - created.getTime()) / DAY;

  const ditch = category === 'blocked_ditch' ? (target?.ditch ?? pickDitch(rng, options.ditches)) : undefined;
  const answers = answersFor(rng, category, created, ditch);
  const placed: Placed = target ? { geom: besides(rng, target.geom), place: target.place, trunkRoad: target.trunkRoad } : place(rng, category, state, answers, ditch);
  const geom = placed.geom;
  // Lamp posts carry a number: a village prefix and three digits.
  if (category === 'street_light' && !target && rng.chance(0.45)) answers.lamp_number = `${LAMP_PREFIX[placed.place.village] ?? 'CG'}/${String(rng.int(1, 240)).padStart(3, '0')}`;

  const hidden = state === 'hidden';
  const channel = channelFor(rng, age, hidden);
  const polish = !hidden && (channel === 'web' || channel === 'email' || channel === 'social_media') && rng.chance(0.1);
  const resident = person(rng, polish || rng.chance(0.08));
  let description = hidden ? '' : describe(rng, category, answers, placed.place, polish);
  let hiddenReason = '';
  if (hidden) {
    const h = hiddenReport(rng, placed.place);
    description = h.text;
    hiddenReason = h.reason;
  }
  if (channel === 'phone') description = `Caller says: ${description}`;

  const contact = contactFor(rng, channel, cat, resident);
  const showName = (channel === 'web' || channel === 'open311') && !hidden && contact.name !== null && rng.chance(0.27);
  const team = TEAMS.find((t) => t.code === cat.team)!;
  const ctx: Ctx = {
    rng,
    cat,
    teamId: options.teamIds[team.code]!,
    teamLabel: `${team.name} team`,
    answer: { where: placed.place.ditch ?? placed.place.village, village: placed.place.village, ...(placed.trunkRoad ? { trunkRoad: true } : {}) },
    polish,
  };

  // The timeline: a few steps, each a moment when someone did something.
  const steps = stepsFor(ctx, state, target);
  // Squeeze the steps into the time there has been, leaving room for the minutes inside each.
  const end = now.getTime() - 20 * 60_000;
  const room = Math.max(0, end - created.getTime() - steps.length * 20 * 60_000);
  const total = steps.reduce((s, x) => s + x.delay, 0);
  const scale = total > room ? room / total : 1;
  const events: EventPlan[] = [];
  const staffLogged = channel === 'phone' || channel === 'email' || channel === 'in_person' || channel === 'social_media';
  events.push({
    kind: 'created',
    actorType: channel === 'open311' ? 'api' : staffLogged ? 'staff' : 'resident',
    actorLabel: channel === 'open311' ? 'FixMyStreet' : staffLogged ? 'Customer service team' : null,
    public: true,
    payload: { channel },
    at: created,
  });
  let t = created.getTime();
  for (const [i, step] of steps.entries()) {
    t = Math.max(t + step.delay * scale, t + 60_000);
    // Staff work office hours, when there is time for that before now.
    const latest = end - (steps.length - i) * 20 * 60_000;
    const office = officeHours(rng, t);
    if (office < latest) t = office;
    // Never past now, whatever the shifts above did (each step keeps 20 minutes for its events).
    t = Math.max(Math.min(t, latest), (events[events.length - 1]?.at.getTime() ?? created.getTime()) + 60_000);
    const items = step.build(new Date(t));
    for (const item of items) {
      events.push({ ...item, at: new Date(roundToSecond(t)) });
      t += rng.int(1, 4) * 60_000 + rng.int(0, 59) * 1000;
    }
  }
  const stateEvents = events.filter((e) => e.kind === 'state_changed');
  const acknowledgedAt = stateEvents[0]?.at ?? null;
  const lastChange = stateEvents[stateEvents.length - 1];
  const resolvedAt = CLOSED_END.includes(state) ? (stateEvents.find((e) => CLOSED_END.includes(e.payload.to as ReportState))?.at ?? lastChange?.at ?? null) : null;
  const expectedSet = events.filter((e) => e.kind === 'expected_date_set');
  const expectedAt = expectedSet.length ? new Date(String(expectedSet[expectedSet.length - 1]!.payload.expectedAt)) : null;

  // Support from neighbours: most reports get none or a few; some get many.
  const supporters: { key: string; at: Date }[] = [];
  if (!hidden && state !== 'duplicate') {
    const n = Math.floor(26 * rng.next() ** 4.5);
    const until = (resolvedAt?.getTime() ?? end) - 60_000;
    const keys = new Set<number>();
    for (let i = 0; i < n && until > created.getTime() + 20 * 60_000; i++) {
      let k = rng.int(1, 800);
      while (keys.has(k)) k = rng.int(1, 800);
      keys.add(k);
      const at = new Date(roundToSecond(created.getTime() + 10 * 60_000 + (until - created.getTime() - 10 * 60_000) * rng.next() ** 1.8));
      supporters.push({ key: `demo-${k}`, at });
      events.push({ kind: 'supported', actorType: 'resident', actorLabel: null, public: true, payload: {}, at });
    }
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const updatedAt = events[events.length - 1]!.at;

  let priority = 0;
  if (answers.property_affected === true || (Array.isArray(answers.dumped) && answers.dumped.includes('asbestos'))) priority = 2;
  else if (answers.sharps === true || answers.blocking === true || answers.how_blocked === 'collapsed' || placed.trunkRoad) priority = 1;

  return {
    publicId,
    category,
    state,
    geom,
    geomType: geom.type,
    description,
    answers,
    locale: polish ? 'pl' : 'en',
    channel,
    channelSource:
      channel === 'open311'
        ? 'FixMyStreet'
        : channel === 'social_media'
          ? rng.pick(['Facebook', 'Facebook', 'X'])
          : channel === 'in_person'
            ? rng.pick(['Council offices', 'Community council surgery'])
            : null,
    showName,
    publicName: showName ? contact.name : null,
    priority,
    contact,
    supporters,
    events: hidden ? withReason(events, hiddenReason) : events,
    createdAt: created,
    updatedAt,
    acknowledgedAt,
    resolvedAt,
    expectedAt,
    mergedInto: target?.publicId ?? null,
    place: placed.place,
    ditch,
    trunkRoad: !!placed.trunkRoad,
  };
}

/** The next moment in office hours (Monday to Friday, 08:00 to 17:00 UTC) at or after `t`. */
function officeHours(rng: Rng, t: number): number {
  const d = new Date(t);
  const hour = d.getUTCHours();
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  if (weekday < 5 && hour >= 8 && hour < 17) return t;
  let day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (hour >= 17 || weekday >= 5) day += DAY;
  while ((new Date(day).getUTCDay() + 6) % 7 >= 5) day += DAY;
  return day + 8 * HOUR + rng.int(5, 150) * 60_000;
}

function withReason(events: EventPlan[], reason: string): EventPlan[] {
  return events.map((e) => (e.kind === 'hidden' ? { ...e, payload: { ...e.payload, reason } } : e));
}

function roundToSecond(t: number): number {
  return Math.round(t / 1000) * 1000;
}

function pickDitch(rng: Rng, ditches: MappedDitch[]): MappedDitch {
  // Residents report the ditches that are in a bad way.
  const weights: Record<string, number> = {};
  ditches.forEach((d, i) => {
    weights[String(i)] = d.condition === 'blocked' || d.condition === 'collapsed' ? 4 : d.condition === 'partly_blocked' ? 2.5 : 1;
  });
  return ditches[Number(rng.weighted(weights))]!;
}

/** A second report of the same problem: a few metres from the first. */
function besides(rng: Rng, g: ReportPlan['geom']): ReportPlan['geom'] {
  const east = rng.range(-20, 20);
  const north = rng.range(-20, 20);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: round(offset(g.coordinates as LonLat, east, north)) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map((p) => round(offset(p as LonLat, east / 3, north / 3))) };
    case 'Polygon': {
      const ring = g.coordinates[0]!.slice(0, -1);
      const c: LonLat = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
      return { type: 'Point', coordinates: round(offset(c, east / 4, north / 4)) };
    }
  }
}

function contactFor(rng: Rng, channel: Channel, cat: CategoryDef, p: { name: string; email: string; phone: string }): ReportPlan['contact'] {
  const email = cat.contactRequired.email || rng.chance(0.7);
  switch (channel) {
    case 'phone':
      return { name: p.name, email: rng.chance(0.4) ? p.email : null, phone: p.phone };
    case 'email':
    case 'open311':
      return { name: p.name, email: p.email, phone: rng.chance(0.2) ? p.phone : null };
    case 'social_media':
      return { name: p.name, email: rng.chance(0.5) ? p.email : null, phone: null };
    case 'sms':
      return { name: null, email: null, phone: p.phone };
    case 'in_person':
      return { name: p.name, email: rng.chance(0.5) ? p.email : null, phone: rng.chance(0.7) ? p.phone : null };
    case 'web':
      return {
        name: cat.contactRequired.name || rng.chance(0.85) ? p.name : null,
        email: email ? p.email : null,
        phone: cat.contactRequired.phone || rng.chance(0.3) ? p.phone : null,
      };
  }
}

const EXPECTED_DAYS: Record<CategoryCode, [number, number]> = {
  blocked_ditch: [7, 35],
  flooding: [2, 10],
  litter: [2, 10],
  fly_tipping: [2, 12],
  pothole: [5, 40],
  street_light: [3, 21],
};

function stepsFor(ctx: Ctx, final: ReportState, target: ReportPlan | undefined): Step[] {
  const { rng, cat } = ctx;
  const code = cat.code;
  let current: ReportState = 'new';
  const staff = (kind: EventKind, isPublic: boolean, payload: Record<string, unknown>): Omit<EventPlan, 'at'> => ({
    kind,
    actorType: 'staff',
    actorLabel: ctx.teamLabel,
    public: isPublic,
    payload,
  });
  const move = (to: ReportState, isPublic = true) => {
    const e = staff('state_changed', isPublic, { from: current, to });
    current = to;
    return e;
  };
  const say = (message: string) => staff('public_answer', true, { message });
  let expected: Date | undefined;
  const setExpected = (t: Date) => {
    const [lo, hi] = EXPECTED_DAYS[code];
    const d = new Date(t.getTime() + rng.int(lo, hi) * DAY);
    expected = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 16, 0, 0));
    return staff('expected_date_set', true, { expectedAt: expected.toISOString() });
  };
  const withDate = () => ({ ...ctx.answer, date: expected! });

  const ack: Step = {
    delay: rng.range(2, 60) * HOUR,
    build: () => {
      const out = [staff('assigned', false, { teamId: ctx.teamId }), move('acknowledged')];
      if (rng.chance(0.75)) out.push(say((ctx.polish ? `${officer.polishThanks()} ` : '') + officer.ack(rng, code, ctx.answer)));
      if (rng.chance(0.25)) out.push(staff('internal_note', false, { note: internalNote(rng, code) }));
      return out;
    },
  };
  const schedule: Step = {
    delay: rng.range(12, 150) * HOUR,
    build: (t) => {
      const e = setExpected(t);
      return [e, move('action_scheduled'), say(officer.scheduled(rng, code, withDate()))];
    },
  };
  const start = (afterSchedule: boolean): Step => ({
    delay: afterSchedule ? rng.range(24, 200) * HOUR : rng.range(24, 240) * HOUR,
    build: (t) => {
      const out: Omit<EventPlan, 'at'>[] = [move('in_progress')];
      if (!expected || expected.getTime() < t.getTime() + DAY || rng.chance(0.3)) out.push(setExpected(t));
      out.push(say(officer.inProgress(rng, code, withDate())));
      return out;
    },
  });
  const fix: Step = {
    delay: rng.range(48, 500) * HOUR,
    build: () => {
      const out = [move('fixed'), say(officer.fixed(rng, code, ctx.answer))];
      if (rng.chance(0.2)) out.push(staff('internal_note', false, { note: internalNote(rng, code) }));
      return out;
    },
  };
  const closeAfterFix: Step = { delay: rng.range(72, 500) * HOUR, build: () => [move('closed'), say(officer.closeAfterFix(rng))] };
  const closeDirect: Step = { delay: rng.range(24, 400) * HOUR, build: () => [move('closed'), say(officer.closed(rng, code, ctx.answer))] };
  const refer: Step = {
    delay: rng.range(12, 200) * HOUR,
    build: () => {
      const out = [move('referred'), say(officer.referred(rng, code, ctx.answer))];
      if (rng.chance(0.5)) out.push(staff('internal_note', false, { note: 'Forwarded by email with the photos and location.' }));
      return out;
    },
  };
  const duplicate: Step = {
    delay: rng.range(1, 72) * HOUR,
    build: () => [staff('merged_into', true, { publicId: target!.publicId }), move('duplicate'), say(officer.duplicate(target!.publicId))],
  };
  const hide: Step = {
    delay: rng.range(0.5, 24) * HOUR,
    build: () => {
      const from = current;
      return [staff('hidden', false, { from }), move('hidden', false)];
    },
  };

  switch (final) {
    case 'new':
      return [];
    case 'acknowledged':
      return [ack];
    case 'action_scheduled':
      return [ack, schedule];
    case 'in_progress':
      return rng.chance(0.5) ? [ack, schedule, start(true)] : [ack, start(false)];
    case 'fixed': {
      const steps = [ack];
      if (rng.chance(0.6)) steps.push(schedule);
      if (rng.chance(0.3)) steps.push(start(steps.length > 1));
      return [...steps, fix];
    }
    case 'closed':
      if (rng.chance(0.55)) return rng.chance(0.5) ? [ack, schedule, fix, closeAfterFix] : [ack, fix, closeAfterFix];
      return [ack, closeDirect];
    case 'referred':
      return rng.chance(0.7) ? [ack, refer] : [refer];
    case 'duplicate':
      return rng.chance(0.6) ? [duplicate] : [ack, duplicate];
    case 'hidden':
      return rng.chance(0.8) ? [hide] : [ack, hide];
  }
}
