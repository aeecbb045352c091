/** The hand-off admin API (`/api/staff/handoff/*`), over the console's one staff session. */
import type { HandoffRuleView, HandoffSend, HandoffTarget, HandoffTargetInput } from '@groundswell/core/schemas';
import { staffHttp } from '../api.ts';

export type HandoffTargetBody = Omit<HandoffTargetInput, 'config' | 'statusMap' | 'active'> & {
  config: HandoffTargetInput['config'];
  statusMap: HandoffTargetInput['statusMap'];
  active: boolean;
};

export const handoffApi = {
  targets: () => staffHttp.get<{ targets: HandoffTarget[] }>('/api/staff/handoff/targets'),
  createTarget: (body: HandoffTargetBody) => staffHttp.post<{ id: number }>('/api/staff/handoff/targets', body),
  updateTarget: (id: number, body: HandoffTargetBody) => staffHttp.post<{ id: number }>(`/api/staff/handoff/targets/${id}`, body),
  rules: () => staffHttp.get<{ rules: HandoffRuleView[] }>('/api/staff/handoff/rules'),
  addRule: (body: { category: string; area?: string; team?: string; targetId: number }) => staffHttp.post<{ id: number }>('/api/staff/handoff/rules', body),
  removeRule: (id: number) => staffHttp.post<{ removed: true }>(`/api/staff/handoff/rules/${id}/remove`),
  sends: (state: string) => staffHttp.get<{ sends: HandoffSend[] }>(`/api/staff/handoff/sends${state ? `?state=${encodeURIComponent(state)}` : ''}`),
  resend: (id: number) => staffHttp.post<{ queued: true }>(`/api/staff/handoff/sends/${id}/resend`),
};

/** "theirs = ours" lines, as the admin types a mapping, and back. */
export function parseMapping(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const [from, to] = line.split('=').map((s) => s.trim());
    if (from && to) out[from] = to;
  }
  return out;
}
export const showMapping = (map: Record<string, string> | undefined) =>
  Object.entries(map ?? {})
    .map(([a, b]) => `${a} = ${b}`)
    .join('\n');
