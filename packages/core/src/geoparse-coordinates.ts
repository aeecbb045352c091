/**
 * Places written as numbers: Ordnance Survey grid references, decimal latitude/longitude,
 * map links (OpenStreetMap, Google Maps, geo: URIs) and UK postcodes. Pure and offline:
 * what3words needs its paid API, so "///three.word.address" is recognised only to be ignored.
 */

/** A point found in the raw text, and the characters it came from (removed before names are matched). */
export interface NumericPlace {
  lon: number;
  lat: number;
  method: 'grid_reference' | 'coordinates' | 'map_link';
  /** Metres the written form cannot resolve below (a 6-figure grid reference: 100 m). */
  precision: number;
  matched: string;
  start: number;
  end: number;
}

const RAD = Math.PI / 180;

/*
 * OSGB36 National Grid → WGS84, after the Ordnance Survey's "A guide to coordinate systems in
 * Great Britain": the inverse transverse Mercator on the Airy 1830 ellipsoid (series C), then
 * a seven-parameter Helmert shift to WGS84. The Helmert step is good to about 5 m, finer than
 * any grid reference a resident types; OSTN15 (centimetres) would add a 15 MB grid for nothing
 * here. Written out rather than taken from proj4 because these 40 lines are all of it.
 */
const AIRY = { a: 6377563.396, b: 6356256.909 };
const WGS84 = { a: 6378137, b: 6356752.314245 };
const F0 = 0.9996012717;
const LAT0 = 49 * RAD;
const LON0 = -2 * RAD;
const N0 = -100000;
const E0 = 400000;
/** OSGB36 → WGS84: tx, ty, tz (m), s (ppm), rx, ry, rz (arc seconds). */
const HELMERT = [446.448, -125.157, 542.06, -20.4894, 0.1502, 0.247, 0.8421] as const;

function meridional(b: number, n: number, lat: number): number {
  const d = lat - LAT0;
  const s = lat + LAT0;
  const n2 = n * n;
  const n3 = n2 * n;
  return (
    b *
    F0 *
    ((1 + n + (5 / 4) * n2 + (5 / 4) * n3) * d -
      (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(d) * Math.cos(s) +
      ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * d) * Math.cos(2 * s) -
      (35 / 24) * n3 * Math.sin(3 * d) * Math.cos(3 * s))
  );
}

/** OSGB36 latitude and longitude (radians) of a National Grid easting and northing. */
export function gridToOsgb36(easting: number, northing: number): { lat: number; lon: number } {
  const { a, b } = AIRY;
  const e2 = 1 - (b * b) / (a * a);
  const n = (a - b) / (a + b);
  let lat = LAT0;
  let m = 0;
  do {
    lat = (northing - N0 - m) / (a * F0) + lat;
    m = meridional(b, n, lat);
  } while (Math.abs(northing - N0 - m) >= 0.00001);
  const sin = Math.sin(lat);
  const nu = (a * F0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * F0 * (1 - e2)) / (1 - e2 * sin * sin) ** 1.5;
  const eta2 = nu / rho - 1;
  const tan = Math.tan(lat);
  const t2 = tan * tan;
  const t4 = t2 * t2;
  const sec = 1 / Math.cos(lat);
  const vii = tan / (2 * rho * nu);
  const viii = (tan / (24 * rho * nu ** 3)) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2);
  const ix = (tan / (720 * rho * nu ** 5)) * (61 + 90 * t2 + 45 * t4);
  const x = sec / nu;
  const xi = (sec / (6 * nu ** 3)) * (nu / rho + 2 * t2);
  const xii = (sec / (120 * nu ** 5)) * (5 + 28 * t2 + 24 * t4);
  const xiia = (sec / (5040 * nu ** 7)) * (61 + 662 * t2 + 1320 * t4 + 720 * t4 * t2);
  const de = easting - E0;
  return {
    lat: lat - vii * de ** 2 + viii * de ** 4 - ix * de ** 6,
    lon: LON0 + x * de - xi * de ** 3 + xii * de ** 5 - xiia * de ** 7,
  };
}

