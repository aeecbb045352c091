/** `/api/me`: a resident's own reports and follows, behind the sign-in link we email. */
import type { ResidentData, ResidentErased, ResidentStopped } from '@groundswell/core/schemas';
import { createHttp } from '../api/http.ts';
import { locale } from '../i18n/index.ts';

const http = createHttp({ language: locale });

export const askForLink = (email: string) => http.post<{ sent: true }>('/api/me/link', { email, locale: locale() });
export const openSession = (token: string) => http.post<{ email: string }>('/api/me/session', { token });
export const fetchMyData = (signal?: AbortSignal) => http.get<ResidentData>('/api/me', signal);
export const stopAllEmails = () => http.post<ResidentStopped>('/api/me/stop-emails');
export const eraseMyContacts = () => http.post<ResidentErased>('/api/me/erase');
export const signOut = () => http.post<{ signedOut: true }>('/api/me/sign-out');
