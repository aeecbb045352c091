import { OPEN_STATES, REPORT_STATES, type ReportState } from '@groundswell/core/rules';

export const SORTS = ['newest', 'oldest', 'updated', 'priority'] as const;
export type Sort = (typeof SORTS)[number];

/** The triage filter: what the address carries and the list asks the API for. */
export interface Filter {
  states: ReportState[];
  categories: string[];
  teams: string[];
  /** '' anyone, 'me', 'none', or an officer's id. */
  assignee: string;
  area: string;
  /** The nearest street: a part of its name, or its USRN (or OSM way) exactly. */
  street: string;
  /** '' any, or '0'..'3'. */
  priority: string;
  channels: string[];
  from: string;
  to: string;
  hasPhotos: boolean;
  q: string;
  sort: Sort;
}

/**
 * Triage opens on open work: what still needs an officer (new, acknowledged, in progress,
 * action scheduled). The address leaves this default out; "all" says every state was chosen.
 */
export const DEFAULT_STATES: readonly ReportState[] = OPEN_STATES;
const ALL_STATES = 'all';

const sameStates = (a: readonly ReportState[], b: readonly ReportState[]) => a.length === b.length && a.every((s) => b.includes(s));
export const isDefaultStates = (states: readonly ReportState[]) => sameStates(states, DEFAULT_STATES);

export const EMPTY_FILTER: Filter = {
  states: [],
  categories: [],
  teams: [],
  assignee: '',
  area: '',
  street: '',
  priority: '',
  channels: [],
  from: '',
  to: '',
  hasPhotos: false,
  q: '',
  sort: 'newest',
};

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const isDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

/** The filter a triage address holds; no `state` at all is open work, `state=all` every state. */
export function parseFilter(params: URLSearchParams): Filter {
  const sort = params.get('sort');
  const priority = params.get('priority') ?? '';
  const state = params.get('state');
  return {
    states: state === null ? [...DEFAULT_STATES] : list(state).filter((s): s is ReportState => (REPORT_STATES as readonly string[]).includes(s)),
    categories: list(params.get('category')),
    teams: list(params.get('team')),
    assignee: params.get('assignee') ?? '',
    area: params.get('area') ?? '',
    street: (params.get('street') ?? '').trim().slice(0, 200),
    priority: /^[0-3]$/.test(priority) ? priority : '',
    channels: list(params.get('channel')),
    from: isDate(params.get('from')),
    to: isDate(params.get('to')),
    hasPhotos: params.get('hasPhotos') === 'true',
    q: (params.get('q') ?? '').slice(0, 200),
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : 'newest',
  };
}

/**
 * The filter as query parameters, in the API's own names so the address and the API call
 * read the same; defaults are left out of the address (`for: 'address'`), and the API is
 * always told the states (no `state` is every state to it).
 */
export function filterParams(f: Filter, options: { for: 'address' | 'api' } = { for: 'address' }): URLSearchParams {
  const p = new URLSearchParams();
  if (options.for === 'api') {
    if (f.states.length) p.set('state', f.states.join(','));
  } else if (!f.states.length) p.set('state', ALL_STATES);
  else if (!isDefaultStates(f.states)) p.set('state', f.states.join(','));
  if (f.categories.length) p.set('category', f.categories.join(','));
  if (f.teams.length) p.set('team', f.teams.join(','));
  if (f.assignee) p.set('assignee', f.assignee);
  if (f.area) p.set('area', f.area);
  if (f.street.trim()) p.set('street', f.street.trim());
  if (f.priority) p.set('priority', f.priority);
  if (f.channels.length) p.set('channel', f.channels.join(','));
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.hasPhotos) p.set('hasPhotos', 'true');
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.sort !== 'newest') p.set('sort', f.sort);
  return p;
}

/** How many filters other than state are set: shown on the "Clear filters" button. */
export function activeFilterCount(f: Filter): number {
  return [f.categories.length, f.teams.length, f.assignee, f.area, f.street.trim(), f.priority, f.channels.length, f.from, f.to, f.hasPhotos, f.q.trim()].filter(Boolean).length;
}
