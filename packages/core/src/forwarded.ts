/**
 * Who the client is behind proxies (TRUST_PROXY), as Express's `trust proxy` decides it.
 * Each proxy appends the address it saw to `X-Forwarded-For`, so only the right-hand end of
 * the header is written by proxies we run; the left-hand end is whatever the client sent.
 * The client is therefore found by walking from the right (the socket's peer first) past the
 * trusted hops, never by reading the first hop.
 */

/**
 * `false`: the socket's address, the header ignored. `true`: one proxy in front (the same as
 * `1`). A number: that many proxies in front. A list: the addresses or CIDR ranges of the
 * proxies (and the presets `loopback`, `linklocal`, `uniquelocal`); every hop from the right
 * that matches is skipped.
 */
export type TrustProxy = boolean | number | readonly string[];

const PRESETS: Record<string, readonly string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

interface Ip {
  v6: boolean;
  bits: bigint;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(Number(p));
  }
  return out;
}

function parseIpv6(s: string): bigint | undefined {
  let text = s;
  let tail: bigint[] = [];
  // A trailing dotted quad (::ffff:10.0.0.1) stands for the last two groups.
  const quad = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (quad) {
    const v4 = parseIpv4(quad[2]!);
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = quad[1]!.endsWith('::') ? quad[1]! : quad[1]!.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const written = head.length + rest.length + tail.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const all = [...head, ...Array<string>(8 - written).fill('0'), ...rest];
  let out = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    out = (out << 16n) | BigInt(Number.parseInt(g, 16));
  }
  for (const g of tail) out = (out << 16n) | g;
  return out;
}

/** An IPv4 or IPv6 address; IPv4-mapped IPv6 (`::ffff:10.0.0.1`, as Node reports) is IPv4. */
function parseIp(address: string): Ip | undefined {
  const s = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { v6: false, bits: v4 };
  if (!s.includes(':')) return undefined;
  const v6 = parseIpv6(s);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { v6: false, bits: v6 & 0xffffffffn };
  return { v6: true, bits: v6 };
}

/** The canonical text of an address (IPv4-mapped IPv6 as plain IPv4); anything else as it came, trimmed. */
export function normalizeAddress(address: string): string {
  const s = address.trim();
  const ip = parseIp(s);
  if (ip && !ip.v6) return [24n, 16n, 8n, 0n].map((shift) => String((ip.bits >> shift) & 0xffn)).join('.');
  return ip ? s.replace(/^\[(.*)\]$/, '$1').toLowerCase() : s;
}

interface Range {
  v6: boolean;
  base: bigint;
  prefix: number;
}

function parseRange(entry: string): Range | undefined {
  const [addr, len, extra] = entry.split('/');
  if (extra !== undefined || !addr) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = ip.v6 ? 128 : 32;
  // `::ffff:10.0.0.0/104` is the IPv4 range 10.0.0.0/8.
  const mapped = !ip.v6 && addr.includes(':');
  let prefix = width;
  if (len !== undefined) {
    if (!/^\d{1,3}$/.test(len)) return undefined;
    prefix = Number(len) - (mapped ? 96 : 0);
  }
  if (prefix < 0 || prefix > width) return undefined;
  const mask = ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { v6: ip.v6, base: ip.bits & mask, prefix };
}

function inRange(ip: Ip, r: Range): boolean {
  if (ip.v6 !== r.v6) return false;
  const width = ip.v6 ? 128 : 32;
  const mask = ((1n << BigInt(r.prefix)) - 1n) << BigInt(width - r.prefix);
  return (ip.bits & mask) === r.base;
}

/** The entries of a proxy list that are not an address, a CIDR range or a preset. */
export function invalidProxyEntries(list: readonly string[]): string[] {
  return list.filter((e) => !PRESETS[e] && !parseRange(e));
}

/** A test for "is this one of our proxies", compiled once from a list. */
export function proxyMatcher(list: readonly string[]): (address: string) => boolean {
  const ranges = list.flatMap((e) => PRESETS[e] ?? [e]).flatMap((e) => parseRange(e) ?? []);
  return (address) => {
    const ip = parseIp(address);
    return !!ip && ranges.some((r) => inRange(ip, r));
  };
}

/**
 * Reads TRUST_PROXY: `true`/`false`, a hop count, or a comma-separated list of proxy
 * addresses, CIDR ranges and presets.
 */
export function parseTrustProxy(value: string): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const v = value.trim();
  if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 32 ? { ok: true, value: hops } : { ok: false, message: 'a hop count must be at most 32' };
  }
  const list = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = invalidProxyEntries(list);
  if (!list.length || bad.length) return { ok: false, message: `must be true, false, a hop count or a list of proxy addresses/CIDR ranges; not understood: ${bad.join(', ') || value}` };
  return { ok: true, value: list };
}

/**
 * The client's address: walk the chain (the `X-Forwarded-For` hops, then the socket's
 * peer) from the right, skipping trusted proxies, and take the first hop that is not one;
 * when every hop is trusted, the leftmost. With no socket at all (a request made in
 * process, as tests do), the rightmost header hop stands where the socket's peer would.
 * `isTrusted` compiles a list once (see `proxyMatcher`); hop counts need none.
 */
export function forwardedClient(request: { forwardedFor?: string | undefined; socket?: string | undefined }, trust: TrustProxy, isTrusted?: (address: string) => boolean): string | undefined {
  const socket = request.socket === undefined ? undefined : normalizeAddress(request.socket);
  if (trust === false || trust === 0) return socket;
  const hops = (request.forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map(normalizeAddress);
  const chain = socket === undefined ? hops : [...hops, socket];
  if (!chain.length) return undefined;
  const trusted = typeof trust === 'object' ? (isTrusted ?? proxyMatcher(trust)) : undefined;
  const count = trust === true ? 1 : typeof trust === 'number' ? trust : Number.POSITIVE_INFINITY;
  for (let i = 0; i < chain.length - 1; i++) {
    const address = chain[chain.length - 1 - i]!;
    if (trusted ? !trusted(address) : i >= count) return address;
  }
  return chain[0];
}
