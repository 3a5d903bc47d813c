/**
 * The roster's entries as the API writes them: as objects for one entry, and
 * as JSON text for a long roster. A month for a thousand people is ~25,000
 * entries (~10 MB); building an object per entry and stringifying it was
 * most of the reply's time, while the entries share a few hundred distinct
 * start/end pairs, so the text of each pair's instants and windows is
 * written once and reused.
 */
import type { EffectiveOccurrence } from './effective-schedule.js';
import { createInstantFormatter, type InstantFormatter } from './instant-format.js';
import { windowBounds } from './windows.js';

/** `oneOffs`: the notes of one-date shifts among them, by shift id. */
export function toRosterJson(
  occurrences: readonly EffectiveOccurrence[],
  zone: string,
  windowMinutes: number,
  oneOffs: ReadonlyMap<number, string | null> = new Map(),
  iso: InstantFormatter = createInstantFormatter(zone),
) {
  return occurrences.map((occurrence) => {
    const start = occurrence.start.toMillis();
    const end = occurrence.end.toMillis();
    const { checkIn, checkOut } = windowBounds(start, end, windowMinutes);
    return {
      date: occurrence.date,
      staff: occurrence.staffId,
      shiftId: occurrence.shiftId,
      start: iso(start),
      end: iso(end),
      checkIn: { opensAt: iso(checkIn.opensAt), closesAt: iso(checkIn.closesAt) },
      checkOut: { opensAt: iso(checkOut.opensAt), closesAt: iso(checkOut.closesAt) },
      swap: occurrence.swapId,
      reassigned: occurrence.reassigned,
      retimed: occurrence.retimed,
      oneOff: oneOffs.has(occurrence.shiftId),
      note: oneOffs.get(occurrence.shiftId) ?? null,
    };
  });
}

export type RosterJsonWriter = (occurrences: readonly EffectiveOccurrence[]) => string;

/**
 * A writer of entries as the members of a JSON array (comma-separated,
 * without the brackets), the same text `JSON.stringify(toRosterJson(…))`
 * gives between its brackets. One writer per reply: it remembers the text of
 * every start/end pair it has written.
 */
export function createRosterJsonWriter(zone: string, windowMinutes: number, oneOffs: ReadonlyMap<number, string | null> = new Map()): RosterJsonWriter {
  const iso = createInstantFormatter(zone);
  const timesText = new Map<number, Map<number, string>>();
  const timesOf = (start: number, end: number) => {
    let byEnd = timesText.get(start);
    if (byEnd === undefined) timesText.set(start, (byEnd = new Map()));
    let text = byEnd.get(end);
    if (text === undefined) {
      const { checkIn, checkOut } = windowBounds(start, end, windowMinutes);
      // Instants are ISO text (digits, '-', ':', '.', 'T', '+'): nothing in them needs escaping.
      text =
        `"start":"${iso(start)}","end":"${iso(end)}",` +
        `"checkIn":{"opensAt":"${iso(checkIn.opensAt)}","closesAt":"${iso(checkIn.closesAt)}"},` +
        `"checkOut":{"opensAt":"${iso(checkOut.opensAt)}","closesAt":"${iso(checkOut.closesAt)}"}`;
      byEnd.set(end, text);
    }
    return text;
  };
  // Most entries differ only in their date, person and shift: those pieces are written once each too.
  const dateText = new Map<string, string>();
  const idsText = new Map<number, string>();
  const plainTail = '"swap":null,"reassigned":false,"retimed":false,"oneOff":false,"note":null}';
  return (occurrences) => {
    const members: string[] = new Array(occurrences.length);
    for (let i = 0; i < occurrences.length; i++) {
      const o = occurrences[i]!;
      let date = dateText.get(o.date);
      if (date === undefined) dateText.set(o.date, (date = `{"date":"${o.date}",`));
      let ids = o.reassigned ? undefined : idsText.get(o.shiftId);
      if (ids === undefined) {
        ids = `"staff":${o.staffId},"shiftId":${o.shiftId},`;
        if (!o.reassigned) idsText.set(o.shiftId, ids);
      }
      const oneOff = oneOffs.has(o.shiftId);
      const tail =
        o.swapId === null && !o.reassigned && !o.retimed && !oneOff
          ? plainTail
          : `"swap":${o.swapId ?? 'null'},"reassigned":${o.reassigned},"retimed":${o.retimed},"oneOff":${oneOff},"note":${oneOff ? JSON.stringify(oneOffs.get(o.shiftId) ?? null) : 'null'}}`;
      members[i] = date + ids + timesOf(o.start.toMillis(), o.end.toMillis()) + ',' + tail;
    }
    return members.join(',');
  };
}
