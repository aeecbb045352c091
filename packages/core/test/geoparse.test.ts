import { describe, expect, it } from 'vitest';
import { findNumericPlaces, gridToOsgb36, gridToWgs84, parseGridReference } from '../src/geoparse-coordinates.ts';
import { createGazetteer, geolocateText, metresBetween, transpositionDistance } from '../src/geoparse.ts';
import type { GazetteerEntry } from '../src/listening.ts';

const ENTRIES: GazetteerEntry[] = [
  { name: 'Errol', kind: 'place', lon: -3.213, lat: 56.392 },
  { name: 'Errol', kind: 'area', lon: -3.225, lat: 56.401, ref: 'cc-errol' },
  { name: 'Errol Station', kind: 'place', lon: -3.2203, lat: 56.4073 },
  { name: 'Inchture', kind: 'place', lon: -3.167, lat: 56.446 },
  { name: 'Invergowrie', kind: 'place', lon: -3.059, lat: 56.458 },
  { name: 'St Madoes', kind: 'place', lon: -3.276, lat: 56.384 },
  { name: 'Grange', kind: 'place', lon: -3.187, lat: 56.414 },
  { name: 'Mill', kind: 'place', lon: -3.0564, lat: 56.4557 },
  // Main Street in two villages, each a few points along it.
  { name: 'Main Street', kind: 'street', lon: -3.1685, lat: 56.446 },
  { name: 'Main Street', kind: 'street', lon: -3.1655, lat: 56.4462 },
  { name: 'Main Street', kind: 'street', lon: -3.066, lat: 56.4572 },
  { name: 'Main Street', kind: 'street', lon: -3.059, lat: 56.458 },
  { name: 'High Street', kind: 'street', lon: -3.217, lat: 56.392 },
  { name: 'High Street', kind: 'street', lon: -3.209, lat: 56.3922 },
  { name: 'Church Lane', kind: 'street', lon: -3.209, lat: 56.3922 },
  { name: 'Church Lane', kind: 'street', lon: -3.2078, lat: 56.39 },
  { name: 'Errol Road', kind: 'street', lon: -3.0655, lat: 56.458 },
  { name: 'B953', kind: 'street', lon: -3.17, lat: 56.45 },
  { name: 'Pow of Errol', kind: 'asset', lon: -3.2259, lat: 56.404, ref: 'D-020' },
  { name: 'Pow of Errol', kind: 'asset', lon: -3.2271, lat: 56.3961, ref: 'D-021' },
  { name: 'PH2 7AA', kind: 'postcode', lon: -3.2128, lat: 56.3927 },
  { name: 'PH2 7AE', kind: 'postcode', lon: -3.2134, lat: 56.3946 },
  { name: 'DD2 5NA', kind: 'postcode', lon: -3.0552, lat: 56.4573 },
];
const g = createGazetteer(ENTRIES);
const top = (text: string) => geolocateText(text, g)[0];
const near = (guess: { lon: number; lat: number } | undefined, lon: number, lat: number) => (guess ? metresBetween(guess, { lon, lat }) : Number.POSITIVE_INFINITY);

describe('OS grid references', () => {
  it('converts National Grid to OSGB36 like the Ordnance Survey worked example', () => {
    // "A guide to coordinate systems in Great Britain", C.2: 651409.903 E, 313177.270 N.
    const { lat, lon } = gridToOsgb36(651409.903, 313177.27);
    expect((lat * 180) / Math.PI).toBeCloseTo(52.6575703, 6);
    expect((lon * 180) / Math.PI).toBeCloseTo(1.7179216, 6);
  });

  it('reaches WGS84 within a few metres of GDAL (EPSG:27700 → 4326)', () => {
    // gdaltransform -s_srs EPSG:27700 -t_srs EPSG:4326: Ben Nevis, and the carse.
    expect(metresBetween(gridToWgs84(216671, 771259), { lon: -5.00359347712953, lat: 56.7966454907618 })).toBeLessThan(5);
    expect(metresBetween(gridToWgs84(324500, 722500), { lon: -3.22446002467702, lat: 56.388717640715 })).toBeLessThan(5);
  });

  it('reads letters and 4 to 10 figures, spaced or not, as the centre of the square', () => {
    expect(parseGridReference('NO', '245225')).toEqual({ easting: 324550, northing: 722550, precision: 100 });
    expect(parseGridReference('no', '2452')).toEqual({ easting: 324500, northing: 752500, precision: 1000 });
    expect(parseGridReference('NN', '1667171259')).toEqual({ easting: 216671.5, northing: 771259.5, precision: 1 });
    expect(parseGridReference('NO', '2452225')).toBeNull();
    expect(parseGridReference('IO', '245225')).toBeNull();
    const spaced = findNumericPlaces('ditch at NO 245 225 is blocked').places;
    const joined = findNumericPlaces('ditch at NO245225 is blocked').places;
    expect(spaced).toHaveLength(1);
    expect(joined[0]).toMatchObject({ method: 'grid_reference', precision: 100 });
    expect(metresBetween(spaced[0]!, joined[0]!)).toBeLessThan(0.01);
    expect(findNumericPlaces('NO 2452225').places).toEqual([]);
    // Lower case "no" is a word, not a grid square.
    expect(findNumericPlaces('no 245 225 people').places).toEqual([]);
  });
});

