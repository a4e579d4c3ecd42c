import { Hono } from 'hono';
import { rosterOf } from '../../db/queries/events/attendees.ts';
import { findEventWithCounts } from '../../db/queries/events/events.ts';
import { eventCreate, eventUpdate, registrationInput } from '../../src/shared/events/schemas.ts';
import { formatNumericDate } from '../../src/shared/formats.ts';
import type { AppEnv } from '../deps.ts';
import { rosterWorkbook } from '../events/roster-export.ts';
import { createEvent, getEvent, listEvents, register, roster, updateEvent } from '../events/service.ts';
import { download, XLSX_TYPE } from '../http/download.ts';
import { apiError } from '../http/errors.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const events = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ items: await listEvents(c.get('deps')) }))
  .post('/', requireRole('admin'), validate('json', eventCreate), async (c) => {
    const result = await createEvent(c.get('deps'), c.req.valid('json'));
    return result.ok
      ? c.json(result.value, 201)
      : apiError(c, result.status, result.code, result.message, result.fields);
  })
  .get('/:slug', async (c) => {
    const result = await getEvent(c.get('deps'), c.req.param('slug'));
    return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
  })
  .put('/:slug', requireRole('admin'), validate('json', eventUpdate), async (c) => {
    const result = await updateEvent(c.get('deps'), c.req.param('slug'), c.req.valid('json'));
    return result.ok
      ? c.json(result.value)
      : apiError(c, result.status, result.code, result.message, result.fields);
  })
  .post('/:slug/registrations', requireRole('enterprise'), validate('json', registrationInput), async (c) => {
    const result = await register(c.get('deps'), signedIn(c), c.req.param('slug'), c.req.valid('json'));
    if (!result.ok) return apiError(c, result.status, result.code, result.message, result.fields);
    // A repeated submission (same idempotency key) answers with the registration it made the first time.
    return c.json(result.value.registration, result.value.created ? 201 : 200);
  })
  .get('/:slug/roster', requireRole('admin'), async (c) => {
    const result = await roster(c.get('deps'), c.req.param('slug'));
    return result.ok ? c.json(result.value) : apiError(c, result.status, result.code, result.message);
  })
  .get('/:slug/roster.xlsx', requireRole('admin'), async (c) => {
    const { db, now } = c.get('deps');
    const event = await findEventWithCounts(db, { slug: c.req.param('slug') });
    if (!event) return apiError(c, 404, 'not_found', '未找到该活动');
    const bytes = await rosterWorkbook(await rosterOf(db, event.id));
    // The organizers' date (China time), not UTC's: an export at 07:00 in Changchun is still that day.
    const fileName = `${event.title}-参会名单-${formatNumericDate(now())}.xlsx`;
    return download(bytes, { contentType: XLSX_TYPE, fileName, asciiName: 'roster.xlsx' });
  });
