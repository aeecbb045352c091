/**
 * Where a mention is about: names from the council's gazetteer (areas, places, streets, asset
 * names and codes) found in free text, plus postcodes, grid references, coordinates and map
 * links. Pure; the gazetteer is compiled once (an Aho–Corasick automaton over the normalised
 * names and a deletion index for misspellings) and reused for every text. The officer always
 * confirms the guess on the map.
 *
 * Confidence (0..1) is a ranking the officer sees, not a probability:
 * - written as numbers: a map link 0.95, a coordinate pair 0.9, a grid reference 0.9 at
 *   100 m or finer (0.6 at 1 km, 0.35 coarser), a full postcode found in the gazetteer 0.9 (0.95 with a name in the text
 *   within 1 km: an address),
 *   its sector ("PH2 7") 0.6, its outward code alone ("DD2") 0.4;
 * - a name starts from its kind: asset 0.85, place 0.8, street 0.6 (many streets share a
 *   name and a street is long), area 0.5 (an area is no spot);
 * - times 0.9 for a Polish case ending ("Errolu"), 0.85 for one edit, 0.75 for two (two only
 *   in names of 8 letters or more, one in names of 5–7, none below; the first letter must agree);
 * - a name that is one common word ("Mill", "Station", "Horn") counts only after a
 *   place word ("near", "at", "przy", "koło", "ul.") and then times 0.7; a name made only of
 *   common words ("Main Road", "Mill Burn") written in lower case in a text that uses
 *   capitals ("the main road") times 0.5 unless another name in the text supports it;
 * - a name several far-apart features share ("Main Street") times 0.6 until another name in
 *   the text within 3 km picks one;
 * - support: another name in the text within 3 km adds 0.1; a street or asset so supported
 *   ranks just above the settlement that supports it ("Main Street, Errol" → the street);
 * - a junction of two named streets within 300 m (with "corner", "junction", "/", "róg",
 *   "skrzyżowanie"): the better street's confidence + 0.15, at the middle of their nearest points.
 * A name that reads as a person's ("Mr Errol", "Errol Smith said", "Jim Grange") is no place
 * (geoparse-names.ts).
 * Guesses under 0.25 are not returned.
 */
import AhoCorasick from 'modern-ahocorasick';
import { distance as levenshtein } from 'fastest-levenshtein';
import { findNumericPlaces, findPostcodes, postcodeKey } from './geoparse-coordinates.ts';
import { readsAsPerson } from './geoparse-names.ts';
import { foldPolish, normaliseText, wordsOf } from './listening-keywords.ts';
import type { GazetteerEntry, GazetteerKind, PlaceGuess, PlaceGuessMethod } from './listening.ts';

/** A compiled gazetteer: build it once with `createGazetteer`, reuse it for every text. */
export interface Gazetteer {
  /** How many entries it was built from. */
  readonly size: number;
}

const KIND_BASE: Record<Exclude<GazetteerKind, 'postcode'>, number> = { asset: 0.85, place: 0.8, street: 0.6, area: 0.5 };
const MIN_CONFIDENCE = 0.25;
/** Another name this close supports a guess (a village and its streets, ditches, farms). */
const CONTEXT_METRES = 3000;
/** Same-named points closer than this are one feature (the segments of one pow, one street). */
const FEATURE_LINK_METRES = 1500;
const JUNCTION_METRES = 300;
/** Characters of a text that are read; the rest is ignored. */
export const GEOPARSE_MAX_TEXT = 10_000;
const MAX_TEXT = GEOPARSE_MAX_TEXT;

/*
 * Words too common to be a place on their own. A gazetteer name made only of these needs a
 * place word before it; a text word among these is never corrected towards a name ("error"
 * is not a misspelt "Errol", "range" not "Grange").
 */
