/**
 * A small CQL2 text parser (OGC 21-065r2) for the OGC API's `filter` parameter: the Basic
 * CQL2 class (comparisons between a queryable and a literal, AND/OR/NOT, IS NULL) and
 * S_INTERSECTS from Basic Spatial Functions with BBOX(...) or WKT in CRS84. No npm package
 * parses CQL2 text (geostyler's parser reads GeoServer's ECQL, a different grammar), and this
 * grammar is small, so it is a hand-written recursive descent. The result is an AST whose
 * property names have been checked against the collection's queryables; the SQL is built
 * from it elsewhere, with every literal as a parameter.
 */

export type Cql2Type = 'string' | 'integer' | 'date-time' | 'geometry';
export type Cql2Comparison = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Cql2Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  /** An instant, normalised to ISO 8601 in UTC. */
  | { kind: 'timestamp'; value: string }
  /** A calendar day, YYYY-MM-DD. */
  | { kind: 'date'; value: string };

export type Cql2Geometry =
  | { type: 'BBox'; bbox: [number, number, number, number] }
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPoint'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export type Cql2Node =
  | { op: 'and' | 'or'; args: Cql2Node[] }
  | { op: 'not'; arg: Cql2Node }
  /** TRUE or FALSE standing alone as a condition. */
  | { op: 'bool'; value: boolean }
  | { op: 'compare'; operator: Cql2Comparison; property: string; value: Cql2Literal }
  | { op: 'isNull'; property: string }
  /** CQL2 LIKE: `%` any run, `_` one character, `\\` escapes the next (as SQL's LIKE). */
  | { op: 'like'; property: string; pattern: string }
  | { op: 'intersects'; property: string; geometry: Cql2Geometry };

/** Why a filter was refused, and where: `position` counts characters from 1. */
export interface Cql2Error {
  message: string;
  position: number;
  token: string;
}

export type Cql2Result = { ok: true; ast: Cql2Node } | { ok: false; error: Cql2Error };

/** Deeper nesting than this is not a filter anyone writes, and would only cost stack. */
const MAX_DEPTH = 50;
/** A filter longer than this is refused before parsing (the URL limit is usually lower). */
export const CQL2_MAX_LENGTH = 20_000;

type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'punct' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  /** The identifier, quoted identifier or string's value. */
  value: string;
  at: number;
}