/** Latitude/longitude (radians) on one ellipsoid → the same point on another, by Helmert. */
function helmert(lat: number, lon: number, from: { a: number; b: number }, to: { a: number; b: number }, p: readonly number[]): { lat: number; lon: number } {
  const e2 = 1 - (from.b * from.b) / (from.a * from.a);
  const nu = from.a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  const x = nu * Math.cos(lat) * Math.cos(lon);
  const y = nu * Math.cos(lat) * Math.sin(lon);
  const z = nu * (1 - e2) * Math.sin(lat);
  const [tx, ty, tz, s, rxs, rys, rzs] = p as [number, number, number, number, number, number, number];
  const s1 = s / 1e6 + 1;
  const rx = (rxs / 3600) * RAD;
  const ry = (rys / 3600) * RAD;
  const rz = (rzs / 3600) * RAD;
  const x2 = tx + x * s1 - y * rz + z * ry;
  const y2 = ty + x * rz + y * s1 - z * rx;
  const z2 = tz - x * ry + y * rx + z * s1;
  const e2t = 1 - (to.b * to.b) / (to.a * to.a);
  const pxy = Math.hypot(x2, y2);
  let lat2 = Math.atan2(z2, pxy * (1 - e2t));
  for (let i = 0; i < 10; i++) {
    const nu2 = to.a / Math.sqrt(1 - e2t * Math.sin(lat2) ** 2);
    lat2 = Math.atan2(z2 + e2t * nu2 * Math.sin(lat2), pxy);
  }
  return { lat: lat2, lon: Math.atan2(y2, x2) };
}

/** WGS84 longitude and latitude (degrees) of a National Grid easting and northing. */
export function gridToWgs84(easting: number, northing: number): { lon: number; lat: number } {
  const osgb = gridToOsgb36(easting, northing);
  const w = helmert(osgb.lat, osgb.lon, AIRY, WGS84, HELMERT);
  return { lon: w.lon / RAD, lat: w.lat / RAD };
}

/**
 * "NO 245 225", "NO245225", "NO 24512 22534" → easting/northing of the square's centre and its
 * size. Digits must split evenly (2–10 figures); an odd count ("NO2452225") is not a grid
 * reference anyone can resolve, so it is not guessed at.
 */
export function parseGridReference(letters: string, digits: string): { easting: number; northing: number; precision: number } | null {
  const up = letters.toUpperCase();
  if (!/^[HJNOST][A-HJ-Z]$/.test(up)) return null;
  const d = digits.replace(/\s+/g, '');
  if (d.length < 2 || d.length > 10 || d.length % 2 !== 0) return null;
  let l1 = up.charCodeAt(0) - 65;
  let l2 = up.charCodeAt(1) - 65;
  if (l1 > 7) l1--;
  if (l2 > 7) l2--;
  const e100k = ((l1 - 2) % 5) * 5 + (l2 % 5);
  const n100k = 19 - Math.floor(l1 / 5) * 5 - Math.floor(l2 / 5);
  const half = d.length / 2;
  const precision = 10 ** (5 - half);
  const easting = e100k * 100000 + Number(d.slice(0, half)) * precision + precision / 2;
  const northing = n100k * 100000 + Number(d.slice(half)) * precision + precision / 2;
  return { easting, northing, precision };
}

const NUM = String.raw`(-?\d{1,3}(?:\.\d+)?)`;
/*
 * Links are looked for one whitespace-separated word at a time (a word longer than
 * MAX_LINK is not a link anyone shares), so no pattern scans a long token from every
 * position: a 20,000-character word costs one pass, not 400 million steps.
 */
