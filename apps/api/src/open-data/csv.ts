/** CSV (RFC 4180) cells that are safe to open in a spreadsheet. */

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. Text that a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) gets a leading apostrophe; descriptions are typed by anyone.
 * Numbers are written as they are, so a longitude of -3.2 stays a number.
 */
export function csvCell(value: string | null | undefined, numeric = false): string {
  if (value === null || value === undefined) return '';
  const text = !numeric && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: string[]): string {
  return `${cells.join(',')}\r\n`;
}

export const UTF8_BOM = '\uFEFF';
