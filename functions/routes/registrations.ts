import { Hono } from 'hono';
import { attendeeSelection, checkInInput } from '../../src/shared/events/schemas.ts';
import type { AppEnv } from '../deps.ts';
import { calendarOf, cancel, checkIn, myRegistrations, registrationByCode } from '../events/registrations.ts';
import { download } from '../http/download.ts';
import { refused, respond } from '../http/respond.ts';
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
  .get('/:code', async (c) =>
    respond(c, await registrationByCode(c.get('deps'), c.get('me'), c.req.param('code'))),
  )
  .post(
    '/:code/cancel',
    requireRole('enterprise', 'admin'),
    validate('json', attendeeSelection),
    async (c) => {
      const { attendeeIds } = c.req.valid('json');
      return respond(c, await cancel(c.get('deps'), signedIn(c), c.req.param('code'), attendeeIds));
    },
  )
  .post('/:code/check-in', requireRole('admin'), validate('json', checkInInput), async (c) => {
    return respond(c, await checkIn(c.get('deps'), c.req.param('code'), c.req.valid('json')));
  })
  .get('/:code/calendar.ics', async (c) => {
    const origin = c.get('deps').origin ?? new URL(c.req.url).origin;
    const result = await calendarOf(c.get('deps'), c.req.param('code'), origin);
    if (!result.ok) return refused(c, result);
    return download(result.value.ics, {
      contentType: 'text/calendar; charset=utf-8',
      fileName: `${result.value.title}.ics`,
      asciiName: 'event.ics',
    });
  });
