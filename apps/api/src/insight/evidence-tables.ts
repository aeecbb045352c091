/** The evidence figures as CSV tables: the JSON answer's numbers, one row each. */
import type { ChaserRow, ListeningResponsivenessRow } from '@groundswell/core';
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
