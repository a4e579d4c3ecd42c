import { Hono } from 'hono';
import { deliveriesQuery } from '../../src/shared/notifications/schemas.ts';
import type { AppEnv } from '../deps.ts';
import { respond } from '../http/respond.ts';
import { requireRole } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import { deliveryLog, retryDelivery } from '../notifications/admin.ts';

/** The notification delivery log (admins only): every delivery, masked, with counts per state. */
export const deliveries = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', validate('query', deliveriesQuery), async (c) =>
    c.json(await deliveryLog(c.get('deps'), c.req.valid('query'))),
  )
  .post('/:id/retry', async (c) => respond(c, await retryDelivery(c.get('deps'), c.req.param('id'))));
