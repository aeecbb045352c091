/**
 * The listening inbox's API client: the staff inbox, its actions and the admin set-up
 * (apps/api/src/listening). Types come from core's contracts; the session is the console's.
 */
import { staffHttp as http } from '../api.ts';
import type {
  GazetteerImport,
  KeywordRule,
  KeywordRuleInput,
  ListeningOverview,
  ListeningSource,
  ListeningSourceInput,
  MentionActionResult,
  MentionDetail,
  MentionList,
  MentionToReport,
} from './types.ts';

const enc = encodeURIComponent;
const BASE = '/api/staff/listening';

export const listeningApi = {
  mentions: (query: URLSearchParams) => http.get<MentionList>(`${BASE}/mentions?${query}`),
  mention: (id: number) => http.get<MentionDetail>(`${BASE}/mentions/${enc(String(id))}`),
  createReport: (id: number, body: MentionToReport) => http.post<MentionActionResult>(`${BASE}/mentions/${enc(String(id))}/report`, body),
  attach: (id: number, report: string) => http.post<MentionActionResult>(`${BASE}/mentions/${enc(String(id))}/attach`, { report }),
  dismiss: (id: number, reason: string) => http.post<MentionActionResult>(`${BASE}/mentions/${enc(String(id))}/dismiss`, { reason }),
  reply: (id: number, text: string) => http.post<MentionActionResult>(`${BASE}/mentions/${enc(String(id))}/reply`, { text }),
  overview: () => http.get<ListeningOverview>(`${BASE}/overview`),

  sources: () => http.get<{ sources: ListeningSource[] }>(`${BASE}/sources`),
  addSource: (body: ListeningSourceInput) => http.post<ListeningSource>(`${BASE}/sources`, body),
  updateSource: (id: number, body: ListeningSourceInput) => http.request<ListeningSource>('PUT', `${BASE}/sources/${enc(String(id))}`, { body }),
  rules: () => http.get<{ rules: KeywordRule[] }>(`${BASE}/rules`),
  addRule: (body: KeywordRuleInput) => http.post<KeywordRule>(`${BASE}/rules`, body),
  updateRule: (id: number, body: KeywordRuleInput) => http.request<KeywordRule>('PUT', `${BASE}/rules/${enc(String(id))}`, { body }),
  importGazetteer: (body: GazetteerImport) => http.post<{ imported: number }>(`${BASE}/gazetteer`, body),
};
