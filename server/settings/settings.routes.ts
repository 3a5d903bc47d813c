/** `/api/settings/`: the organisation's settings, for managers. */
import { Hono } from 'hono';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { requireManager } from '../auth/authenticate.js';
import type { AppDeps, AppEnv } from '../http/app-env.js';
import { jsonBody } from '../http/validate.js';
import { getSettings, updateSettings, type OrgSettings } from './settings.queries.js';

const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .number({ error: `must be a number of ${unit} from ${min} to ${max}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min} ${unit}`)
    .max(max, `must be at most ${max} ${unit}`);

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
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'Send at least one of timezone, window_minutes, late_grace_minutes, swap_requires_approval, min_rest_hours.',
  });

export function toSettingsJson(settings: OrgSettings) {
  return {
    timezone: settings.timezone,
    window_minutes: settings.windowMinutes,
    late_grace_minutes: settings.lateGraceMinutes,
    swap_requires_approval: settings.swapRequiresApproval,
    min_rest_hours: settings.minRestHours,
  };
}

export function createSettingsRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .use(requireManager)
    .get('/', async (c) => c.json(toSettingsJson(await getSettings(db, deps.config.orgTimezone))))
    .patch('/', jsonBody(patchSchema), async (c) => {
      const body = c.req.valid('json');
      await updateSettings(db, {
        timezone: body.timezone,
        windowMinutes: body.window_minutes,
        lateGraceMinutes: body.late_grace_minutes,
        swapRequiresApproval: body.swap_requires_approval,
        minRestHours: body.min_rest_hours,
      });
      return c.json(toSettingsJson(await getSettings(db, deps.config.orgTimezone)));
    });
}
