/** Query parameters shared by the open-data outputs (exports, feeds, tiles). */
import { z } from 'zod';
import { ReportQuerySchema, isoTimeParam } from '@groundswell/core';
import type { OpenDataFilter } from '@groundswell/db';

const codes = (what: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      if (!parts.every((p) => /^[a-z0-9_-]{1,64}$/i.test(p))) {
        ctx.addIssue({ code: 'custom', message: `${what} must be one or more codes, comma-separated` });
        return z.NEVER;
      }
      return parts;
    })
    .optional();

/** Checked strictly (no "-1" read as a year, no 31 February) and passed on as a UTC timestamp. */
const isoTime = (what: string) => isoTimeParam(what).optional();

export const CategoryListSchema = codes('category').meta({ description: 'One or more category codes, comma-separated' });
export const AreaListSchema = codes('area').meta({ description: 'One or more council area codes, comma-separated' });

/** Filters of the GeoJSON and CSV exports. */
export const ExportQuerySchema = z.object({
  bbox: ReportQuerySchema.shape.bbox,
  category: CategoryListSchema,
  state: ReportQuerySchema.shape.state,
  area: AreaListSchema,
  since: isoTime('since').meta({ description: 'Only reports changed (or created) at or after this time' }),
  until: isoTime('until').meta({ description: 'Only reports created at or before this time' }),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;

export function exportFilter(q: ExportQuery): OpenDataFilter {
  return {
    ...(q.bbox ? { bbox: q.bbox } : {}),
    ...(q.category ? { categories: q.category } : {}),
    ...(q.state ? { states: q.state } : {}),
    ...(q.area ? { areas: q.area } : {}),
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
  };
}