class ParseError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly token: string,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ParseError('a string is not closed with a single quote', start, text.slice(start, start + 20));
        const c = text[i]!;
        if (c === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (c === '\\' && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: text.slice(start, i), value, at: start });
    } else if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new ParseError('a quoted property name is not closed', start, text.slice(start, start + 20));
      tokens.push({ kind: 'quoted', text: text.slice(start, end + 1), value: text.slice(start + 1, end), at: start });
      i = end + 1;
    } else if (/[0-9.]/.test(ch) || ((ch === '-' || ch === '+') && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const m = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) throw new ParseError('this is not a number', start, ch);
      tokens.push({ kind: 'number', text: m[0], value: m[0], at: start });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_:.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0], value: m[0], at: start });
      i += m[0].length;
    } else if (ch === '<' || ch === '>' || ch === '=') {
      const two = text.slice(i, i + 2);
      const op = ['<=', '>=', '<>'].includes(two) ? two : ch;
      tokens.push({ kind: 'op', text: op, value: op, at: start });
      i += op.length;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch, value: ch, at: start });
      i++;
    } else {
      throw new ParseError(`"${ch}" has no meaning in CQL2 text`, start, ch);
    }
  }
  tokens.push({ kind: 'end', text: '', value: '', at: text.length });
  return tokens;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** An RFC 3339 instant (as CQL2's TIMESTAMP takes) in UTC, or undefined. */
function instantOf(text: string): string | undefined {
  if (!RFC3339.test(text) || !validDay(text.slice(0, 10))) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IS', 'NULL', 'TRUE', 'FALSE', 'TIMESTAMP', 'DATE', 'BBOX', 'S_INTERSECTS', 'LIKE', 'BETWEEN', 'IN']);
const WKT_TYPES: Record<string, Exclude<Cql2Geometry['type'], 'BBox'>> = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
};

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly queryables: Readonly<Record<string, Cql2Type>>,
  ) {}

  private get peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private fail(message: string, token: Token = this.peek): never {
    throw new ParseError(message, token.at, token.kind === 'end' ? 'the end' : token.text);
  }
  private isWord(word: string, token: Token = this.peek): boolean {
    return token.kind === 'ident' && token.value.toUpperCase() === word;
  }
  private expectPunct(p: string, what: string): void {
    if (this.peek.kind !== 'punct' || this.peek.text !== p) this.fail(`expected "${p}" ${what}`);
    this.next();
  }

  parse(): Cql2Node {
    const node = this.orExpr(0);
    if (this.peek.kind !== 'end') this.fail('expected AND, OR or the end of the filter');
    return node;
  }

  private orExpr(depth: number): Cql2Node {
    if (depth > MAX_DEPTH) this.fail(`the filter is nested more than ${MAX_DEPTH} deep`);
    const args = [this.andExpr(depth)];
    while (this.isWord('OR')) {
      this.next();
      args.push(this.andExpr(depth));
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  }

  private andExpr(depth: number): Cql2Node {
    const args = [this.notExpr(depth)];
    while (this.isWord('AND')) {
      this.next();
      args.push(this.notExpr(depth));
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  }

  private notExpr(depth: number): Cql2Node {
    if (this.isWord('NOT')) {
      this.next();
      return { op: 'not', arg: this.notExpr(depth + 1) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): Cql2Node {
    const t = this.peek;
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const inner = this.orExpr(depth + 1);
      this.expectPunct(')', 'to close the parenthesis');
      return inner;
    }
    if (this.isWord('TRUE') || this.isWord('FALSE')) return { op: 'bool', value: this.next().value.toUpperCase() === 'TRUE' };
    if (this.isWord('S_INTERSECTS')) return this.intersects();
    if (t.kind === 'ident' && /^S_[A-Z]+$/i.test(t.value)) this.fail(`${t.value.toUpperCase()} is not offered; the spatial function here is S_INTERSECTS`);
    return this.predicate();
  }

  /** A queryable's name, checked against the collection's list. */
  private property(): { name: string; type: Cql2Type; token: Token } {
    const t = this.next();
    if (t.kind !== 'ident' && t.kind !== 'quoted') this.fail('expected a property name', t);
    if (t.kind === 'ident' && KEYWORDS.has(t.value.toUpperCase())) this.fail('expected a property name', t);
    const type = Object.hasOwn(this.queryables, t.value) ? this.queryables[t.value] : undefined;
    if (!type) this.fail(`"${t.value}" is not a queryable of this collection; they are ${Object.keys(this.queryables).join(', ')}`, t);
    return { name: t.value, type, token: t };
  }

  private predicate(): Cql2Node {
    // Basic CQL2 puts the property on the left; a literal first is read the other way round.
    if (['string', 'number'].includes(this.peek.kind) || this.isWord('TIMESTAMP') || this.isWord('DATE')) {
      const litToken = this.peek;
      const value = this.literal();
      const opToken = this.next();
      if (opToken.kind !== 'op') this.fail('expected a comparison (=, <>, <, <=, >, >=)', opToken);
      const prop = this.property();
      const flipped: Record<string, Cql2Comparison> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
      return this.compare(prop, flipped[opToken.text]!, value, litToken);
    }
    const prop = this.property();
    if (this.isWord('IS')) {
      this.next();
      const negated = this.isWord('NOT');
      if (negated) this.next();
      if (!this.isWord('NULL')) this.fail('expected NULL after IS');
      this.next();
      const node: Cql2Node = { op: 'isNull', property: prop.name };
      return negated ? { op: 'not', arg: node } : node;
    }
    // Advanced comparisons (LIKE, BETWEEN, IN), each of which may be negated: GDAL sends LIKE.
    const negated = this.isWord('NOT');
    if (negated) this.next();
    const advanced = this.advanced(prop);
    if (advanced) return negated ? { op: 'not', arg: advanced } : advanced;
    if (negated) this.fail('expected LIKE, BETWEEN or IN after NOT');
    const opToken = this.next();
    if (opToken.kind !== 'op') this.fail('expected a comparison (=, <>, <, <=, >, >=), LIKE, BETWEEN, IN or IS NULL', opToken);
    const litToken = this.peek;
    return this.compare(prop, opToken.text as Cql2Comparison, this.literal(), litToken);
  }

  private advanced(prop: { name: string; type: Cql2Type; token: Token }): Cql2Node | undefined {
    if (this.isWord('LIKE')) {
      this.next();
      const t = this.next();
      if (t.kind !== 'string') this.fail('LIKE takes a pattern in single quotes', t);
      if (prop.type !== 'string') this.fail(`LIKE compares text, and "${prop.name}" is not text`, prop.token);
      return { op: 'like', property: prop.name, pattern: t.value };
    }
    if (this.isWord('BETWEEN')) {
      this.next();
      const lowToken = this.peek;
      const low = this.compare(prop, '>=', this.literal(), lowToken);
      if (!this.isWord('AND')) this.fail('expected AND between the two ends of BETWEEN');
      this.next();
      const highToken = this.peek;
      return { op: 'and', args: [low, this.compare(prop, '<=', this.literal(), highToken)] };
    }
    if (this.isWord('IN')) {
      this.next();
      const args = this.list(() => {
        const at = this.peek;
        return this.compare(prop, '=', this.literal(), at);
      });
      return args.length === 1 ? args[0]! : { op: 'or', args };
    }
    return undefined;
  }

  private compare(prop: { name: string; type: Cql2Type; token: Token }, operator: Cql2Comparison, value: Cql2Literal, at: Token): Cql2Node {
    const fits =
      (prop.type === 'string' && value.kind === 'string') ||
      (prop.type === 'integer' && value.kind === 'number') ||
      (prop.type === 'date-time' && (value.kind === 'timestamp' || value.kind === 'date'));
    if (!fits) {
      // Older clients (GDAL's OAPIF driver) write a time as a plain string: read it as TIMESTAMP.
      const instant = prop.type === 'date-time' && value.kind === 'string' ? instantOf(value.value) : undefined;
      if (instant) return { op: 'compare', operator, property: prop.name, value: { kind: 'timestamp', value: instant } };
      const wanted = { string: "a string in single quotes such as 'litter'", integer: 'a number', 'date-time': "TIMESTAMP('2026-01-31T12:00:00Z') or DATE('2026-01-31')", geometry: 'S_INTERSECTS' }[
        prop.type
      ];
      this.fail(`"${prop.name}" is compared with ${wanted}`, at);
    }
    return { op: 'compare', operator, property: prop.name, value };
  }

  private literal(): Cql2Literal {
    const t = this.next();
    if (t.kind === 'string') return { kind: 'string', value: t.value };
    if (t.kind === 'number') {
      const value = Number(t.text);
      if (!Number.isFinite(value)) this.fail('this number is out of range', t);
      return { kind: 'number', value };
    }
    if (this.isWord('TIMESTAMP', t) || this.isWord('DATE', t)) {
      this.expectPunct('(', `after ${t.value.toUpperCase()}`);
      const s = this.next();
      if (s.kind !== 'string') this.fail(`${t.value.toUpperCase()} takes a quoted value`, s);
      this.expectPunct(')', `to close ${t.value.toUpperCase()}`);
      if (this.isWord('DATE', t)) {
        if (!validDay(s.value)) this.fail(`"${s.value}" is not a date such as '2026-01-31'`, s);
        return { kind: 'date', value: s.value };
      }
      const instant = instantOf(s.value);
      if (!instant) this.fail(`"${s.value}" is not an RFC 3339 instant such as '2026-01-31T12:00:00Z'`, s);
      return { kind: 'timestamp', value: instant };
    }
    return this.fail('expected a literal: a string in single quotes, a number, TIMESTAMP(...) or DATE(...)', t);
  }

  private intersects(): Cql2Node {
    this.next();
    this.expectPunct('(', 'after S_INTERSECTS');
    const prop = this.property();
    if (prop.type !== 'geometry') this.fail(`S_INTERSECTS takes the geometry property first, not "${prop.name}"`, prop.token);
    this.expectPunct(',', 'between the two geometries of S_INTERSECTS');
    const geometry = this.geometry();
    this.expectPunct(')', 'to close S_INTERSECTS');
    return { op: 'intersects', property: prop.name, geometry };
  }

  private geometry(): Cql2Geometry {
    const t = this.next();
    if (this.isWord('BBOX', t)) {
      this.expectPunct('(', 'after BBOX');
      const nums = this.numbers();
      this.expectPunct(')', 'to close BBOX');
      if (nums.length !== 4 && nums.length !== 6) this.fail('BBOX takes four numbers (west, south, east, north) or six with heights', t);
      // Six numbers: west, south, min height, east, north, max height.
      const [w, s, e, n] = nums.length === 6 ? [nums[0]!, nums[1]!, nums[3]!, nums[4]!] : (nums as [number, number, number, number]);
      if ([w, e].some((x) => x < -180 || x > 180) || [s, n].some((y) => y < -90 || y > 90) || s > n) {
        this.fail('BBOX is west, south, east, north in degrees: longitudes within ±180, latitudes within ±90, south not above north', t);
      }
      return { type: 'BBox', bbox: [w, s, e, n] };
    }
    const type = t.kind === 'ident' ? WKT_TYPES[t.value.toUpperCase()] : undefined;
    if (!type) this.fail('expected BBOX(...) or a WKT geometry: POINT, LINESTRING, POLYGON or their MULTI forms', t);
    const coordinates = this.wktBody(type, t);
    return { type, coordinates } as Cql2Geometry;
  }

  private numbers(): number[] {
    const out: number[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind !== 'number') this.fail('expected a number', t);
      out.push(Number(t.text));
      if (this.peek.kind === 'punct' && this.peek.text === ',') this.next();
      else return out;
    }
  }

  /** "x y" (or "x y z"): a position in longitude, latitude. */
  private position(): number[] {
    const start = this.peek;
    const nums: number[] = [];
    while (this.peek.kind === 'number') nums.push(Number(this.next().text));
    if (nums.length < 2 || nums.length > 3) this.fail('a position is a longitude and a latitude separated by a space', start);
    const [x, y] = nums as [number, number];
    if (x < -180 || x > 180 || y < -90 || y > 90) this.fail('coordinates are longitude (±180) then latitude (±90), in CRS84', start);
    return [x, y];
  }

  /** A parenthesised, comma-separated list of `item`. */
  private list<T>(item: () => T): T[] {
    this.expectPunct('(', 'to open a coordinate list');
    const out = [item()];
    while (this.peek.kind === 'punct' && this.peek.text === ',') {
      this.next();
      out.push(item());
    }
    this.expectPunct(')', 'to close a coordinate list');
    return out;
  }

  private line(min: number, at: Token): number[][] {
    const pts = this.list(() => this.position());
    if (pts.length < min) this.fail(`a line needs at least ${min} positions`, at);
    return pts;
  }

  private ring(at: Token): number[][] {
    const pts = this.line(4, at);
    const [a, z] = [pts[0]!, pts[pts.length - 1]!];
    if (a[0] !== z[0] || a[1] !== z[1]) this.fail('a polygon ring must end where it starts', at);
    return pts;
  }

  private wktBody(type: Exclude<Cql2Geometry['type'], 'BBox'>, at: Token): unknown {
    const polygon = () => this.list(() => this.ring(at));
    switch (type) {
      case 'Point': {
        this.expectPunct('(', 'after POINT');
        const p = this.position();
        this.expectPunct(')', 'to close POINT');
        return p;
      }
      case 'LineString':
        return this.line(2, at);
      case 'Polygon':
        return polygon();
      case 'MultiPoint':
        // Both MULTIPOINT((1 2),(3 4)) and MULTIPOINT(1 2, 3 4) are written.
        return this.list(() => {
          if (this.peek.kind !== 'punct') return this.position();
          this.expectPunct('(', 'to open a point');
          const p = this.position();
          this.expectPunct(')', 'to close a point');
          return p;
        });
      case 'MultiLineString':
        return this.list(() => this.line(2, at));
      case 'MultiPolygon':
        return this.list(polygon);
    }
  }
}

/**
 * Parses CQL2 text against a collection's queryables (name → type; the spatial one has type
 * `geometry`). Refuses, with the character position, anything outside the offered subset.
 */
export function parseCql2Text(text: string, queryables: Readonly<Record<string, Cql2Type>>): Cql2Result {
  if (text.length > CQL2_MAX_LENGTH) return { ok: false, error: { message: `the filter is longer than ${CQL2_MAX_LENGTH} characters`, position: CQL2_MAX_LENGTH, token: '' } };
  try {
    return { ok: true, ast: new Parser(tokenize(text), queryables).parse() };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: { message: err.message, position: err.at + 1, token: err.token } };
    throw err;
  }
}
