/**
 * CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read accents) for the insight downloads.
 * Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers are
 * written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type Cell = string | number | boolean | null | undefined;

export function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function csvHeaders(filename: string): Record<string, string> {
  return { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` };
}
