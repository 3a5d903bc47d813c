/**
 * The weekly template's versions, as the schedule is computed from them.
 * Every roster, board, kiosk PIN and timesheet reads them, and they change
 * a few times a week, so each process keeps them in memory with the
 * `template_revision` count it read them at; a read checks the count (one
 * small row) and reads the versions again only when it moved. The count is
 * bumped by the database as a change commits (migration 0021), so another
 * process's change is seen on the next read, without waiting for a message.
 */
import { and, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../storage/database.js';
import { shifts, shiftVersions, staff, templateRevision } from '../../storage/schema.js';
import type { DatedShift } from './occurrences.js';

type VersionTuple = [id: number, staffId: number, dayOfWeek: number, startTime: string, endTime: string, validFrom: string, validTo: string | null];

/** Nobody is scheduled before they started: a version runs from the later of its own start and its owner's. */
const versionJson = sql<string>`coalesce(json_agg(json_build_array(
  ${shifts.id}, ${shifts.staffId}, ${shiftVersions.dayOfWeek}, ${shiftVersions.startTime}, ${shiftVersions.endTime},
  greatest(${shiftVersions.validFrom}, ${staff.startedOn}), ${shiftVersions.validTo}
)), '[]')::text`;

// As one JSON text: the embedded database gave the rows for today's board (500 people) in half the time that way.
const fromTuples = (json: string): DatedShift[] =>
  (JSON.parse(json) as VersionTuple[]).map(([id, staffId, dayOfWeek, startTime, endTime, validFrom, validTo]) => ({ id, staffId, dayOfWeek, startTime, endTime, validFrom, validTo }));

/** The versions with their owners, as one JSON text, beside `also`. */
const selectVersions = <T extends Record<string, SQL>>(db: Queryable, also: T) =>
  db
    .select({ ...also, json: versionJson })
    .from(shiftVersions)
    .innerJoin(shifts, eq(shifts.id, shiftVersions.shiftId))
    .innerJoin(staff, eq(staff.id, shifts.staffId));

const runsIn = (from: string, to: string) => (version: DatedShift) => version.validFrom! <= to && (version.validTo == null || version.validTo >= from);

/** Per database: the versions as last read, and the count they were read at (null: the row was emptied away). */
const remembered = new WeakMap<object, { revision: number | null; versions: DatedShift[] }>();

/**
 * Versions that run on some date of `from`…`to`, with their owners' start
 * dates; of the shifts `which` picks, if given (`inSql` says the same in SQL,
 * for a transaction, which reads only what it needs).
 */
export async function versionsInRange(
  db: Queryable,
  range: { from: string; to: string },
  which?: { picks: (version: DatedShift) => boolean; inSql: SQL | undefined },
): Promise<DatedShift[]> {
  // A transaction reads what it sees itself (its own changes count only once it commits).
  if (db instanceof PgTransaction) {
    const [row] = await selectVersions(db, {}).where(
      and(lte(shiftVersions.validFrom, range.to), or(isNull(shiftVersions.validTo), gte(shiftVersions.validTo, range.from)), which?.inSql),
    );
    return fromTuples(row!.json);
  }
  const inRange = runsIn(range.from, range.to);
  const picked = which ? (version: DatedShift) => inRange(version) && which.picks(version) : inRange;
  return (await templateVersions(db)).filter(picked);
}

async function templateVersions(db: Queryable): Promise<readonly DatedShift[]> {
  const known = remembered.get(db);
  if (known) {
    const [row] = await db.select({ revision: templateRevision.revision }).from(templateRevision);
    if ((row?.revision ?? null) === known.revision) return known.versions;
  }
  // The count and the versions in one statement, so both are of one moment.
  const [row] = await selectVersions(db, { revision: sql<string | null>`(select ${templateRevision.revision} from ${templateRevision})` });
  const read = { revision: row!.revision === null ? null : Number(row!.revision), versions: fromTuples(row!.json) };
  remembered.set(db, read);
  return read.versions;
}