describe('coordinates and map links', () => {
  it.each([
    ['https://www.openstreetmap.org/#map=17/56.40729/-3.22031', 'map_link'],
    ['https://www.openstreetmap.org/?mlat=56.40729&mlon=-3.22031#map=18/56.40729/-3.22031', 'map_link'],
    ['https://www.google.com/maps/@56.40729,-3.22031,18z', 'map_link'],
    ['https://maps.google.com/?q=56.40729,-3.22031', 'map_link'],
    ['https://www.google.co.uk/maps?ll=56.40729,-3.22031&z=16', 'map_link'],
    ['geo:56.40729,-3.22031;u=20', 'map_link'],
    ['https://maps.apple.com/?ll=56.40729,-3.22031&q=Dropped%20Pin', 'map_link'],
    [`56°24'26.24"N 3°13'13.12"W`, 'coordinates'],
    ['56°24′26.24″N, 3°13′13.12″W', 'coordinates'],
    ['at 56.40729, -3.22031 by the gate', 'coordinates'],
    ['56.40729 N 3.22031 W', 'coordinates'],
    ['[-3.22031, 56.40729]', 'coordinates'],
    ['lat 56.40729 lon -3.22031', 'coordinates'],
  ])('%s', (text, method) => {
    const guesses = geolocateText(`flooding ${text}`, g);
    expect(guesses[0]).toMatchObject({ method, kind: 'coordinates' });
    expect(near(guesses[0], -3.22031, 56.40729)).toBeLessThan(1);
  });

  it('ignores what3words (not resolvable offline) and does not read its words as names', () => {
    expect(geolocateText('blocked drain ///errol.table.lamp', g)).toEqual([]);
    expect(geolocateText('https://what3words.com/errol.table.lamp', g)).toEqual([]);
  });

  it('drops bare numbers far outside the council, keeps a deliberate map link', () => {
    expect(geolocateText('pothole at 55.9533, -3.1883', g)).toEqual([]);
    expect(geolocateText('tree down at NT 257 735', g)).toEqual([]);
    expect(geolocateText('https://www.openstreetmap.org/#map=17/55.9533/-3.1883', g)[0]?.method).toBe('map_link');
    expect(geolocateText('3.5 tonnes, 12.5 metres, 1.25 m deep', g)).toEqual([]);
  });
});

describe('postcodes', () => {
  it('finds a full postcode in the gazetteer, spaced or not, any case', () => {
    for (const text of ['bins missed PH2 7AA', 'bins missed ph27aa', 'Bins missed, Ph2 7aa.']) {
      expect(top(text)).toMatchObject({ method: 'postcode', name: 'PH2 7AA', confidence: 0.9 });
    }
  });

  it('falls back to the sector and the outward code, more loosely', () => {
    const sector = top('bins missed PH2 7ZZ');
    expect(sector).toMatchObject({ method: 'postcode', name: 'PH2 7', confidence: 0.6 });
    expect(near(sector, -3.2131, 56.39365)).toBeLessThan(5);
    expect(top('anyone else in DD2 had no collection?')).toMatchObject({ name: 'DD2', confidence: 0.4 });
  });

  it('ignores postcode-shaped words the gazetteer does not have (A90, PH1 5AA)', () => {
    expect(geolocateText('pothole on the A90 near Perth PH1 5AA', g)).toEqual([]);
  });
});