const COMMON_WORDS = new Set(
  (
    'the a an and or of in on at by to for from with near outside behind opposite beside next past up down over under off ' +
    'this that these those there here it its is are was were be been has have had not no yes all any some every each other ' +
    'again still just very really please thanks thank you we they he she i me my our your their his her them us who what ' +
    'when where why how which one two three four five six seven eight nine ten first second last new old big small little ' +
    'long short high low main north south east west upper lower middle top bottom left right side end front back ' +
    'mill station church school hall bridge farm park green house houses field fields hill wood woods water burn pow ' +
    'road roads street streets lane way avenue drive close place court square row terrace crescent gardens view bank ' +
    'corner junction roundabout path pavement verge drain drains ditch ditches culvert gully gutter pipe pond river ' +
    'shop shops pub inn bar cafe store post office library centre center surgery garage car cars bus stop van lorry ' +
    'tree trees hedge wall gate fence light lights lamp sign bin bins rubbish litter glass dog dogs fly tipping ' +
    'blocked flooded flooding flood floods overflowing broken damaged missing dumped leaking full smell smells ' +
    'pothole potholes hole holes crack mud mess water rain snow ice week weeks day days today yesterday tonight morning ' +
    'night time times month year since ago after before again always never ever often council team report reported ' +
    'error errors range orange change grant grand strange mains horn home homes kids children people someone anyone ' +
    'nothing something everything thing things good bad great nice awful terrible dangerous safe help need needs ' +
    'get got go going gone come came see seen look looks looking said says tell told know think like make made ' +
    'w na z ze przy koło kolo obok pod nad przed za od po do dla przez ul ulica ulicy droga drogi drodze rów rowu ' +
    'most mostu dom domu szkoła szkoły kościół stacja stacji sklep sklepu park parku pole pola las lasu woda wody ' +
    'jest są był była było nie tak już bardzo znowu znów jeszcze dziś dzisiaj wczoraj tydzień dni dzień proszę ' +
    'zalany zalana zalane zapchany zapchana dziura dziury śmieci kosz kosze lampa latarnia'
  ).split(' '),
);
/** Words after which a name is a place: "near Mill", "przy Horn drain", "ul. Main Street". */
const PLACE_WORDS = new Set('near by at outside behind opposite beside past in on off to from towards przy koło kolo obok pod w we na ul ulica ulicy do od z ze'.split(' '));
/** Polish case endings, longest first, stripped to reach the name ("Errolu" → "Errol"). */
const POLISH_ENDINGS = ['ach', 'ami', 'owi', 'iem', 'em', 'ie', 'om', 'u', 'a', 'y', 'i', 'e', 'ą', 'ę'];
const JUNCTION_WORDS = /\b(corner|junction|crossroads?|intersection)\b|\bróg\b|\brogu\b|skrzyżowani|skrzyzowani|\p{L}\s*\/\s*\p{L}/iu;
/** Spelling variants of the words names are made of, both ways. */
const VARIANTS: readonly [string, string][] = [
  ['street', 'st'],
  ['saint', 'st'],
  ['road', 'rd'],
  ['avenue', 'ave'],
  ['drive', 'dr'],
  ['lane', 'ln'],
  ['crescent', 'cres'],
  ['terrace', 'ter'],
  ['place', 'pl'],
  ['square', 'sq'],
  ['mount', 'mt'],
  ['ulica', 'ul'],
];

interface Point {
  lon: number;
  lat: number;
}

/** A gazetteer point of a feature, with its entry's ref (each segment of a pow has its own code). */
interface RefPoint extends Point {
  ref: string | null;
}

/** Same-named entries near each other, merged: one pow of several segments, one street. */
interface Feature {
  name: string;
  kind: Exclude<GazetteerKind, 'postcode'>;
  points: RefPoint[];
  /** The point with the least summed distance to the others. */
  medoid: RefPoint;
  /** Metres from the medoid to the farthest point: a cheap bound before comparing every point. */
  radius: number;
  /** One common word: needs a place word before it. */
  weak: boolean;
  /** Made only of common words ("Main Road", "Mill Burn"): read as a name only when written like one. */
  generic: boolean;
}

