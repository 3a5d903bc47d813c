/**
 * Formula injection ("CSV injection", OWASP): a spreadsheet opening the
 * timesheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula, so a staff name like `=HYPERLINK(...)` could
 * send a manager's data anywhere. Such a cell is prefixed with `'`, which
 * spreadsheets read as "this is text".
 *
 * @example
 *   escapeFormula('=SUM(A1)'); // "'=SUM(A1)"
 *   escapeFormula('Asha');     // "Asha"
 */
const formulaStart = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}