describe('names', () => {
  it('prefers the longest name: Errol Station over Errol, Pow of Errol over Errol, Errol Road over Errol', () => {
    expect(top('blocked drain by Errol station')).toMatchObject({ name: 'Errol Station', method: 'exact' });
    expect(top('the Pow of Errol is overflowing')).toMatchObject({ name: 'Pow of Errol', kind: 'asset' });
    // A named asset of several segments gives the code of the segment chosen.
    expect(['D-020', 'D-021']).toContain(top('the Pow of Errol is overflowing')?.ref);
    expect(top('Errol Road is flooded')).toMatchObject({ name: 'Errol Road', kind: 'street' });
  });

  it('finds a road number, also as a hashtag, and not in "a 90 minute wait"', () => {
    for (const text of ['B953 closed', '#B953 closed', 'flooding on the b953']) expect(top(text)?.name).toBe('B953');
    expect(top('b 953 minutes')).toBeUndefined();
  });

  it('finds an asset by its code, written three ways', () => {
    for (const text of ['D-020 blocked', 'ditch D020 blocked', 'd 020 is blocked']) {
      const guess = top(text);
      expect(guess).toMatchObject({ name: 'D-020', kind: 'asset', ref: 'D-020' });
      expect(near(guess, -3.2259, 56.404)).toBeLessThan(1);
    }
  });

  it('reads St, Saint and St. alike, and Polish case endings', () => {
    expect(top('Saint Madoes pothole')?.name).toBe('St Madoes');
    expect(top('St. Madoes pothole')?.name).toBe('St Madoes');
    expect(top('rów zalany koło Errolu')).toMatchObject({ name: 'Errol', kind: 'place', method: 'fuzzy' });
    expect(top('zalana droga w Invergowrie')?.name).toBe('Invergowrie');
  });

  it('corrects misspellings of longer names, not of short ones or common words', () => {
    expect(top('pothole in Inchtur')?.name).toBe('Inchture');
    expect(top('flooding at Invergowry')?.name).toBe('Invergowrie');
    expect(top('drain by Erol station')?.name).toBe('Errol Station');
    expect(top('error on the website')).toBeUndefined();
    expect(top('out of range again')).toBeUndefined();
    expect(top('orange cones everywhere')).toBeUndefined();
    expect(top('inch by inch the water rises')).toBeUndefined();
  });

  it('needs a place word before a name that is one common word', () => {
    expect(top('the mill pond is frozen')).toBeUndefined();
    expect(top('fly tipping near Mill')).toMatchObject({ name: 'Mill' });
    expect(top('śmieci przy Mill')).toMatchObject({ name: 'Mill' });
    expect(top('dziura na ul. Mill')).toMatchObject({ name: 'Mill' });
    expect(top('fly tipping near Mill')!.confidence).toBeLessThan(0.8);
  });

  it('ranks a street below a named place, and picks the right one of two same-named streets from the village', () => {
    const alone = geolocateText('Main Street flooded', g);
    expect(alone[0]?.name).toBe('Main Street');
    expect(alone[0]!.confidence).toBeLessThan(0.5);
    const inInchture = geolocateText('Main Street in Inchture is flooded', g);
    expect(inInchture[0]).toMatchObject({ name: 'Main Street', kind: 'street' });
    expect(near(inInchture[0], -3.167, 56.446)).toBeLessThan(300);
    expect(inInchture[1]?.name).toBe('Inchture');
    const inInvergowrie = top('Main Street, Invergowrie: potholes');
    expect(near(inInvergowrie, -3.059, 56.458)).toBeLessThan(700);
    expect(top('Inchture')!.confidence).toBeGreaterThan(top('Main Street')!.confidence);
    // Written in lower case among capitals, a name of common words is a description...
    expect(top('Lights out on the main street for a week')).toBeUndefined();
    // ...unless a village beside it says which; and an all-lower-case text says nothing by its case.
    expect(near(top('Lights out on the main street in Inchture'), -3.167, 56.446)).toBeLessThan(300);
    expect(top('lights out on main street')?.name).toBe('Main Street');
  });

  it('places a junction between the two streets when they are within 300 m', () => {
    const guess = top('flooding at the corner of High Street and Church Lane, Errol');
    expect(guess).toMatchObject({ method: 'junction', name: 'High Street / Church Lane' });
    expect(near(guess, -3.209, 56.3922)).toBeLessThan(10);
    expect(top('High Street/Church Lane junction')?.method).toBe('junction');
    expect(top('Church Lane and High Street junction is flooded')?.method).toBe('junction');
    expect(top('Róg High Street i Church Lane zalany')?.method).toBe('junction');
    expect(top('skrzyżowanie High Street i Church Lane, woda')?.method).toBe('junction');
    // Two streets without a junction word are two guesses, not a junction.
    expect(geolocateText('High Street flooded, Church Lane too', g).some((x) => x.method === 'junction')).toBe(false);
    // Streets in different villages do not make a junction.
    expect(geolocateText('corner of High Street and Main Street', g).some((x) => x.method === 'junction')).toBe(false);
  });

  it('does not read a person called like a village as the village', () => {
    const errol = (text: string) => geolocateText(text, g).some((x) => x.name === 'Errol' && x.kind === 'place');
    for (const person of ['Mr Errol rang about the drain', 'Errol Smith said it is blocked', 'Thank you Errol, all sorted', 'Pan Errol mówi, że rów jest zapchany', 'Errol says the bins are full'])
      expect(errol(person), person).toBe(false);
    for (const place of ['Blocked drain in Errol', 'Flooding at Errol, Mrs Smith says it is weeks now', 'errol smith road flooded']) expect(errol(place), place).toBe(true);
  });

  it('returns [] for a text with no place, and one guess per place', () => {
    expect(geolocateText('The bins were not collected', g)).toEqual([]);
    expect(geolocateText('', g)).toEqual([]);
    const repeated = geolocateText('Errol, Errol, ERROL!', g);
    expect(repeated.filter((x) => x.name === 'Errol' && x.kind === 'place')).toHaveLength(1);
  });

  it('orders guesses best first with confidences in 0..1', () => {
    const guesses = geolocateText('Flooding on High Street in Errol near PH2 7AA, https://www.openstreetmap.org/#map=17/56.392/-3.213', g);
    expect(guesses.length).toBeGreaterThan(2);
    for (let i = 1; i < guesses.length; i++) expect(guesses[i - 1]!.confidence).toBeGreaterThanOrEqual(guesses[i]!.confidence);
    for (const x of guesses) {
      expect(x.confidence).toBeGreaterThan(0);
      expect(x.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('reads long and hostile texts in linear time (a long word is not scanned from every position)', () => {
    // Before links were matched word by word, each of these took over 3 s.
    const started = performance.now();
    for (const text of ['a'.repeat(20_000), `https://x.org/${'a'.repeat(20_000)}`, `google.com/maps${'a'.repeat(20_000)}`, `openstreetmap.org/${'1'.repeat(20_000)}`, '#a'.repeat(10_000)]) {
      expect(geolocateText(text, g)).toEqual([]);
    }
    expect(geolocateText('Errol flooded near the drain. '.repeat(1000), g)[0]?.name).toBe('Errol');
    expect(performance.now() - started).toBeLessThan(4000);
    // Only the start of a very long text is read (a quoted email thread).
    expect(geolocateText(`${'x '.repeat(6000)} Errol`, g)).toEqual([]);
  });

  it('works with an empty gazetteer and skips entries it cannot use', () => {
    const empty = createGazetteer([]);
    expect(geolocateText('Blocked drain in Errol at 56.392, -3.213', empty)).toEqual([]);
    expect(geolocateText('geo:56.392,-3.213', empty)[0]?.method).toBe('map_link');
    const odd = createGazetteer([
      { name: '—', kind: 'place', lon: -3.2, lat: 56.4 },
      { name: 'Nowhere', kind: 'place', lon: Number.NaN, lat: 56.4 },
      { name: 'Errol', kind: 'place', lon: -3.213, lat: 56.392 },
    ]);
    expect(geolocateText('flooding in Nowhere and Errol', odd).map((x) => x.name)).toEqual(['Errol']);
  });

  it('refuses a gazetteer it did not build', () => {
    expect(() => geolocateText('Errol', { size: 1 })).toThrow(TypeError);
    expect(createGazetteer(ENTRIES).size).toBe(ENTRIES.length);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(transpositionDistance('castel', 'castle')).toBe(1);
    expect(transpositionDistance('errol', 'errol')).toBe(0);
    expect(transpositionDistance('od', 'road')).toBe(2);
  });
});
