import type { Context } from 'hono';
import type { Database } from '../db/database.ts';
import type { AccountRow } from '../db/queries/accounts/accounts.ts';
import type { ScryptCost } from './accounts/password.ts';
import type { FileStore } from './files/file-store.ts';
import type { NotificationSetup } from './notifications/channels.ts';
import type { IdKeys } from './privacy/id-crypto.ts';

/** Everything the app needs that differs between hosts. Built by a host, handed in, never imported. */
export type Deps = {
  db: Database;
  files: FileStore;
  /** Keys for the 身份证号 (AES-GCM encryption and keyed hash). */
  idKeys: IdKeys;
  /** Current time; tests pass their own clock. */
  now: () => Date;
  /**
   * Public origin (e.g. https://cqo.example.gov.cn): the one the same-origin check accepts, with `localOrigins`.
   * When neither is set, the request's own origin is accepted (a Worker reached only through its routes).
   */
  origin?: string;
  /** The Node host's own addresses (http://localhost:PORT, http://127.0.0.1:PORT), accepted like `origin`. */
  localOrigins?: string[];
  /** Client address for login throttling, read from the host's request context; never logged. */
  clientIp?: (c: Context) => string | undefined;
  /**
   * The host sits behind a reverse proxy it trusts (TRUST_PROXY=1): its X-Forwarded-Proto tells whether the
   * browser used HTTPS, which decides the session cookie's `__Host-` prefix and Secure flag.
   */
  trustProxy?: boolean;
  /** DEMO_DATA=off: accounts flagged demo (published password) cannot sign in, and their sessions end. */
  refuseDemoAccounts?: boolean;
  /** scrypt cost for new password hashes; defaults to OWASP's. */
  passwordCost?: ScryptCost;
  /** Per-address limit of the public registry endpoints (default 600 a minute); tests and the bench set their own. */
  publicRateLimit?: { requests: number; windowMs: number };
  /** Mail and SMS transports (absent: that channel is off; the inbox is always on). */
  notifications?: NotificationSetup;
};

export type SignedIn = AccountRow & { sessionId: string };

export type AppEnv = { Variables: { deps: Deps; me: SignedIn | undefined } };
