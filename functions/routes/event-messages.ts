import { Hono } from 'hono';
import { eventMessageInput } from '../../src/shared/notifications/schemas.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from '../http/errors.ts';
import { requireRole } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { messageRegistrants } from '../notifications/admin.ts';

/** An organizer's message to an event's registrants, by the state of their attendees (mounted at /events). */
export const eventMessages = new Hono<AppEnv>().post(
  '/:slug/messages',
  requireRole('admin'),
  validate('json', eventMessageInput),
  async (c) => {
    const result = await messageRegistrants(c.get('deps'), c.req.param('slug'), c.req.valid('json'));
    return result.ok ? c.json(result.value, 201) : apiError(c, result.status, result.code, result.message);
  },
);
