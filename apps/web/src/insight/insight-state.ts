/**
 * The insight page's state: the shared filters (in the address, applied on submit), what
 * each section is grouped by, the API resources, and how series and rows are named and
 * coloured. Plain signals, memos and resources; the views only read them.
 */
import { createMemo, createResource, createSignal } from 'solid-js';
import type { Category, Channel } from '@groundswell/core/rules';
import { categoryLabel, formatNumber, locale, stateLabel } from '../i18n/index.ts';
import { getJson, labelOf, ProblemError, query, type Timing, type TimingRow, type TopReport, type Volume } from './api.ts';
import { SERIES_COLORS } from './colors.ts';
import { ti } from './i18n/index.ts';

export type Group = 'category' | 'area' | 'state' | 'channel' | 'team';
export const CHANNEL_ORDER: Channel[] = ['web', 'phone', 'email', 'social_media', 'in_person', 'open311', 'sms'];
export const CHANNEL_COLORS: Record<Channel, string> = { web: '#0072b2', phone: '#e69f00', email: '#009e73', social_media: '#cc79a7', in_person: '#56b4e9', open311: '#6b7682', sms: '#d55e00' };

export interface Filters {
  from: string;
  to: string;
  category: string;
  area: string;
}
export const NO_FILTERS: Filters = { from: '', to: '', category: '', area: '' };

export function readFilters(hash: string): Filters {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  return { from: q.get('from') ?? '', to: q.get('to') ?? '', category: q.get('category') ?? '', area: q.get('area') ?? '' };
}

