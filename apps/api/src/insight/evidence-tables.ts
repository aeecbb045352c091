/** The evidence figures as CSV tables: the JSON answer's numbers, one row each. */
import type { CallComparison, ChaserRow, ListeningResponsivenessRow } from '@groundswell/core';
import type { CsvTable } from './csv-tables.ts';

export function listeningTable(rows: ListeningResponsivenessRow[]): CsvTable {
  return {
    header: ['source_kind', 'month', 'received', 'converted_or_attached', 'share_converted_or_attached', 'answered', 'share_answered', 'median_hours_to_first_reply'],
    rows: rows.map((r) => [r.sourceKind, r.month, r.received, r.convertedOrAttached, r.shareConvertedOrAttached, r.answered, r.shareAnswered, r.medianHoursToFirstReply]),
  };
}

export function chaserTable(rows: ChaserRow[]): CsvTable {
  return {
    header: ['month', 'category', 'channel', 'reports', 'chased', 'chasers', 'share_chased', 'chasers_per_report'],
    rows: rows.map((r) => [r.month, r.category, r.channel, r.reports, r.chased, r.chasers, r.shareChased, r.chasersPerReport]),
  };
}

/** One line per category and week, with the category's before/after means and the comparison's figures repeated, so a spreadsheet can pivot on any of them. */
export function callTable(c: CallComparison): CsvTable {
  return {
    header: ['week', 'category', 'promoted', 'side', 'calls', 'web_reports', 'mentions', 'mean_calls_before', 'mean_calls_after', 'change', 'go_live', 'difference_in_differences'],
    rows: c.categories.flatMap((r) =>
      r.weeks.map((w) => [
        w.week,
        r.category,
        r.promoted,
        c.goLive && w.week >= c.goLive ? 'after' : 'before',
        w.calls,
        w.webReports,
        w.mentions,
        r.before.meanCalls,
        r.after.meanCalls,
        r.change,
        c.goLive,
        c.differenceInDifferences,
      ]),
    ),
  };
}
