/**
 * Geoparsing accuracy on a labelled set of local texts (test/fixtures/geoparse-labelled.json)
 * against a gazetteer built from the demo council (test/fixtures/carse-gazetteer.json). The
 * geoparser was tuned on that set, so its figures flatter it; geoparse-heldout.json was written
 * afterwards and never tuned on, and is the fairer estimate.
 * The first guess is the answer; it is right when it lies within the label's tolerance of the
 * labelled place. Precision: right answers / answers given. Recall: right answers / texts that
 * name a place. The figures are printed; the floors are what this version reaches, so a
 * change that makes the geoparser worse fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGazetteer, geolocateText, metresBetween } from '../src/geoparse.ts';
import type { GazetteerEntry } from '../src/listening.ts';

interface Label {
  case: string;
  lang: 'en' | 'pl';
  text: string;
  expect: null | { name: string; near?: string; tolerance: number } | { lon: number; lat: number; tolerance: number };
}

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const entries: GazetteerEntry[] = fixture('carse-gazetteer.json');
const labels: Label[] = fixture('geoparse-labelled.json');
const heldOut: Label[] = fixture('geoparse-heldout.json');

function targets(label: NonNullable<Label['expect']>): { lon: number; lat: number }[] {
  if ('lon' in label) return [label];
  let found = entries.filter((e) => e.name === label.name);
  if (label.near) {
    const near = entries.find((e) => e.name === label.near && e.kind === 'place');
    if (!near) throw new Error(`no village ${label.near}`);
    found = found.filter((e) => metresBetween(e, near) <= 3000);
  }
  if (found.length === 0) throw new Error(`label names ${label.name}, which the gazetteer lacks`);
  return found;
}

describe('geoparsing accuracy on the labelled set', () => {
  const gazetteer = createGazetteer(entries);
  const evaluate = (set: Label[]) =>
    set.map((l) => {
      const guess = geolocateText(l.text, gazetteer)[0] ?? null;
      const right = !!guess && !!l.expect && targets(l.expect).some((t) => metresBetween(t, guess) <= l.expect!.tolerance);
      return { ...l, guess, right };
    });
  const rows = evaluate(labels);
  const heldRows = evaluate(heldOut);

  function score(subset: ReturnType<typeof evaluate>) {
    const answered = subset.filter((r) => r.guess).length;
    const right = subset.filter((r) => r.right).length;
    const placed = subset.filter((r) => r.expect).length;
    return { n: subset.length, answered, right, placed, precision: answered ? right / answered : 1, recall: placed ? right / placed : 1 };
  }

  it('has at least 200 texts in English and Polish, about a quarter with no place', () => {
    expect(labels.length).toBeGreaterThanOrEqual(200);
    expect(labels.filter((l) => l.lang === 'pl').length).toBeGreaterThanOrEqual(40);
    const none = labels.filter((l) => l.expect === null).length / labels.length;
    expect(none).toBeGreaterThan(0.2);
    expect(none).toBeLessThan(0.3);
  });

  function report(title: string, rows: ReturnType<typeof evaluate>) {
    const table: Record<string, string> = {};
    const groups = new Map<string, typeof rows>();
    for (const r of rows) groups.set(r.case, [...(groups.get(r.case) ?? []), r]);
    groups.set(
      'english',
      rows.filter((r) => r.lang === 'en'),
    );
    groups.set(
      'polish (all)',
      rows.filter((r) => r.lang === 'pl'),
    );
    for (const [name, subset] of [['ALL', rows] as const, ...groups]) {
      const s = score(subset);
      table[name] = `n=${s.n} answered=${s.answered} right=${s.right} precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)}`;
    }
    console.log(
      `geoparse accuracy, ${title} (${rows.length} labelled texts)\n${Object.entries(table)
        .map(([k, v]) => `  ${k.padEnd(15)} ${v}`)
        .join('\n')}`,
    );
    if (process.env.GEOPARSE_MISSES) {
      for (const r of rows.filter((x) => !x.right && (x.guess || x.expect))) {
        console.log(`  miss [${r.case}] ${r.text} → ${r.guess ? `${r.guess.name} (${r.guess.method} ${r.guess.confidence})` : 'nothing'}; label ${JSON.stringify(r.expect)}`);
      }
    }
    return score(rows);
  }

  // The share of texts with no place that still got one: a false place sends an officer astray.
  const falsePlaces = (rows: ReturnType<typeof evaluate>) => {
    const none = rows.filter((r) => r.expect === null);
    return none.filter((r) => r.guess).length / none.length;
  };

  it('reaches its precision and recall floors on the set it was tuned on', () => {
    const all = report('tuning set', rows);
    expect(all.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.recall).toBeGreaterThanOrEqual(0.95);
    expect(falsePlaces(rows)).toBeLessThanOrEqual(0.05);
  });

  it('reaches its floors on the held-out set, written after tuning', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(60);
    const all = report('held-out set', heldRows);
    expect(all.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.recall).toBeGreaterThanOrEqual(0.9);
    expect(falsePlaces(heldRows)).toBeLessThanOrEqual(0.1);
  });
});
