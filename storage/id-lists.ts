/**
 * A list of ids in a query as one array parameter: `in ($1, …, $500)` for
 * the 500 people on today's board cost the embedded database about twice
 * the time of `= any('{…}'::int[])` to parse and plan (measured beside the
 * Live page's snapshot, bench/admin-live.ts), and the same plan results.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** `column = any(ids)`; never true for an empty list. */
export function isAnyOf(column: SQLWrapper, ids: readonly number[]): SQL {
  if (!ids.every(Number.isSafeInteger)) throw new TypeError('isAnyOf takes integer ids only');
  return sql`${column} = any(${`{${ids.join(',')}}`}::int[])`;
}