interface Candidate {
  feature: Feature;
  point: RefPoint;
  confidence: number;
  method: PlaceGuessMethod;
  matched: string;
  /** Token span in the normalised text, to tell names in different words apart. */
  from: number;
  to: number;
  ambiguous: boolean;
  /** A generic name written in lower case ("the main road"): probably a description. */
  lowerCase: boolean;
}

const M_PER_DEG_LAT = 111_320;

export function metresBetween(a: Point, b: Point): number {
  const x = (b.lon - a.lon) * M_PER_DEG_LAT * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  const y = (b.lat - a.lat) * M_PER_DEG_LAT;
  return Math.hypot(x, y);
}

/** Whether two features are certainly more than `metres` apart, from their medoids and radii. */
function apart(a: Feature, b: Feature, metres: number): boolean {
  const d = metresBetween(a.medoid, b.medoid);
  if (d - a.radius - b.radius > metres) return true;
  if (d + a.radius + b.radius <= metres) return false;
  return nearestPoints(a, b).d > metres;
}

function nearestPoints(a: Feature, b: Feature): { d: number; pa: RefPoint; pb: RefPoint } {
  let best = { d: Number.POSITIVE_INFINITY, pa: a.points[0]!, pb: b.points[0]! };
  for (const pa of a.points) {
    for (const pb of b.points) {
      const d = metresBetween(pa, pb);
      if (d < best.d) best = { d, pa, pb };
    }
  }
  return best;
}

