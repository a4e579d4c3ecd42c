import { Hono } from 'hono';
import { credentials, passwordChange, registration } from '../../src/shared/accounts/requests.ts';
import { changePassword, describeMe, registerEnterprise, signIn } from '../accounts/service.ts';
import { endSession } from '../accounts/sessions.ts';
import type { AppEnv } from '../deps.ts';
import { apiError } from '../http/errors.ts';
import { refused } from '../http/respond.ts';
import { clearSessionCookie, requireSignIn, sessionToken, setSessionCookie } from '../http/session.ts';
import { validate } from '../http/validate.ts';

export const auth = new Hono<AppEnv>()
  .post('/register', validate('json', registration), async (c) => {
    const deps = c.get('deps');
    const result = await registerEnterprise(deps, c.req.valid('json'), deps.clientIp?.(c));
    if (!result.ok) return refused(c, result, { field: 'uscc' });
    setSessionCookie(c, result.value.token, 'enterprise');
    return c.json({ me: await describeMe(c.get('deps'), result.value.account) }, 201);
  })
  .post('/login', validate('json', credentials), async (c) => {
    const deps = c.get('deps');
    const { login, password } = c.req.valid('json');
    const result = await signIn(deps, login, password, deps.clientIp?.(c));
    if (!result.ok) return refused(c, result);
    setSessionCookie(c, result.value.token, result.value.account.role);
    return c.json({ me: await describeMe(deps, result.value.account) });
  })
  .post('/logout', async (c) => {
    const token = sessionToken(c);
    if (token) await endSession(c.get('deps').db, token);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get('/me', requireSignIn(), async (c) => {
    const me = c.get('me');
    if (!me) return apiError(c, 401, 'unauthenticated', '请先登录');
    return c.json({ me: await describeMe(c.get('deps'), me) });
  })
  .post('/password', requireSignIn(), validate('json', passwordChange), async (c) => {
    const me = c.get('me');
    if (!me) return apiError(c, 401, 'unauthenticated', '请先登录');
    const deps = c.get('deps');
    const { currentPassword, newPassword } = c.req.valid('json');
    const result = await changePassword(deps, me.id, currentPassword, newPassword, deps.clientIp?.(c));
    if (!result.ok) return refused(c, result, { field: 'currentPassword' });
    setSessionCookie(c, result.value.token, me.role);
    return c.json({ me: await describeMe(c.get('deps'), { ...me, mustChangePassword: false }) });
  });
