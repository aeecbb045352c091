#!/usr/bin/env node
/**
 * Geoparser throughput: mentions matched per second against a 50,000-name gazetteer, with the
 * gazetteer's build time and memory. Not run by CI: a measurement, written to bench/GEOPARSE.md.
 *
 *   node bench/geoparse.mjs                      (from the repository root, or: bash bench/run.sh geoparse)
 *   NAMES=200000 RUNS=9 MENTIONS=5000 node bench/geoparse.mjs
 *
 * The gazetteer is generated (seeded, so every run builds the same one): Scots-looking place
 * names from syllables, farms ("Mains of …"), streets ("… Road", "… Wynd") repeated across
 * villages, landmarks ("… Primary School"), ditches with codes and postcodes, spread over a
 * 60 × 40 km council. The mentions are generated the way residents write: a place named
 * exactly, misspelt, a street with its village, a junction, a postcode, a grid reference, a
 * map link, and a quarter with no place at all.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Core is TypeScript; Node 20 runs it through tsx, as the API does.
if (!process.env.GEOPARSE_BENCH_CHILD) {
  const r = spawnSync(join(ROOT, 'apps/api/node_modules/.bin/tsx'), [fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, GEOPARSE_BENCH_CHILD: '1' },
  });
  process.exit(r.status ?? 1);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const { createGazetteer, geolocateText } = await import('../packages/core/src/geoparse.ts');

const NAMES = Number(process.env.NAMES ?? 50_000);
const RUNS = Math.max(5, Number(process.env.RUNS ?? 7));
const MENTIONS = Number(process.env.MENTIONS ?? 2_000);
const OUT = join(ROOT, 'bench/GEOPARSE.md');

/** mulberry32: the same names and mentions every run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(0x9e0);
const pick = (list) => list[Math.floor(random() * list.length)];

const STARTS = [
  'Bal',
  'Kin',
  'Inver',
  'Auch',
  'Dun',
  'Pit',
  'Glen',
  'Strath',
  'Kil',
  'Craig',
  'Ard',
  'Blair',
  'Loch',
  'Cul',
  'Tor',
  'Mor',
  'Drum',
  'Kirk',
  'Aber',
  'Fin',
  'Gart',
  'Lang',
  'Mil',
  'Car',
  'Ross',
  'Bel',
  'Dal',
  'Ess',
  'Tully',
  'Leth',
];
const MIDDLES = ['', '', 'na', 'an', 'er', 'li', 'ma', 'go', 'do', 'ra', 'ty', 'lo', 'ne', 'ca', 'be'];
const ENDS = [
  'more',
  'ton',
  'ie',
  'ock',
  'gowrie',
  'field',
  'hill',
  'burn',
  'den',
  'side',
  'shiel',
  'nyte',
  'fauns',
  'gask',
  'lie',
  'ward',
  'hope',
  'law',
  'ness',
  'cairn',
  'muir',
  'haugh',
  'dean',
  'bank',
  'foot',
  'head',
  'ock',
  'ochy',
  'erty',
  'ello',
];
const STREET_TYPES = ['Road', 'Street', 'Lane', 'Wynd', 'Brae', 'Terrace', 'Crescent', 'Place', 'Drive', 'Loan', 'Gardens', 'Avenue'];
const STREET_WORDS = ['Main', 'High', 'Church', 'Station', 'Mill', 'School', 'North', 'South', 'Back', 'Manse', 'Kirk', 'Bridge', 'Castle', 'Orchard', 'Gas'];
const LANDMARKS = ['Primary School', 'Village Hall', 'Parish Church', 'Station', 'Castle', 'Farm', 'Bridge', 'Park', 'Hotel', 'Inn', 'Mill'];

const W = -3.6;
const S = 56.25;
const LON_SPAN = 0.98; // about 60 km east-west at this latitude
const LAT_SPAN = 0.36; // about 40 km north-south
const point = () => [W + random() * LON_SPAN, S + random() * LAT_SPAN];
const near = ([lon, lat], metres) => [lon + ((random() - 0.5) * 2 * metres) / 61_500, lat + ((random() - 0.5) * 2 * metres) / 111_200];

function placeName(used) {
  for (;;) {
    const n = pick(STARTS) + pick(MIDDLES) + pick(ENDS);
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

function generateGazetteer(count) {
  const entries = [];
  const used = new Set();
  const villages = [];
  const add = (name, kind, [lon, lat], ref) => entries.push(ref ? { name, kind, lon, lat, ref } : { name, kind, lon, lat });
  let ditch = 0;
  let postcode = 0;
  while (entries.length < count) {
    const roll = random();
    if (roll < 0.08 || villages.length < 20) {
      const name = placeName(used);
      const at = point();
      villages.push({ name, at });
      add(name, 'place', at);
    } else if (roll < 0.3) {
      // A farm or hamlet near a village, sometimes "Mains of …", "Easter …".
      const v = pick(villages);
      const base = placeName(used);
      add(random() < 0.2 ? `${pick(['Mains of', 'Easter', 'Wester', 'Nether', 'Over'])} ${base}` : base, 'place', near(v.at, 3000));
    } else if (roll < 0.62) {
      // A street: several points along it; common names repeat from village to village.
      const v = pick(villages);
      const name = random() < 0.5 ? `${pick(STREET_WORDS)} ${pick(STREET_TYPES)}` : `${v.name} ${pick(STREET_TYPES)}`;
      const start = near(v.at, 700);
      for (let i = 0; i < 3; i++) add(name, 'street', near(start, 150));
    } else if (roll < 0.72) {
      const v = pick(villages);
      add(`${v.name} ${pick(LANDMARKS)}`, 'place', near(v.at, 800));
    } else if (roll < 0.86) {
      const v = pick(villages);
      ditch++;
      add(random() < 0.5 ? `${placeName(used)} drain` : `Pow of ${v.name}`, 'asset', near(v.at, 2500), `D-${String(ditch).padStart(5, '0')}`);
    } else {
      const v = pick(villages);
      postcode++;
      const letters = 'ABDEFGHJLNPQRSTUWXYZ';
      const unit = `PH${1 + (postcode % 40)} ${postcode % 10}${letters[postcode % 20]}${letters[Math.floor(postcode / 20) % 20]}`;
      add(unit, 'postcode', near(v.at, 400));
    }
  }
  return { entries: entries.slice(0, count), villages };
}

function misspell(word) {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const ops = [() => word.slice(0, i) + word.slice(i + 1), () => word.slice(0, i) + word[i] + word.slice(i), () => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)];
  return pick(ops)();
}

/** Indexes of the generated mentions that name no place. */
const unplaced = new Set();