function nearestTo(f: Feature, to: Point): RefPoint {
  let best = f.points[0]!;
  let bestD = Number.POSITIVE_INFINITY;
  for (const p of f.points) {
    const d = metresBetween(p, to);
    if (d < bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}

function medoid<P extends Point>(points: P[]): P {
  if (points.length <= 2) return points[0]!;
  let best = points[0]!;
  let bestSum = Number.POSITIVE_INFINITY;
  for (const p of points) {
    let sum = 0;
    for (const q of points) sum += metresBetween(p, q);
    if (sum < bestSum) {
      best = p;
      bestSum = sum;
    }
  }
  return best;
}

/** The normalised spellings a name is found under ("St Madoes" → "st madoes", "saint madoes"). */
function spellings(name: string): string[] {
  const base = normaliseText(name);
  if (!base) return [];
  const out = new Set([base]);
  const words = base.split(' ');
  for (const [long, short] of VARIANTS) {
    for (const current of [...out]) {
      const w = current.split(' ');
      if (w.includes(long)) out.add(w.map((x) => (x === long ? short : x)).join(' '));
      // Only a name's first word "St" is a saint; a last word "St" is a street.
      if (w.includes(short) && (short !== 'st' || (long === 'saint' ? w[0] === 'st' : w[w.length - 1] === 'st'))) {
        out.add(w.map((x) => (x === short ? long : x)).join(' '));
      }
    }
  }
  // Asset codes are written "D-012", "D012" or "D 012".
  if (words.length === 2 && /^\p{L}{1,3}$/u.test(words[0]!) && /^\d+$/.test(words[1]!)) out.add(words.join(''));
  // Polish typed without diacritics.
  for (const s of [...out]) out.add(foldPolish(s));
  return [...out];
}

class CompiledGazetteer implements Gazetteer {
  readonly size: number;
  readonly features: Feature[] = [];
  /** Normalised spelling → features found under it. */
  readonly bySpelling = new Map<string, number[]>();
  /** Spellings shared by features of one kind lying far apart ("Main Street" in two villages). */
  readonly ambiguous = new Set<string>();
  readonly matcher: AhoCorasick<string>;
  /** A spelling with spaces removed, and each one-letter deletion of it → spellings (misspellings). */
  readonly deletions = new Map<string, string[]>();
  /** The longest spelling, spaces removed: a longer word cannot be two edits from any name. */
  longest = 0;
  /** Long spellings (LONG_NAME letters or more) by their first four letters, for two-edit misspellings. */
  readonly byPrefix = new Map<string, string[]>();
  readonly postcodes = new Map<string, Point>();
  /** Outward code ("PH2") and sector ("PH27") → centroid of the postcodes in it. */
  readonly districts = new Map<string, Point>();
  /** The gazetteer's extent, widened: bare numbers outside it are not read as places. */
  readonly bounds = { west: 180, south: 90, east: -180, north: -90 };

  constructor(entries: GazetteerEntry[]) {
    this.size = entries.length;
    const groups = new Map<string, GazetteerEntry[]>();
    const sums = new Map<string, { lon: number; lat: number; n: number }>();
    for (const e of entries) {
      if (!Number.isFinite(e.lon) || !Number.isFinite(e.lat)) continue;
      this.bounds.west = Math.min(this.bounds.west, e.lon);
      this.bounds.east = Math.max(this.bounds.east, e.lon);
      this.bounds.south = Math.min(this.bounds.south, e.lat);
      this.bounds.north = Math.max(this.bounds.north, e.lat);
      if (e.kind === 'postcode') {
        const key = postcodeKey(e.name);
        this.postcodes.set(key, { lon: e.lon, lat: e.lat });
        const outward = key.slice(0, -3);
        for (const district of [outward, key.slice(0, -2)]) {
          const s = sums.get(district) ?? { lon: 0, lat: 0, n: 0 };
          s.lon += e.lon;
          s.lat += e.lat;
          s.n++;
          sums.set(district, s);
        }
        continue;
      }
      const names = [e.name];
      // An asset's code is a name too: "D-012 is blocked".
      if (e.kind === 'asset' && e.ref && e.ref !== e.name) names.push(e.ref);
      for (const name of names) {
        const key = `${e.kind}\u0000${normaliseText(name)}`;
        const list = groups.get(key) ?? [];
        list.push({ ...e, name });
        groups.set(key, list);
      }
    }
    for (const [k, s] of sums) this.districts.set(k, { lon: s.lon / s.n, lat: s.lat / s.n });
    const margin = 0.15;
    this.bounds.west -= margin * 2;
    this.bounds.east += margin * 2;
    this.bounds.south -= margin;
    this.bounds.north += margin;

    for (const list of groups.values()) {
      for (const cluster of linkPoints(list)) {
        const first = cluster[0]!;
        const points = cluster.map((e) => ({ lon: e.lon, lat: e.lat, ref: e.ref ?? null }));
        const words = normaliseText(first.name).split(' ');
        const feature: Feature = {
          name: first.name,
          kind: first.kind as Feature['kind'],
          points,
          medoid: medoid(points),
          radius: 0,
          // "Mill", "Station", "Horn": one common word is weak; "Station Road" is a street.
          weak: words.length === 1 && (COMMON_WORDS.has(words[0]!) || words[0]!.length <= 2),
          generic: words.every((w) => COMMON_WORDS.has(w) || w.length <= 2),
        };
        for (const p of points) feature.radius = Math.max(feature.radius, metresBetween(p, feature.medoid));
        const id = this.features.push(feature) - 1;
        for (const s of spellings(first.name)) {
          const ids = this.bySpelling.get(s) ?? [];
          ids.push(id);
          this.bySpelling.set(s, ids);
        }
      }
    }
    for (const [spelling, ids] of this.bySpelling) {
      if (ids.length < 2) continue;
      // Far apart: the medoids of same-kind features spread beyond CONTEXT_METRES. (Features
      // are already clusters of points under FEATURE_LINK_METRES, so close ones are one.)
      const byKind = new Map<string, Point[]>();
      for (const id of ids) {
        const f = this.features[id]!;
        byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.medoid]);
      }
      for (const medoids of byKind.values()) {
        if (medoids.length < 2) continue;
        const lons = medoids.map((m) => m.lon);
        const lats = medoids.map((m) => m.lat);
        const sw = { lon: Math.min(...lons), lat: Math.min(...lats) };
        const ne = { lon: Math.max(...lons), lat: Math.max(...lats) };
        if (metresBetween(sw, ne) > CONTEXT_METRES) this.ambiguous.add(spelling);
      }
    }
    this.matcher = new AhoCorasick([...this.bySpelling.keys()].map((s) => ({ pattern: ` ${s} `, data: s })));
    for (const s of this.bySpelling.keys()) {
      const compact = s.replace(/ /g, '');
      this.longest = Math.max(this.longest, compact.length);
      // Short names are never corrected towards: one edit from "Rait" is half the language.
      if (compact.length < 5) continue;
      if (compact.length >= LONG_NAME) {
        const list = this.byPrefix.get(compact.slice(0, PREFIX));
        if (list) list.push(s);
        else this.byPrefix.set(compact.slice(0, PREFIX), [s]);
      }
      for (const key of deletionKeys(compact)) {
        const list = this.deletions.get(key);
        if (list) {
          if (!list.includes(s)) list.push(s);
        } else this.deletions.set(key, [s]);
      }
    }
  }
}

