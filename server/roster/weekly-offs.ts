/**
 * Whether a person's weekly days off may change: no template shift may
 * start on a new day off, and neither may a shift they took over for one
 * date (a swap, a manager's change) in the weeks ahead. The one check, for
 * whoever changes days off.
 */
import { DateTime } from 'luxon';
import type { Queryable } from '../../storage/database.js';
import type { RuleVerdict } from '../domain-error.js';
import { getSettings } from '../settings/settings.queries.js';
import { weekdayOf } from './occurrences.js';
import { loadEffectiveOccurrences } from './roster.queries.js';
import { describeOccurrence } from './schedule-rules.js';
import { datedCheckDays, type ScheduleContext } from './shifts.service.js';
import { listVersionsFrom } from './shifts.queries.js';
import { localDateOf } from '../clock.js';
import { describeShift, shiftsOnDays } from './template-rules.js';
import type { Weekday } from './weekdays.js';

/** Call inside the transaction that holds the person's scheduling lock (`lockStaffForScheduling`). */
export async function checkWeeklyOffsChange(tx: Queryable, staffId: number, weeklyOffs: readonly Weekday[], context: ScheduleContext): Promise<RuleVerdict<'shift_on_weekly_off'>> {
  const settings = await getSettings(tx, context.defaultTimezone);
  const clashes = shiftsOnDays(await listVersionsFrom(tx, { staffId, from: localDateOf(context.now, settings.timezone) }), weeklyOffs);
  if (clashes.length > 0) {
    return {
      ok: false,
      code: 'shift_on_weekly_off',
      message: `These days cannot be days off while shifts start on them: ${clashes.map(describeShift).join(', ')}. Move or remove those shifts first.`,
    };
  }
  const today = DateTime.fromJSDate(context.now).setZone(settings.timezone);
  const coming = await loadEffectiveOccurrences(tx, {
    from: today.toISODate()!,
    to: today.plus({ days: datedCheckDays }).toISODate()!,
    zone: settings.timezone,
    staffIds: [staffId],
  });
  const onNewOffs = coming.filter((o) => o.start.toMillis() > context.now.getTime() && weeklyOffs.includes(weekdayOf(o.date) as Weekday));
  if (onNewOffs.length > 0) {
    return {
      ok: false,
      code: 'shift_on_weekly_off',
      message: `These days cannot be days off while this person works shifts on them: ${onNewOffs.map(describeOccurrence).join(', ')}. Move those shifts first.`,
    };
  }
  return { ok: true };
}