function generateMentions(count, entries, villages) {
  const names = entries.filter((e) => e.kind === 'place' || e.kind === 'asset');
  const streets = entries.filter((e) => e.kind === 'street');
  const postcodes = entries.filter((e) => e.kind === 'postcode');
  const problems = ['Blocked drain', 'Huge pothole', 'Fly tipping', 'Flooding', 'Street light out', 'Bins not collected', 'Tree down', 'Ditch overflowing'];
  const tails = ['', ' again', ', water right across the road', ' since Tuesday, please sort it', '. Kids walk past here every day.', ' #flooding'];
  const noPlace = [
    'The bins were not collected this week, again.',
    'Who do I call about a pothole?',
    'Thanks for fixing the lamp so fast!',
    'Parking on the pavement is out of control',
    'Kiedy będzie odbiór śmieci?',
    'Dziękuję za szybką naprawę!',
    'The station car park is flooded again',
    'Someone dumped a mattress by the church hall',
    'Street lights out on the main road for a week',
    'The mill burn has burst its banks',
    'Huge pothole by the school gates, kids walk past it',
    'Gully on our road is blocked solid',
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const problem = pick(problems);
    const tail = pick(tails);
    if (roll < 0.25) {
      out.push(pick(noPlace));
      unplaced.add(out.length - 1);
    } else if (roll < 0.5) out.push(`${problem} ${pick(['by', 'near', 'at', 'outside'])} ${pick(names).name}${tail}`);
    else if (roll < 0.6) {
      const n = pick(names).name;
      out.push(
        `${problem} near ${n
          .split(' ')
          .map((w) => (w.length >= 6 ? misspell(w) : w))
          .join(' ')}${tail}`,
      );
    } else if (roll < 0.72) {
      const s = pick(streets);
      const v = villages.reduce((best, x) => (Math.abs(x.at[0] - s.lon) + Math.abs(x.at[1] - s.lat) < Math.abs(best.at[0] - s.lon) + Math.abs(best.at[1] - s.lat) ? x : best));
      out.push(`${problem} on ${s.name}, ${v.name}${tail}`);
    } else if (roll < 0.77) out.push(`${problem} at the corner of ${pick(streets).name} and ${pick(streets).name}`);
    else if (roll < 0.84) out.push(`${problem} at ${pick(postcodes).name}${tail}`);
    else if (roll < 0.89) out.push(`${problem} at NO ${String(Math.floor(random() * 1000)).padStart(3, '0')} ${String(Math.floor(random() * 1000)).padStart(3, '0')}`);
    else if (roll < 0.93) {
      const [lon, lat] = point();
      out.push(`${problem} https://www.openstreetmap.org/#map=17/${lat.toFixed(5)}/${lon.toFixed(5)}`);
    } else out.push(`${pick(['Rów zalany', 'Dziura w drodze', 'Śmieci'])} koło ${pick(villages).name}u${tail}`);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;

const { entries, villages } = generateGazetteer(NAMES);
const mentions = generateMentions(MENTIONS, entries, villages);
const distinct = new Set(entries.map((e) => `${e.kind}:${e.name}`)).size;

gc();
const heapBefore = process.memoryUsage().heapUsed;
const buildTimes = [];
const buildCpu = [];
let gazetteer;
for (let i = 0; i < 3; i++) {
  gazetteer = undefined;
  gc();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  gazetteer = createGazetteer(entries);
  const cpu = process.cpuUsage(c0);
  buildTimes.push(performance.now() - t0);
  buildCpu.push((cpu.user + cpu.system) / 1000);
}
gc();
const heapGazetteer = process.memoryUsage().heapUsed - heapBefore;

// Warm the JIT on a slice, then time whole passes over the mentions.
for (const text of mentions.slice(0, 200)) geolocateText(text, gazetteer);
const rates = [];
// CPU time of this process too: on a shared machine the wall clock also counts other work's turns.
const cpuRates = [];
let placed = 0;
for (let run = 0; run < RUNS; run++) {
  let found = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const text of mentions) if (geolocateText(text, gazetteer).length > 0) found++;
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  rates.push(mentions.length / seconds);
  cpuRates.push(mentions.length / ((cpu.user + cpu.system) / 1e6));
  placed = found;
}
const falsePlaces = [...unplaced].filter((i) => geolocateText(mentions[i], gazetteer).length > 0).length;
const rss = process.memoryUsage().rss;
const load = loadavg()[0];

const lines = [
  '# Geoparser benchmark',
  '',
  `Measured by \`node bench/geoparse.mjs\` (not part of CI) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${mb(totalmem())}.`,
  '',
  `- gazetteer: ${entries.length.toLocaleString('en-GB')} generated entries (${distinct.toLocaleString('en-GB')} distinct names; places, farms, streets repeated across villages, landmarks, ditches with codes, postcodes)`,
  `- mentions: ${mentions.length.toLocaleString('en-GB')} generated texts (named exactly, misspelt, street and village, junction, postcode, grid reference, map link, Polish case endings, a quarter with no place); ${placed.toLocaleString('en-GB')} got a place, including ${falsePlaces} of the ${unplaced.size} that name none (common words read as names of this gazetteer)`,
  '',
  '| measure | value |',
  '| --- | --- |',
  `| build the gazetteer (3 builds) | median ${median(buildTimes).toFixed(0)} ms wall (${Math.min(...buildTimes).toFixed(0)}–${Math.max(...buildTimes).toFixed(0)} ms), ${median(buildCpu).toFixed(0)} ms CPU |`,
  `| heap held by the gazetteer | ${mb(heapGazetteer)} |`,
  `| process RSS after the runs | ${mb(rss)} |`,
  `| mentions matched per second (${RUNS} runs) | **median ${median(rates).toFixed(0)}** (${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}) |`,
  `| mentions per CPU-second of this process | median ${median(cpuRates).toFixed(0)} (${Math.min(...cpuRates).toFixed(0)}–${Math.max(...cpuRates).toFixed(0)}) |`,
  `| time per mention | median ${(1000 / median(rates)).toFixed(2)} ms wall, ${(1000 / median(cpuRates)).toFixed(2)} ms CPU |`,
  '',
  `Runs share the machine with other work (load average ${load.toFixed(1)} on ${cpus().length} cores at the end); the spread shows how much that moved the figures.`,
  '',
];
writeFileSync(OUT, lines.join('\n'));
console.log(lines.join('\n'));