/** The word itself and every one-letter deletion of it. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

/** Single-linkage clusters of same-named entries: points within FEATURE_LINK_METRES chain together. */
function linkPoints(list: GazetteerEntry[]): GazetteerEntry[][] {
  if (list.length === 1) return [list];
  const clusterOf = list.map((_, i) => i);
  const find = (i: number): number => {
    while (clusterOf[i] !== i) i = clusterOf[i] = clusterOf[clusterOf[i]!]!;
    return i;
  };
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      if (metresBetween(list[i]!, list[j]!) <= FEATURE_LINK_METRES) clusterOf[find(i)] = find(j);
    }
  }
  const out = new Map<number, GazetteerEntry[]>();
  list.forEach((e, i) => {
    const root = find(i);
    const c = out.get(root) ?? [];
    c.push(e);
    out.set(root, c);
  });
  return [...out.values()];
}

/** Compile a gazetteer once; it is immutable and safe to share between requests. */
export function createGazetteer(entries: GazetteerEntry[]): Gazetteer {
  return new CompiledGazetteer(entries);
}

/** From this length (letters, spaces removed) a name may be two edits away. */
const LONG_NAME = 8;
const PREFIX = 4;

function allowedEdits(length: number): number {
  if (length >= LONG_NAME) return 2;
  if (length >= 5) return 1;
  return 0;
}

interface NameHit {
  spelling: string;
  from: number;
  to: number;
  method: 'exact' | 'fuzzy';
  factor: number;
}

