import { Hono } from 'hono';
import { attendeeSelection, checkInInput } from '../../src/shared/events/schemas.ts';
import type { AppEnv } from '../deps.ts';
import { calendarFile } from '../events/calendar.ts';
import {
  cancel,
  checkIn,
  myRegistrations,
  registrationByCode,
  registrationForCalendar,
} from '../events/service.ts';
import { download } from '../http/download.ts';
import { apiError } from '../http/errors.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

/**
 * Registrations by confirmation code. Whoever holds the code (the enterprise, the attendee it was forwarded
 * to) may view it, print it and download the calendar file without logging in; phones stay masked unless the
 * viewer is the registering enterprise or an organizer, and only they may cancel (the code is in these URL
 * paths, so it can reach access logs: it must not be enough to take a seat away).
 */
export const registrations = new Hono<AppEnv>()
  .get('/', requireRole('enterprise'), async (c) =>
    c.json({ items: await myRegistrations(c.get('deps'), signedIn(c)) }),
  )
  .get('/:code', async (c) => {
    const result = await registrationByCode(c.get('deps'), c.get('me'), c.req.param('code'));
    return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
  })
  .post(
    '/:code/cancel',
    requireRole('enterprise', 'admin'),
    validate('json', attendeeSelection),
    async (c) => {
      const { attendeeIds } = c.req.valid('json');
      const result = await cancel(c.get('deps'), signedIn(c), c.req.param('code'), attendeeIds);
      return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
    },
  )
  .post('/:code/check-in', requireRole('admin'), validate('json', checkInInput), async (c) => {
    const { event, attendeeIds } = c.req.valid('json');
    const result = await checkIn(c.get('deps'), c.req.param('code'), event, attendeeIds);
    return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
  })
  .get('/:code/calendar.ics', async (c) => {
    const found = await registrationForCalendar(c.get('deps'), c.req.param('code'));
    if (!found) return apiError(c, 404, 'not_found', '未找到该确认码对应的报名，请核对确认码');
    const origin = c.get('deps').origin ?? new URL(c.req.url).origin;
    const file = calendarFile(found.registration, found.event, origin, c.get('deps').now());
    if (!file.ok) throw new Error(`ics: ${file.message}`);
    return download(file.ics, {
      contentType: 'text/calendar; charset=utf-8',
      fileName: `${found.event.title}.ics`,
      asciiName: 'event.ics',
    });
  });
