/** Weekday names as people and the original API write them; ISO numbers (1 = Monday) inside. */

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type WeekdayName = (typeof weekdayNames)[number];
/** ISO weekday, as luxon's `DateTime#weekday`: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** `Monday`, `monday`, `Mon` → 1; anything else → `undefined`. */
export function parseWeekday(text: string): Weekday | undefined {
  const wanted = text.trim().toLowerCase();
  if (wanted.length < 3) return undefined;
  const index = weekdayNames.findIndex((name) => {
    const lower = name.toLowerCase();
    return lower === wanted || lower.slice(0, 3) === wanted;
  });
  return index === -1 ? undefined : ((index + 1) as Weekday);
}

export function weekdayName(day: number): WeekdayName {
  const name = weekdayNames[day - 1];
  if (!name) throw new RangeError(`Not an ISO weekday: ${day}`);
  return name;
}

export type WeeklyOffsResult = { ok: true; days: Weekday[] } | { ok: false; message: string };

/**
 * Weekly days off from `"Saturday,Sunday"` or `["Saturday", "Sunday"]`:
 * one or two distinct, known weekdays, returned in week order.
 */
export function parseWeeklyOffs(input: string | readonly string[]): WeeklyOffsResult {
  const parts = (typeof input === 'string' ? input.split(',') : [...input]).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'must name one or two weekdays, such as "Saturday,Sunday"' };
  const days: Weekday[] = [];
  for (const part of parts) {
    const day = parseWeekday(part);
    if (day === undefined) return { ok: false, message: `"${part}" is not a weekday (use Monday … Sunday)` };
    if (days.includes(day)) return { ok: false, message: `${weekdayName(day)} is listed twice` };
    days.push(day);
  }
  if (days.length > 2) return { ok: false, message: `a staff member has one or two weekly days off, not ${days.length}` };
  return { ok: true, days: days.sort((a, b) => a - b) };
}

export function formatWeeklyOffs(days: readonly number[]): string {
  return days.map(weekdayName).join(',');
}