function findNames(g: CompiledGazetteer, tokens: string[]): NameHit[] {
  const text = ` ${tokens.join(' ')} `;
  const tokenAt = new Map<number, number>();
  let pos = 0;
  tokens.forEach((t, i) => {
    tokenAt.set(pos, i);
    pos += t.length + 1;
  });
  const hits: NameHit[] = [];
  for (const m of g.matcher.search(text)) {
    const from = tokenAt.get(m.start);
    if (from === undefined || !m.data) continue;
    hits.push({ spelling: m.data, from, to: from + m.data.split(' ').length, method: 'exact', factor: 1 });
  }
  const covered = new Uint8Array(tokens.length);
  for (const h of hits) for (let i = h.from; i < h.to; i++) covered[i] = 1;
  const free = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (covered[i]) return false;
    return true;
  };
  // Polish case endings and misspellings, up to three words. A single word is tried only where
  // no exact name covers it; a phrase may run over an exact name it is longer than ("Errol
  // Primary Scool" over "Errol"), and the longest-match rule below keeps the phrase.
  for (let i = 0; i < tokens.length; i++) {
    for (let k = 3; k >= 1; k--) {
      if (i + k > tokens.length) continue;
      if (k === 1 ? !free(i, i + 1) : hits.some((h) => h.from <= i && h.to >= i + k)) continue;
      const words = tokens.slice(i, i + k);
      const last = words[k - 1]!;
      if (words.every((w) => COMMON_WORDS.has(w)) || COMMON_WORDS.has(words[0]!)) continue;
      let hit: NameHit | null = null;
      for (const ending of POLISH_ENDINGS) {
        if (last.length - ending.length < 4 || !last.endsWith(ending)) continue;
        const spelling = [...words.slice(0, -1), last.slice(0, -ending.length)].join(' ');
        if (g.bySpelling.has(spelling)) {
          hit = { spelling, from: i, to: i + k, method: 'fuzzy', factor: 0.9 };
          break;
        }
      }
      if (!hit) hit = fuzzyHit(g, words, i);
      if (hit) {
        hits.push(hit);
        for (let j = hit.from; j < hit.to; j++) covered[j] = 1;
        break;
      }
    }
  }
  // Prefer the longest match: drop a name inside a longer one ("Errol" in "Pow of Errol").
  return hits.filter((h) => !hits.some((o) => o !== h && o.from <= h.from && o.to >= h.to && o.to - o.from > h.to - h.from));
}

function fuzzyHit(g: CompiledGazetteer, words: string[], from: number): NameHit | null {
  const compact = words.join('');
  if (compact.length < 4 || compact.length > g.longest + 2 || /^\d+$/.test(compact)) return null;
  let best: { spelling: string; d: number } | null = null;
  const consider = (spelling: string) => {
    const target = spelling.replace(/ /g, '');
    // Misspellings keep the first letter far more often than not; requiring it keeps
    // "grange" away from "orange" and "range" without a longer stop list.
    if (target[0] !== compact[0] || Math.abs(target.length - compact.length) > 2) return;
    const d = levenshtein(compact, target);
    if (d === 0 || d > allowedEdits(target.length) || (best && d >= best.d)) return;
    best = { spelling, d };
  };
  for (const key of deletionKeys(compact)) for (const spelling of g.deletions.get(key) ?? []) consider(spelling);
  // Two edits in a long name ("Gourdyhill" for "Gourdiehill") are beyond the one-deletion
  // index; long names are also filed under their first four letters (so two edits are found
  // only after those; one edit anywhere), a small bucket. Phrases of three words skip it.
  if (!best && words.length < 3 && compact.length >= LONG_NAME - 1) for (const spelling of g.byPrefix.get(compact.slice(0, PREFIX)) ?? []) consider(spelling);
  const found = best as { spelling: string; d: number } | null;
  if (!found || (words.length > 1 && !wordsAgree(words, found.spelling.split(' ')))) return null;
  return { spelling: found.spelling, from, to: from + words.length, method: 'fuzzy', factor: found.d === 1 ? 0.85 : 0.75 };
}

/**
 * A phrase misspelt as a whole must still read as the name word by word ("Erol station",
 * "Errol Primary Scool"), so that a name plus a stray word ("St Madoes od" → "St Madoes Road",
 * "inch the" → "Inchture") is not taken for it. Run-together or split names ("Glen Carse")
 * pass when none of their words is a common one.
 */
function wordsAgree(words: string[], name: string[]): boolean {
  if (words.length !== name.length) return !words.some((w) => COMMON_WORDS.has(w));
  return words.every((w, i) => {
    const n = name[i]!;
    if (w === n) return true;
    const d = transpositionDistance(w, n);
    return d <= (n.length >= LONG_NAME ? 2 : n.length >= 4 ? 1 : 0);
  });
}

/** Edit distance where swapping two neighbouring letters ("castel") is one edit (optimal string alignment). */
export function transpositionDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * Places a text seems to be about, best first; [] when it names none. The first guess is what
 * the inbox shows; the others are offered when the officer moves the pin.
 */