export const pct = (share: number | null | undefined) => (share === null || share === undefined || Number.isNaN(share) ? '–' : `${formatNumber(share * 100)}%`);
export const days = (d: number | null | undefined) => (d === null || d === undefined ? '–' : formatNumber(d, 1));
export const monthLabel = (m: string) => new Intl.DateTimeFormat(locale() === 'pl' ? 'pl-PL' : 'en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
export const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
export const promise = (r: TimingRow) => (r.promiseDaysMin === null ? '–' : r.promiseDaysMin === r.promiseDaysMax ? String(r.promiseDaysMin) : `${r.promiseDaysMin}–${r.promiseDaysMax}`);

/** Month ticks that fit: every month on a wide chart, every second or third on a phone. */
export function monthTicks(months: string[], width: number): string[] {
  const step = Math.max(1, Math.ceil((months.length * 52) / Math.max(1, width - 60)));
  return months.filter((_, i) => (months.length - 1 - i) % step === 0);
}

/** The web and phone shares of the first and last months (up to three each), for "more reports arrive online". */
export function channelShares(v: Volume | undefined, label: (month: string) => string = monthLabel) {
  if (!v || v.months.length === 0) return undefined;
  const n = v.months.length;
  const k = Math.min(3, Math.max(1, Math.floor(n / 2)));
  const sum = (arr: number[], a: number, b: number) => arr.slice(a, b).reduce((x, y) => x + y, 0);
  const of = (key: string) => v.series.find((s) => s.key === key)?.counts ?? v.months.map(() => 0);
  const share = (key: string, a: number, b: number) => {
    const all = sum(v.totals, a, b);
    return all ? sum(of(key), a, b) / all : null;
  };
  return {
    web: share('web', n - k, n),
    webBefore: share('web', 0, k),
    phone: share('phone', n - k, n),
    phoneBefore: share('phone', 0, k),
    firstMonths: `${label(v.months[0]!)} – ${label(v.months[k - 1]!)}`,
    lastMonths: `${label(v.months[n - k]!)} – ${label(v.months[n - 1]!)}`,
  };
}

/** How series are named and coloured: categories by their own name and colour, channels by theirs. */
export function createSeriesNames(categories: () => readonly Category[]) {
  const categoryByCode = createMemo(() => new Map(categories().map((c) => [c.code, c])));
  const seriesName = (by: string, key: string, label: Volume['series'][number]['label']) => {
    if (by === 'category') return categoryLabel(categoryByCode().get(key), labelOf(label));
    if (by === 'state') return stateLabel(key as never);
    if (by === 'channel') return ti().channels.names[key as Channel] ?? key;
    return key === 'none' ? '–' : labelOf(label);
  };
  const seriesColor = (by: string, key: string, i: number) => {
    const fallback = SERIES_COLORS[i % SERIES_COLORS.length]!;
    if (by === 'category') return categoryByCode().get(key)?.color ?? fallback;
    if (by === 'channel') return CHANNEL_COLORS[key as Channel] ?? fallback;
    return fallback;
  };
  /** The long form Plot wants: one row per month and series. */
  const long = (v: Volume) =>
    v.series.flatMap((s, i) => v.months.map((m, j) => ({ month: m, key: s.key, name: seriesName(v.by, s.key, s.label), color: seriesColor(v.by, s.key, i), count: s.counts[j]! })));
  const colorScale = (v: Volume) => ({ domain: v.series.map((s) => seriesName(v.by, s.key, s.label)), range: v.series.map((s, i) => seriesColor(v.by, s.key, i)), legend: true });
  return { categoryByCode, seriesName, seriesColor, long, colorScale };
}

export interface InsightOptions {
  staff: boolean;
  categories: () => readonly Category[];
  /** Where the filters start: the address's query. */
  initial?: Filters;
  /** Keeps the address in step with the applied filters. */
  setAddress?: (hash: string) => void;
  getJson?: <T>(url: string) => Promise<T>;
}

export function createInsight(options: InsightOptions) {
  const fetchJson = options.getJson ?? ((url: string) => getJson(url));
  const base = options.staff ? '/api/staff/insight' : '/api/insight';
  const home = options.staff ? '#/staff/insight' : '#/insight';
  const [me] = createResource(
    () => options.staff,
    async (staff) => (staff ? fetchJson<{ name: string; csrfToken: string; role?: string }>('/api/staff/me') : { name: '', csrfToken: '', role: undefined }),
  );
  const signedOut = () => me.error instanceof ProblemError && me.error.status === 401;
  // Reading a failed resource throws: ask its state instead.
  const ready = () => !options.staff || me.state === 'ready';
  const csrf = () => (me.state === 'ready' ? me()?.csrfToken : undefined);

  const [filters, setFilters] = createSignal<Filters>(options.initial ?? NO_FILTERS);
  const [draft, setDraft] = createSignal<Filters>(filters());
  const q = () => query({ from: filters().from, to: filters().to, category: filters().category, area: filters().area });
  const [group, setGroup] = createSignal<Group>('category');
  const [timingBy, setTimingBy] = createSignal<'category' | 'team'>(options.staff ? 'team' : 'category');

  const load = <T>(path: () => string | false) => createResource(path, (url) => fetchJson<T>(url))[0];
  const volumeUrl = () => `${base}/volume?${query({ by: group() })}&${q()}`;
  const channelsUrl = () => `${base}/volume?by=channel&${q()}`;
  const timingUrl = () => `${base}/response-times?by=${timingBy()}&${q()}`;
  const topUrl = () => `${base}/top-supported?limit=10&${q()}`;
  const volume = load<Volume>(() => ready() && volumeUrl());
  const channels = load<Volume>(() => ready() && channelsUrl());
  const timing = load<Timing>(() => ready() && timingUrl());
  const top = load<{ reports: TopReport[] }>(() => ready() && topUrl());
  // The areas to choose from: every area that has reports in the period.
  const areas = load<Volume>(() => ready() && `${base}/volume?by=area&${query({ from: filters().from, to: filters().to })}`);

  const apply = () => {
    setFilters(draft());
    options.setAddress?.(`${home}${q() ? `?${q()}` : ''}`);
  };
  const reset = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    options.setAddress?.(home);
  };
  const editDraft = (change: Partial<Filters>) => setDraft({ ...draft(), ...change });

  const names = createSeriesNames(options.categories);
  const allRow = () => timing.latest?.rows.find((r) => r.key === 'all');
  const shares = createMemo(() => channelShares(channels.latest));
  const timingName = (r: TimingRow) => (r.key === 'all' ? ti().timing.all : timingBy() === 'category' ? categoryLabel(names.categoryByCode().get(r.key), labelOf(r.label)) : labelOf(r.label));

  return {
    staff: options.staff,
    base,
    me,
    signedOut,
    ready,
    csrf,
    filters,
    draft,
    editDraft,
    apply,
    reset,
    q,
    group,
    setGroup,
    timingBy,
    setTimingBy,
    volume,
    channels,
    timing,
    top,
    areas,
    urls: { volume: volumeUrl, channels: channelsUrl, timing: timingUrl, top: topUrl },
    ...names,
    allRow,
    channelShares: shares,
    timingName,
  };
}

export type Insight = ReturnType<typeof createInsight>;
