import type { Database } from '../db/database.ts';

/** Everything the app needs that differs between hosts. Built by a host, handed in, never imported. */
export type Deps = {
  db: Database;
  /** Current time; tests pass a fixed clock. */
  now: () => Date;
  /** Public origin of the site, e.g. https://cqo.example.gov.cn, for same-origin checks and links. */
  origin?: string;
  /** Where the request came from, for throttling; never logged with personal data. */
  clientIp?: (request: Request) => string | undefined;
};

export type AppEnv = { Variables: { deps: Deps } };
