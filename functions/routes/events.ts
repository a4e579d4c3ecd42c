import { Hono } from 'hono';
import { eventCreate, eventUpdate, registrationInput } from '../../src/shared/events/schemas.ts';
import { formatNumericDate } from '../../src/shared/formats.ts';
import type { AppEnv } from '../deps.ts';
import { register } from '../events/registrations.ts';
import { createEvent, getEvent, listEvents, roster, rosterFile, updateEvent } from '../events/service.ts';
import { download, XLSX_TYPE } from '../http/download.ts';
import { refused, respond } from '../http/respond.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const events = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ items: await listEvents(c.get('deps')) }))
  .post('/', requireRole('admin'), validate('json', eventCreate), async (c) =>
    respond(c, await createEvent(c.get('deps'), c.req.valid('json')), 201),
  )
  .get('/:slug', async (c) => respond(c, await getEvent(c.get('deps'), c.req.param('slug'))))
  .put('/:slug', requireRole('admin'), validate('json', eventUpdate), async (c) =>
    respond(c, await updateEvent(c.get('deps'), c.req.param('slug'), c.req.valid('json'))),
  )
  .post('/:slug/registrations', requireRole('enterprise'), validate('json', registrationInput), async (c) => {
    const result = await register(c.get('deps'), signedIn(c), c.req.param('slug'), c.req.valid('json'));
    if (!result.ok) return refused(c, result);
    // A repeated submission (same idempotency key) answers with the registration it made the first time.
    return c.json(result.value.registration, result.value.created ? 201 : 200);
  })
  .get('/:slug/roster', requireRole('admin'), async (c) =>
    respond(c, await roster(c.get('deps'), c.req.param('slug'))),
  )
  .get('/:slug/roster.xlsx', requireRole('admin'), async (c) => {
    const result = await rosterFile(c.get('deps'), c.req.param('slug'));
    if (!result.ok) return refused(c, result);
    // The organizers' date (China time), not UTC's: an export at 07:00 in Changchun is still that day.
    const fileName = `${result.value.title}-参会名单-${formatNumericDate(c.get('deps').now())}.xlsx`;
    return download(result.value.bytes, { contentType: XLSX_TYPE, fileName, asciiName: 'roster.xlsx' });
  });