const MAX_LINK = 2000;
const MAP_LINKS: readonly RegExp[] = [
  // openstreetmap.org/#map=17/56.392/-3.213 (also /note/…#map=, /?mlat=…&mlon=…)
  new RegExp(String.raw`openstreetmap\.org\/[^#\s]*#map=\d+(?:\.\d+)?\/${NUM}\/${NUM}`, 'i'),
  new RegExp(String.raw`openstreetmap\.org\/[^\s]*?[?&]mlat=${NUM}(?:&|&amp;)mlon=${NUM}`, 'i'),
  // google.com/maps/@56.392,-3.213,17z · google.com/maps?q=56.392,-3.213 · maps.google.com/?ll=
  new RegExp(String.raw`google\.[a-z.]+\/maps[^@\s]*@${NUM},\s?${NUM}`, 'i'),
  new RegExp(String.raw`(?:google\.[a-z.]+\/maps|maps\.google\.[a-z.]+)[^\s]*?[?&](?:q|ll|query|center)=(?:loc:)?${NUM}(?:,|%2C)\s?\+?${NUM}`, 'i'),
  // maps.apple.com/?ll=56.392,-3.213 (also ?q=…&sll=…, ?coordinate=…), what iPhones share
  new RegExp(String.raw`maps\.apple\.com\/[^\s]*?[?&](?:ll|sll|coordinate|q)=${NUM}(?:,|%2C)${NUM}`, 'i'),
  // geo:56.392,-3.213;u=35 (RFC 5870)
  new RegExp(`^geo:${NUM},${NUM}`, 'i'),
];
/** what3words addresses cannot be resolved offline; removed so their words are not read as place names. */
const WHAT3WORDS = /(?:https?:\/\/)?(?:w3w\.co\/|what3words\.com\/|\/\/\/)[\p{L}]+\.[\p{L}]+\.[\p{L}]+/giu;
const GRID = /\b([HJNOST][A-HJ-Z])\s?(\d{2,10})(?:\s(\d{2,5}))?\b/g;
/** Degrees, minutes, seconds as Google Maps copies them: 56°23'31.2"N 3°12'46.8"W. */
const DMS = /(\d{1,2})\s*°\s*(\d{1,2})\s*['′’]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:["″”]|''|′′))?\s*([NS])[\s,;]*(\d{1,3})\s*°\s*(\d{1,2})\s*['′’]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:["″”]|''|′′))?\s*([EW])/gi;
const DECIMAL = /(?<![\d.])(-?\d{1,2}\.\d{3,})\s*°?\s*([NS])?(?:\s*[,;/]\s*|\s+)(?:(?:lon|lng|long|longitude)\s*[:=]?\s*)?(-?\d{1,3}\.\d{3,})\s*°?\s*([EW])?(?![\d.])/gi;

function validLatLon(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/**
 * Every point written as numbers in a text, in the order: map links, grid references, then
 * bare coordinate pairs (a link's own numbers are not read twice). `blank` is the text with
 * every found span and every URL replaced by spaces, for the name matcher.
 */
export function findNumericPlaces(text: string): { places: NumericPlace[]; blank: string } {
  const places: NumericPlace[] = [];
  let blank = text;
  const cut = (start: number, end: number) => {
    blank = blank.slice(0, start) + ' '.repeat(end - start) + blank.slice(end);
  };
  for (const word of text.matchAll(/\S+/g)) {
    const w = word[0];
    if (w.length > MAX_LINK || !/openstreetmap\.org|google\.|maps\.apple\.com|^geo:/i.test(w)) continue;
    for (const re of MAP_LINKS) {
      const m = re.exec(w);
      if (!m) continue;
      const lat = Number(m[1]);
      const lon = Number(m[2]);
      if (!validLatLon(lat, lon)) continue;
      places.push({ lon, lat, method: 'map_link', precision: 20, matched: w, start: word.index, end: word.index + w.length });
      cut(word.index, word.index + w.length);
      break;
    }
  }
  for (const m of blank.matchAll(WHAT3WORDS)) cut(m.index, m.index + m[0].length);
  // Other URLs carry no place we can read, and their words ("errol-news.example") are not mentions.
  for (const m of blank.matchAll(/\b(?:https?:\/\/|www\.)\S+/gi)) cut(m.index, m.index + m[0].length);
  for (const m of blank.matchAll(GRID)) {
    const digits = m[2]! + (m[3] ?? '');
    // "NO 245 225" needs both groups the same length; "NO245225" is split in half.
    if (m[3] !== undefined && m[2]!.length !== m[3].length) continue;
    if (digits.length < 4) continue;
    const g = parseGridReference(m[1]!, digits);
    if (!g) continue;
    const { lon, lat } = gridToWgs84(g.easting, g.northing);
    places.push({ lon, lat, method: 'grid_reference', precision: g.precision, matched: m[0], start: m.index, end: m.index + m[0].length });
    cut(m.index, m.index + m[0].length);
  }
  for (const m of blank.matchAll(DMS)) {
    const deg = (d: string, min: string, sec: string | undefined) => Number(d) + Number(min) / 60 + Number(sec ?? 0) / 3600;
    const lat = deg(m[1]!, m[2]!, m[3]) * (m[4]!.toUpperCase() === 'S' ? -1 : 1);
    const lon = deg(m[5]!, m[6]!, m[7]) * (m[8]!.toUpperCase() === 'W' ? -1 : 1);
    if (!validLatLon(lat, lon)) continue;
    places.push({ lon, lat, method: 'coordinates', precision: m[3] ? 10 : 1000, matched: m[0].trim(), start: m.index, end: m.index + m[0].length });
    cut(m.index, m.index + m[0].length);
  }
  for (const m of blank.matchAll(DECIMAL)) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    if (m[2]?.toUpperCase() === 'S') a = -Math.abs(a);
    if (m[4]?.toUpperCase() === 'W') b = -Math.abs(b);
    // Latitude first is the usual order; "-3.213, 56.392" (GeoJSON order) is read the other way
    // round only when the first number cannot be a latitude of the British Isles and the second can.
    let lat = a;
    let lon = b;
    if (!(Math.abs(a) >= 49 && Math.abs(a) <= 61) && Math.abs(b) >= 49 && Math.abs(b) <= 61) {
      lat = b;
      lon = a;
    }
    if (!validLatLon(lat, lon)) continue;
    places.push({ lon, lat, method: 'coordinates', precision: 10, matched: m[0].trim(), start: m.index, end: m.index + m[0].length });
    cut(m.index, m.index + m[0].length);
  }
  return { places, blank };
}

/** A full UK postcode ("PH2 7PZ", "ph27pz") and an outward code on its own ("DD2"). */
const FULL_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s?(\d[ABD-HJLNP-UW-Z]{2})\b/gi;
const OUTWARD = /\b([A-Z]{1,2}\d[A-Z\d]?)\b/gi;

export interface PostcodeMention {
  /** Outward code, upper case: "PH2". */
  outward: string;
  /** Inward code when the full postcode was written: "7PZ". */
  inward: string | null;
  matched: string;
  start: number;
  end: number;
}

/** Postcode-shaped words; which of them exist is up to the gazetteer. */
export function findPostcodes(text: string): { postcodes: PostcodeMention[]; blank: string } {
  const postcodes: PostcodeMention[] = [];
  let blank = text;
  for (const m of text.matchAll(FULL_POSTCODE)) {
    postcodes.push({ outward: m[1]!.toUpperCase(), inward: m[2]!.toUpperCase(), matched: m[0], start: m.index, end: m.index + m[0].length });
    blank = blank.slice(0, m.index) + ' '.repeat(m[0].length) + blank.slice(m.index + m[0].length);
  }
  for (const m of blank.matchAll(OUTWARD)) {
    postcodes.push({ outward: m[1]!.toUpperCase(), inward: null, matched: m[0], start: m.index, end: m.index + m[0].length });
  }
  return { postcodes, blank };
}

/** "PH2 7PZ" → "PH27PZ": the key postcodes are looked up by. */
export function postcodeKey(postcode: string): string {
  return postcode.toUpperCase().replace(/\s+/g, '');
}
