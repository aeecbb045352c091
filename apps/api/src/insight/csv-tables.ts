/**
 * The insight figures as CSV tables: one header and one row shape per download, in the
 * reader's language for the labels. The numbers are the JSON answer's, unchanged.
 */
import type { HotSpotCollection, InsightLabel, Locale, ResponseTimeRow, SupportedReport, Volume, VolumeGroup } from '@groundswell/core';
import type { Cell } from './csv.ts';

export interface CsvTable {
  header: string[];
  rows: Cell[][];
}

const name = (label: InsightLabel, locale: Locale) => (typeof label === 'string' ? label : (label[locale] ?? label.en ?? Object.values(label)[0] ?? ''));

export function volumeTable(volume: Volume, by: VolumeGroup, locale: Locale): CsvTable {
  return {
    header: ['month', 'group', 'key', 'label', 'count'],
    rows: volume.series.flatMap((s) => volume.months.map((m, i) => [m, by, s.key, name(s.label, locale), s.counts[i]])),
  };
}

const TIMING_COLUMNS: Array<[string, (x: ResponseTimeRow) => Cell]> = [
  ['promise_days_min', (x) => x.promiseDaysMin],
  ['promise_days_max', (x) => x.promiseDaysMax],
  ['reports', (x) => x.reports],
  ['acknowledged', (x) => x.acknowledged],
  ['acknowledge_median_days', (x) => x.acknowledgeMedianDays],
  ['acknowledge_p90_days', (x) => x.acknowledgeP90Days],
  ['resolved', (x) => x.resolved],
  ['resolve_median_days', (x) => x.resolveMedianDays],
  ['resolve_p90_days', (x) => x.resolveP90Days],
  ['due', (x) => x.due],
  ['within_promise', (x) => x.withinPromise],
  ['share_within_promise', (x) => x.shareWithinPromise],
  ['reopened_by_residents', (x) => x.reopenedByResidents],
];

export function timingTable(rows: ResponseTimeRow[], locale: Locale): CsvTable {
  return {
    header: ['key', 'label', ...TIMING_COLUMNS.map(([h]) => h)],
    rows: rows.map((x) => [x.key, name(x.label, locale), ...TIMING_COLUMNS.map(([, value]) => value(x))]),
  };
}

export function topTable(reports: SupportedReport[], locale: Locale): CsvTable {
  return {
    header: ['id', 'category', 'category_name', 'state', 'support_count', 'area', 'team', 'created_at', 'longitude', 'latitude'],
    rows: reports.map((x) => [x.id, x.category, name(x.categoryName, locale), x.state, x.supportCount, x.area, x.team, x.createdAt, x.point.coordinates[0], x.point.coordinates[1]]),
  };
}

export function hotSpotTable(hex: HotSpotCollection): CsvTable {
  return {
    header: ['i', 'j', 'count', 'compare_count', 'difference', 'period_from', 'period_to', 'compare_from', 'compare_to', 'wkt'],
    rows: hex.features.map((h) => [
      h.properties.i,
      h.properties.j,
      h.properties.count,
      h.properties.compareCount,
      h.properties.difference,
      hex.period.from,
      hex.period.to,
      hex.comparePeriod.from,
      hex.comparePeriod.to,
      `POLYGON((${h.geometry.coordinates[0]!.map((p) => `${p[0]} ${p[1]}`).join(',')}))`,
    ]),
  };
}
