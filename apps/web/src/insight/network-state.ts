/**
 * The ditch network's state: the segments, the ones at risk (sorted and filtered), the
 * selected segment's history, and staff changes to the network. Every change is recorded
 * on the segments' history and in the audit log, then everything shown is read again.
 */
import { createMemo, createResource, createSignal } from 'solid-js';
import type { AssetCondition } from '@groundswell/core/rules';
import { format } from '../i18n/index.ts';
import { getJson, postJson, query, type AssetCollection, type AssetDetail, type AtRiskRow, type StaffAssetDetail } from './api.ts';
import { ti } from './i18n/index.ts';

export type Sort = 'risk' | 'code' | 'condition' | 'inspected' | 'reports' | 'length';

export function conditionCounts(collection: AssetCollection | undefined): Record<AssetCondition, number> {
  const out: Record<AssetCondition, number> = { clear: 0, partly_blocked: 0, blocked: 0, collapsed: 0, unknown: 0 };
  for (const f of collection?.features ?? []) out[f.properties.condition] += 1;
  return out;
}

/** Sorting by a column again turns its order round; risk has one order only. */
export function nextSort(current: { by: Sort; order: 'asc' | 'desc' }, by: Sort): { by: Sort; order: 'asc' | 'desc' } {
  return { by, order: current.by === by && current.order === 'asc' && by !== 'risk' ? 'desc' : 'asc' };
}

/** A segment as the page gets it: the public detail, or for staff also its team and whether they work it. */
type SegmentDetail = AssetDetail & Partial<Pick<StaffAssetDetail, 'team' | 'inRemit'>>;

export function createNetwork(options: { staff: () => boolean; csrf: () => string | undefined }) {
  const [assets, { refetch: refetchAssets }] = createResource(() => getJson<AssetCollection>('/api/assets'));
  const [months, setMonths] = createSignal(6);
  const [sort, setSort] = createSignal<{ by: Sort; order: 'asc' | 'desc' }>({ by: 'risk', order: 'asc' });
  const riskQuery = () => query({ months: months(), sort: sort().by, order: sort().by === 'risk' ? undefined : sort().order });
  const [risk, { refetch: refetchRisk }] = createResource(riskQuery, (q) => getJson<{ segments: AtRiskRow[]; months: number }>(`/api/assets/at-risk?${q}`));
  const [selected, setSelected] = createSignal<string>();
  const [detail, { refetch: refetchDetail }] = createResource(selected, (code) => getJson<SegmentDetail>(`${options.staff() ? '/api/staff/assets' : '/api/assets'}/${encodeURIComponent(code)}`));
  const counts = createMemo(() => conditionCounts(assets.latest));

  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const [splitting, setSplitting] = createSignal(false);
  const act = async (what: () => Promise<string>) => {
    try {
      const done = await what();
      setMessage({ ok: true, text: format(ti().staff.done, { what: done }) });
      refetchAssets();
      refetchRisk();
      refetchDetail();
    } catch (err) {
      setMessage({ ok: false, text: format(ti().staff.failed, { detail: err instanceof Error ? err.message : String(err) }) });
    }
  };
  const post = <T>(path: string, body: unknown) => postJson<T>(path, body, options.csrf() ?? '');
  const enc = encodeURIComponent;
  const conditionName = (c: AssetCondition) => ti().network.conditions[c];

  return {
    assets,
    counts,
    months,
    setMonths: (n: number) => setMonths(Math.max(1, Math.min(120, n || 6))),
    sort,
    sortBy: (by: Sort) => setSort(nextSort(sort(), by)),
    riskQuery,
    risk,
    selected,
    setSelected,
    detail,
    message,
    splitting,
    setSplitting,
    conditionName,
    split: (code: string, at: [number, number]) =>
      act(async () => {
        const r = await post<{ codes: string[] }>(`/api/staff/assets/${enc(code)}/split`, { at });
        setSelected(r.codes[0]);
        return `${code} → ${r.codes.join(', ')}`;
      }),
    inspect: (code: string, condition: AssetCondition, note: string) =>
      act(async () => {
        await post(`/api/staff/assets/${enc(code)}/inspections`, { condition, ...(note ? { note } : {}) });
        return `${code}: ${conditionName(condition)}`;
      }),
    join: (code: string, other: string) =>
      act(async () => {
        const r = await post<{ code: string }>('/api/staff/assets/join', { codes: [code, other] });
        setSelected(r.code);
        return `${code} + ${other} → ${r.code}`;
      }),
    confirm: (report: string, kind: 'ditch' | 'culvert', name: string) =>
      act(async () => {
        const r = await post<{ code: string }>('/api/staff/assets', { report, kind, ...(name ? { name } : {}) });
        setSelected(r.code);
        return `${report} → ${r.code}`;
      }),
  };
}

export type NetworkState = ReturnType<typeof createNetwork>;
