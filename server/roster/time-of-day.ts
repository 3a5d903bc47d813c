/** Local times of day (`HH:MM` or `HH:MM:SS`) as shifts are written. */

export type TimeOfDay = { hour: number; minute: number; second: number };

const pattern = /^([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$/;

export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const match = pattern.exec(text.trim());
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: Number(match[2]), second: Number(match[3] ?? 0) };
}

/** Seconds since local midnight. */
export function secondsOfDay(time: TimeOfDay): number {
  return time.hour * 3600 + time.minute * 60 + time.second;
}

/** `HH:MM:SS`, as the original API and the database's `time` type write it. */
export function formatTimeOfDay(time: TimeOfDay): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
}

/** `HH:MM`, for messages to people (seconds are nearly always zero). */
export function shortTime(text: string): string {
  const time = parseTimeOfDay(text);
  if (!time) return text;
  return time.second === 0 ? formatTimeOfDay(time).slice(0, 5) : formatTimeOfDay(time);
}

/** Whether a shift from `startTime` to `endTime` runs into the next day: its end is not after its start. */
export function endsNextDay(startTime: string, endTime: string): boolean {
  return secondsOfDay(parseTimeOfDay(endTime)!) <= secondsOfDay(parseTimeOfDay(startTime)!);
}
