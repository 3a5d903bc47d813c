/** `/api/settings/`: the organisation's settings, for managers. */
import { Hono } from 'hono';
import { IANAZone, Info } from 'luxon';
import { z } from 'zod';
import { defaultFaceThreshold } from './face-settings.js';
import { currentUser, requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { jsonBody } from '../http/validate.js';
import { payPeriodKinds, roundingChoices } from './pay-rules.js';
import { getSettings, updateSettings, type OrgSettings } from './settings.queries.js';

const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .number({ error: `must be a number of ${unit} from ${min} to ${max}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min} ${unit}`)
    .max(max, `must be at most ${max} ${unit}`);

/** Monday … Sunday: ISO weekday n is entry n − 1. Not the roster's helpers: the roster reads settings, so settings do not import it. */
const weekdayNames = Info.weekdays('long', { locale: 'en' });

/** Hours such as 7.5, to the quarter hour; null turns the rule off. */
const hoursOrOff = (min: number, max: number) =>
  z
    .number({ error: `must be a number of hours from ${min} to ${max}, or null for no limit` })
    .min(min, `must be at least ${min} hours`)
    .max(max, `must be at most ${max} hours`)
    .refine((hours) => Number.isInteger(hours * 4), { message: 'must be a whole number of quarter hours, such as 7.5 or 7.25' })
    .nullable();

const localeMessage = 'must be a language and region such as "en-GB", "en-US" or "de-DE"';

/** A well-formed tag that this server's `Intl` can format dates in (browsers know at least as many). */
function isSupportedLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 1;
  } catch {
    return false;
  }
}

const patchSchema = z
  .object({
    timezone: z
      .string({ error: 'must be an IANA time zone name such as "Europe/London"' })
      .refine((zone) => IANAZone.isValidZone(zone), { message: 'must be an IANA time zone name such as "Europe/London"' })
      .optional(),
    window_minutes: wholeNumber(5, 180, 'minutes').optional(),
    late_grace_minutes: wholeNumber(0, 60, 'minutes').optional(),
    swap_requires_approval: z.boolean({ error: 'must be true or false' }).optional(),
    min_rest_hours: wholeNumber(0, 24, 'hours').optional(),
    rounding_minutes: z
      .number({ error: `must be one of ${roundingChoices.join(', ')} minutes` })
      .refine((value): value is (typeof roundingChoices)[number] => (roundingChoices as readonly number[]).includes(value), {
        message: `must be one of ${roundingChoices.join(', ')} minutes (0 = no rounding)`,
      })
      .optional(),
    break_minutes: wholeNumber(0, 180, 'minutes').optional(),
    break_after_hours: hoursOrOff(0, 24).optional(),
    overtime_daily_hours: hoursOrOff(1, 24).optional(),
    overtime_weekly_hours: hoursOrOff(1, 168).optional(),
    week_starts_on: z
      .string({ error: 'must be a weekday such as "Monday"' })
      .transform((text, ctx) => {
        const day = weekdayNames.findIndex((name) => name.toLowerCase() === text.trim().toLowerCase()) + 1;
        if (day === 0) ctx.addIssue({ code: 'custom', message: 'must be a weekday such as "Monday"' });
        return day;
      })
      .optional(),
    pay_period: z.enum(payPeriodKinds, { error: `must be one of ${payPeriodKinds.join(', ')}` }).optional(),
    pay_period_anchor: z.iso.date({ error: 'must be a real date written YYYY-MM-DD' }).optional(),
    locale: z
      .string({ error: localeMessage })
      .max(35, localeMessage)
      .refine(isSupportedLocale, { message: localeMessage })
      .optional(),
    clock: z.enum(['24h', '12h'], { error: 'must be "24h" or "12h"' }).optional(),
    kiosk_offline_alert_minutes: wholeNumber(1, 1440, 'minutes').optional(),
    face_check: z.enum(['off', 'flag'], { error: 'must be "off" or "flag"' }).optional(),
    face_match_threshold: z
      .number({ error: 'must be a distance from 0.1 to 1.5, or null for the default' })
      .min(0.1, 'must be at least 0.1')
      .max(1.5, 'must be at most 1.5')
      .nullable()
      .optional(),
    photo_retention_days: wholeNumber(0, 3650, 'days').optional(),
    api_check_in: z.enum(['allow', 'refuse'], { error: 'must be "allow" or "refuse"' }).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Send at least one setting to change, such as window_minutes or overtime_daily_hours.',
  })
  .refine((body) => !(body.break_minutes && body.break_minutes > 0 && body.break_after_hours === null), {
    message: 'An unpaid break needs the shift length after which it is deducted. Set that, or make the break 0 minutes.',
    path: ['break_after_hours'],
  });

export function toSettingsJson(settings: OrgSettings) {
  return {
    timezone: settings.timezone,
    window_minutes: settings.windowMinutes,
    late_grace_minutes: settings.lateGraceMinutes,
    swap_requires_approval: settings.swapRequiresApproval,
    min_rest_hours: settings.minRestHours,
    rounding_minutes: settings.roundingMinutes,
    break_minutes: settings.breakMinutes,
    break_after_hours: settings.breakAfterHours,
    overtime_daily_hours: settings.overtimeDailyHours,
    overtime_weekly_hours: settings.overtimeWeeklyHours,
    week_starts_on: weekdayNames[settings.weekStartsOn - 1],
    pay_period: settings.payPeriod,
    pay_period_anchor: settings.payPeriodAnchor,
    locale: settings.locale,
    clock: settings.clock,
    kiosk_offline_alert_minutes: settings.kioskOfflineAlertMinutes,
    face_check: settings.faceCheck,
    face_match_threshold: settings.faceMatchThreshold,
    face_match_threshold_default: defaultFaceThreshold,
    photo_retention_days: settings.photoRetentionDays,
    api_check_in: settings.apiCheckIn,
  };
}

export function createSettingsRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .use(requireManager)
    .get('/', async (c) => c.json(toSettingsJson(await getSettings(db, deps.config.orgTimezone))))
    .patch('/', jsonBody(patchSchema), async (c) => {
      const body = c.req.valid('json');
      await updateSettings(db, currentUser(c.get('user')).id, {
        timezone: body.timezone,
        windowMinutes: body.window_minutes,
        lateGraceMinutes: body.late_grace_minutes,
        swapRequiresApproval: body.swap_requires_approval,
        minRestHours: body.min_rest_hours,
        roundingMinutes: body.rounding_minutes,
        breakMinutes: body.break_minutes,
        breakAfterHours: body.break_after_hours,
        overtimeDailyHours: body.overtime_daily_hours,
        overtimeWeeklyHours: body.overtime_weekly_hours,
        weekStartsOn: body.week_starts_on,
        payPeriod: body.pay_period,
        payPeriodAnchor: body.pay_period_anchor,
        locale: body.locale,
        clock: body.clock,
        kioskOfflineAlertMinutes: body.kiosk_offline_alert_minutes,
        faceCheck: body.face_check,
        faceMatchThreshold: body.face_match_threshold,
        photoRetentionDays: body.photo_retention_days,
        apiCheckIn: body.api_check_in,
      }, deps.clock.now());
      // Faces are kept only while the check is on: the face feature deletes them.
      if (body.face_check) deps.events.emit(body.face_check === 'off' ? 'faceCheckTurnedOff' : 'faceCheckTurnedOn', { by: currentUser(c.get('user')).id, at: deps.clock.now() });
      return c.json(toSettingsJson(await getSettings(db, deps.config.orgTimezone)));
    });
}
