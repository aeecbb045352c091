import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ConsoleContext } from '../context.ts';
import { staffApi } from '../api.ts';
import type { StaffReport, StaffReportDetail, Template } from '../types.ts';

/** What an action form gets: the report, the console's set-up, and how to finish. */
export interface ActionProps {
  ctx: ConsoleContext;
  report: StaffReportDetail;
  /** Officers who can be offered for assignment. */
  officers: readonly { id: string; name: string }[];
  /** The reports in the list (merge candidates). */
  listed: readonly StaffReport[];
  map: MapLibreMap | undefined;
  setEditing: (on: boolean) => void;
  /** The change is saved: reload, close the form, and say so. */
  done: (message: string) => void;
  cancel: () => void;
}

const cache = new Map<string, Promise<Template[]>>();

/** Response templates for a category (and the general ones), fetched once per category. */
export function templatesFor(category: string | undefined): Promise<Template[]> {
  const key = category ?? '';
  let found = cache.get(key);
  if (!found) {
    found = staffApi.templates(category).then((r) => r.templates);
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** A `{placeholder}` still in the text, if any: the officer must fill it before sending. */
export function leftPlaceholder(text: string): string | undefined {
  return /\{\w+\}/.exec(text)?.[0];
}

/** Today plus some days, as YYYY-MM-DD in local time. */
export function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
