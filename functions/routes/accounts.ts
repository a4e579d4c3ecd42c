import { Hono } from 'hono';
import { passwordReset, staffAccount } from '../../src/shared/accounts/requests.ts';
import { accountList, createStaffAccount, resetAccountPassword, setDisabled } from '../accounts/reviewers.ts';
import type { AppEnv } from '../deps.ts';
import { respond } from '../http/respond.ts';
import { requireRole, signedIn } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const accounts = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => respond(c, await accountList(c.get('deps'))))
  .post('/', validate('json', staffAccount), async (c) =>
    respond(c, await createStaffAccount(c.get('deps'), c.req.valid('json')), 201, { field: 'login' }),
  )
  .post('/:id/disable', async (c) =>
    respond(c, await setDisabled(c.get('deps'), signedIn(c), c.req.param('id'), true)),
  )
  .post('/:id/password', validate('json', passwordReset), async (c) => {
    const { password } = c.req.valid('json');
    return respond(c, await resetAccountPassword(c.get('deps'), signedIn(c), c.req.param('id'), password));
  })
  .post('/:id/enable', async (c) =>
    respond(c, await setDisabled(c.get('deps'), signedIn(c), c.req.param('id'), false)),
  );
