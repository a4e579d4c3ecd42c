import { Hono } from 'hono';
import { eventMessageInput } from '../../src/shared/notifications/schemas.ts';
import type { AppEnv } from '../deps.ts';
import { respond } from '../http/respond.ts';
import { requireRole } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { messageRegistrants } from '../notifications/admin.ts';

/** An organizer's message to an event's registrants, by the state of their attendees (mounted at /events). */
export const eventMessages = new Hono<AppEnv>().post(
  '/:slug/messages',
  requireRole('admin'),
  validate('json', eventMessageInput),
  async (c) =>
    respond(c, await messageRegistrants(c.get('deps'), c.req.param('slug'), c.req.valid('json')), 201),
);
