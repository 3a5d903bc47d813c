/** Timesheet cells that a spreadsheet would run as a formula are written as text. */
import assert from 'node:assert/strict';
import { test } from 'uvu';
import { escapeFormula } from '../../server/timesheets/csv-cells.js';

test('a cell starting with = + - @, a tab or a carriage return gets a leading quote', () => {
  for (const cell of ['=HYPERLINK("http://evil","x")', '+1', '-1', '@SUM(A1)', '\tTab', '\rCR', '=', '-']) {
    assert.equal(escapeFormula(cell), `'${cell}`, JSON.stringify(cell));
  }
});

test('every other cell is left as it is', () => {
  for (const cell of ['', 'Asha', 'Lee, Bo', ' =1', "'=1", '2026-11-23 09:00', '8.00', 'a=b', 'on_time', 'Zoë', '\n=1']) {
    assert.equal(escapeFormula(cell), cell, JSON.stringify(cell));
  }
});

test.run();
