import { Hono } from 'hono';
import { roleCodes } from '../../src/shared/filings/status.ts';
import {
  addressInput,
  inboxQuery,
  preferencesInput,
  readInput,
  verifyInput,
} from '../../src/shared/notifications/schemas.ts';
import type { AppEnv } from '../deps.ts';
import { respond } from '../http/respond.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';
import {
  addAddress,
  inbox,
  preferences,
  readNotifications,
  updatePreferences,
  verifyAddress,
} from '../notifications/service.ts';

/** The signed-in account's own notifications (站内消息), preferences and addresses; nobody else's, ever. */
export const notifications = new Hono<AppEnv>()
  .use(requireRole(...roleCodes))
  .get('/', validate('query', inboxQuery), async (c) =>
    c.json(await inbox(c.get('deps'), signedIn(c), c.req.valid('query'))),
  )
  .post('/read', validate('json', readInput), async (c) =>
    c.json(await readNotifications(c.get('deps'), signedIn(c), c.req.valid('json'))),
  )
  .get('/preferences', async (c) => c.json(await preferences(c.get('deps'), signedIn(c))))
  .put('/preferences', validate('json', preferencesInput), async (c) =>
    respond(c, await updatePreferences(c.get('deps'), signedIn(c), c.req.valid('json').items)),
  )
  .post('/addresses', validate('json', addressInput), async (c) => {
    const result = await addAddress(c.get('deps'), signedIn(c), c.req.valid('json'));
    return respond(c, result, result.ok && !result.value.codeSent ? 200 : 201);
  })
  .post('/addresses/verify', validate('json', verifyInput), async (c) =>
    respond(c, await verifyAddress(c.get('deps'), signedIn(c), c.req.valid('json'))),
  );
