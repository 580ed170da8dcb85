// RFC 4180 CSV, safe to open in a spreadsheet (quality §3.6): a cell that a spreadsheet would read
// as a formula (starting with = + - @, tab or carriage return) is prefixed with an apostrophe, and every
// cell is quoted when it holds a quote, comma or line break. Lines end with CRLF.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
