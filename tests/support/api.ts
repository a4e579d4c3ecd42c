/** Calls the API in-process (app.request) as a browser would: same Origin, cookies kept per client. */
import { createApp } from '../../functions/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../../functions/demo/seed.ts';
import type { Deps } from '../../functions/deps.ts';
import { tempDatabase, testDeps } from './server.ts';

export const ORIGIN = 'http://localhost';

export type Reply<T = any> = { status: number; body: T; headers: Headers; text: string };

export class Client {
  cookie: string | undefined;
  readonly app: ReturnType<typeof createApp>;
  readonly headers: Record<string, string>;
  constructor(app: ReturnType<typeof createApp>, headers: Record<string, string> = { Origin: ORIGIN }) {
    this.app = app;
    this.headers = headers;
  }

  async send<T = any>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const isForm = body instanceof FormData;
    const res = await this.app.request(`${ORIGIN}${path}`, {
      method,
      headers: {
        ...this.headers,
        ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...extra,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = /=$/.test(pair) || /Max-Age=0/i.test(setCookie) ? undefined : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get = <T = any>(path: string) => this.send<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.send<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body: unknown) => this.send<T>('PUT', path, body);
  del = <T = any>(path: string) => this.send<T>('DELETE', path);

  async login(login: string, password = DEMO_PASSWORD) {
    const r = await this.post('/api/auth/login', { login, password });
    if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status} ${r.text}`);
    return this;
  }
}

/** A migrated database with the demo data, an app over it, and a clock the test can move; `overrides` replace deps. */
export async function demoWorld(overrides: Partial<Deps> = {}) {
  const database = await tempDatabase();
  let now = new Date('2026-11-26T02:00:00Z');
  const deps: Deps = { ...testDeps(database, () => now), ...overrides };
  const logins = await seedDemo(deps);
  const app = createApp(deps);
  const enterprises = logins.filter((l) => l.role === 'enterprise');
  const byName = (part: string) => {
    const found = enterprises.find((e) => e.displayName.includes(part));
    if (!found) throw new Error(`no demo enterprise named ${part}`);
    return found.login;
  };
  return {
    app,
    deps,
    database,
    client: () => new Client(app),
    as: (login: string) => new Client(app).login(login),
    advanceClock: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    /** Demo enterprises by what they are. */
    logins: {
      changchunAgency: byName('旅行社'),
      changchunHotel:
        enterprises.find((e) => e.login.startsWith('91220100') && !e.displayName.includes('旅行社'))?.login ??
        '',
      jilinScenic: byName('度假区'),
      yanbianRural: byName('合作社'),
      jilinHotel:
        enterprises.find((e) => e.login.startsWith('91220200') && !e.displayName.includes('度假区'))?.login ??
        '',
    },
    close: () => database.cleanup(),
  };
}