export function geolocateText(text: string, gazetteer: Gazetteer): PlaceGuess[] {
  if (!(gazetteer instanceof CompiledGazetteer)) throw new TypeError('geolocateText needs a gazetteer from createGazetteer');
  const g = gazetteer;
  const guesses: PlaceGuess[] = [];
  // A long email is mostly quoted thread and signature; the place is in what was just written.
  const raw = text.slice(0, MAX_TEXT).normalize('NFKC');

  const numeric = findNumericPlaces(raw);
  for (const p of numeric.places) {
    const inside = p.lon >= g.bounds.west && p.lon <= g.bounds.east && p.lat >= g.bounds.south && p.lat <= g.bounds.north;
    // A link is deliberate; bare numbers far outside the council's area are probably not places.
    if (!inside && p.method !== 'map_link') continue;
    const confidence = p.method === 'map_link' ? 0.95 : p.precision <= 100 ? 0.9 : p.precision <= 1000 ? 0.6 : 0.35;
    guesses.push({ name: p.matched, kind: 'coordinates', lon: p.lon, lat: p.lat, confidence, method: p.method, matched: p.matched });
  }

  const pc = findPostcodes(numeric.blank);
  let blank = numeric.blank;
  for (const m of pc.postcodes) {
    let point: Point | undefined;
    let confidence = 0;
    let name = m.outward;
    if (m.inward) {
      point = g.postcodes.get(m.outward + m.inward);
      confidence = 0.9;
      name = `${m.outward} ${m.inward}`;
      if (!point) {
        point = g.districts.get(m.outward + m.inward[0]);
        confidence = 0.6;
        name = `${m.outward} ${m.inward[0]}`;
      }
    }
    if (!point) {
      point = g.districts.get(m.outward);
      confidence = 0.4;
      name = m.outward;
    }
    if (!point) continue;
    guesses.push({ name, kind: 'postcode', lon: point.lon, lat: point.lat, confidence, method: 'postcode', matched: m.matched });
    blank = blank.slice(0, m.start) + ' '.repeat(m.end - m.start) + blank.slice(m.end);
  }

  const written = wordsOf(blank);
  const tokens = written ? written.toLowerCase().split(' ') : [];
  const writtenTokens = written ? written.split(' ') : [];
  // "Main Road" is a name, "the main road" a description; a text all in one case says nothing.
  const caseSays = writtenTokens.length === tokens.length && written !== written.toUpperCase() && written !== written.toLowerCase();
  const titled = (from: number, to: number) => !caseSays || writtenTokens.slice(from, to).every((w) => w.length <= 2 || /^\p{Lu}/u.test(w));
  const candidates: Candidate[] = [];
  for (const hit of findNames(g, tokens)) {
    const ids = g.bySpelling.get(hit.spelling) ?? [];
    const features = ids.map((id) => g.features[id]!);
    const cue = hit.from > 0 && PLACE_WORDS.has(tokens[hit.from - 1]!);
    // "Mr Errol", "Errol Smith said": a person called like the village is not the village.
    if (readsAsPerson({ lower: tokens, written: caseSays ? writtenTokens : undefined, from: hit.from, to: hit.to, placeCue: cue, common: (w) => COMMON_WORDS.has(w) })) continue;
    // Different features far apart under one name: the text alone cannot tell which.
    const ambiguous = g.ambiguous.has(hit.spelling);
    for (const feature of features) {
      let confidence = KIND_BASE[feature.kind] * hit.factor;
      if (feature.weak) {
        if (!cue) continue;
        confidence *= 0.7;
      }
      if (ambiguous) confidence *= 0.6;
      // A name said twice is one candidate: the support loop below is quadratic in them.
      const same = candidates.find((c) => c.feature === feature);
      if (same) {
        same.confidence = Math.max(same.confidence, confidence);
        continue;
      }
      candidates.push({
        feature,
        point: feature.medoid,
        confidence,
        method: hit.method,
        matched: tokens.slice(hit.from, hit.to).join(' '),
        from: hit.from,
        to: hit.to,
        ambiguous,
        lowerCase: feature.generic && !titled(hit.from, hit.to),
      });
    }
  }

  // Support: another name in the text, in other words, within 3 km.
  const supported = candidates.map((c) => {
    let best: { d: number; by: Candidate; at: Point } | null = null;
    for (const o of candidates) {
      if (o.from === c.from || o.feature === c.feature) continue;
      if (apart(c.feature, o.feature, CONTEXT_METRES)) continue;
      const n = nearestPoints(c.feature, o.feature);
      if (n.d <= CONTEXT_METRES && (!best || n.d < best.d || o.confidence > best.by.confidence)) best = { d: n.d, by: o, at: n.pb };
    }
    return best;
  });
  const base = candidates.map((c) => c.confidence);
  candidates.forEach((c, i) => {
    const s = supported[i];
    if (!s) return;
    c.point = nearestTo(c.feature, s.at);
    const support = base[candidates.indexOf(s.by)]!;
    let confidence = c.confidence / (c.ambiguous ? 0.6 : 1) + 0.1;
    if ((c.feature.kind === 'street' || c.feature.kind === 'asset') && support >= confidence - 0.1) confidence = Math.max(confidence, support + 0.12);
    c.confidence = confidence;
  });
  // A generic name in lower case with no other name beside it is probably a description.
  candidates.forEach((c, i) => {
    if (c.lowerCase && !supported[i]) c.confidence *= 0.5;
  });
  // A shared name some other same-named feature was picked for by the context.
  for (const c of candidates) {
    if (c.ambiguous && !supported[candidates.indexOf(c)] && candidates.some((o, j) => o !== c && o.from === c.from && supported[j])) c.confidence *= 0.5;
  }

  // A full postcode with a street or place of the text beside it reads as an address.
  for (const guess of guesses) {
    if (guess.method === 'postcode' && guess.confidence >= 0.9 && candidates.some((c) => c.feature.points.some((p) => metresBetween(p, guess) <= 1000))) guess.confidence = 0.95;
  }

  if (JUNCTION_WORDS.test(blank)) {
    const streets = candidates.filter((c) => c.feature.kind === 'street');
    for (let i = 0; i < streets.length; i++) {
      for (let j = i + 1; j < streets.length; j++) {
        const a = streets[i]!;
        const b = streets[j]!;
        if (a.from === b.from || a.feature.name === b.feature.name) continue;
        const n = nearestPoints(a.feature, b.feature);
        if (n.d > JUNCTION_METRES) continue;
        guesses.push({
          name: `${a.feature.name} / ${b.feature.name}`,
          kind: 'street',
          lon: (n.pa.lon + n.pb.lon) / 2,
          lat: (n.pa.lat + n.pb.lat) / 2,
          confidence: Math.min(0.97, Math.max(a.confidence, b.confidence) + 0.15),
          method: 'junction',
          matched: `${a.matched} … ${b.matched}`,
        });
      }
    }
  }

  for (const c of candidates) {
    guesses.push({
      name: c.feature.name,
      kind: c.feature.kind,
      lon: c.point.lon,
      lat: c.point.lat,
      confidence: c.confidence,
      method: c.method,
      matched: c.matched,
      ref: c.point.ref,
    });
  }

  const out: PlaceGuess[] = [];
  for (const guess of guesses.sort((a, b) => b.confidence - a.confidence)) {
    guess.confidence = Math.round(Math.min(0.97, guess.confidence) * 100) / 100;
    if (guess.confidence < MIN_CONFIDENCE) continue;
    // One guess per place: the same name again, or the same spot, adds nothing.
    if (out.some((o) => (o.name === guess.name && o.kind === guess.kind) || (o.kind === guess.kind && metresBetween(o, guess) < 25))) continue;
    out.push(guess);
  }
  return out;
}
