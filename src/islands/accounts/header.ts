/**
 * The header of a page visited while signed in (the hosts add this script only then): asks who is signed in
 * and shows it. Signed out meanwhile (the session ended): the page keeps its 登录 link.
 */
import { ApiFailure, get } from '../lib/api.ts';
import type { Client } from '../lib/client.ts';
import { showSignedIn } from '../lib/signed-in.ts';

get<Client['api']['auth']['me']['$get']>('/api/auth/me').then(
  ({ me }) => showSignedIn(me),
  (e: unknown) => {
    // 401: the API has cleared the cookies; anything else: the header stays as built, with its 登录 link.
    if (!(e instanceof ApiFailure)) throw e;
  },
);
