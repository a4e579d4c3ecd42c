/**
 * Database failures: the client gets a generic 500, the log gets safe facts only (no names, phones, e-mail
 * addresses, ID numbers or their ciphertext/hash, session tokens), and registration says “already registered”
 * only when the USCC really is taken.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { idNumber, random } from '../../functions/demo/synthetic.ts';
import { safeErrorFacts } from '../../functions/http/errors.ts';
import { demoWorld } from '../support/api.ts';
import { registration, usccOf } from '../support/enterprises.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
beforeAll(async () => {
  world = await demoWorld();
});
afterAll(() => world.close());

/** Everything written to the console while `run` runs. */
async function consoleDuring<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const lines: string[] = [];
  const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
    }),
  );
  try {
    return { result: await run(), output: lines.join('\n') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

const triggers: string[] = [];
async function failWrites(table: string, when: 'insert' | 'update') {
  const name = `fail_${table}_${when}`;
  await world.database.client.execute(
    `create trigger ${name} before ${when} on ${table} begin select raise(abort, 'forced failure'); end`,
  );
  triggers.push(name);
}
afterEach(async () => {
  for (const name of triggers.splice(0)) await world.database.client.execute(`drop trigger ${name}`);
});

describe('a database error while saving personal data', () => {
  it('answers a generic 500 and logs the route pattern and error code, none of the data', async () => {
    const owner = await world.as(world.logins.changchunAgency);
    const draft = (await owner.post('/api/filings', { kind: 'new' })).body;
    const person = {
      cqoName: '欧阳测试',
      mobile: '13912345678',
      email: 'ouyang.test@example.com',
      contactName: '司马联系',
      contactPhone: '0431-87654321',
    };
    const id = idNumber(random(7), '220100', 1980);
    expect((await owner.put(`/api/filings/${draft.id}`, { form: person, idNumber: id })).status).toBe(200);
    const stored = (
      await world.database.client.execute({
        sql: 'select id_cipher, id_hash from filings where id = ?',
        args: [draft.id],
      })
    ).rows[0];
    expect(stored?.id_cipher).toBeTruthy();

    await failWrites('filings', 'update');
    const { result, output } = await consoleDuring(() =>
      owner.put(`/api/filings/${draft.id}`, { form: { ...person, mobile: '13987654321' }, idNumber: id }),
    );
    expect(result.status).toBe(500);
    expect(result.body.error).toEqual({ code: 'internal', message: '服务器暂时无法处理请求，请稍后再试' });
    expect(output).toContain('PUT /api/filings/:id');
    expect(output).toContain('SQLITE_CONSTRAINT');
    for (const secret of [
      ...Object.values(person),
      '13987654321',
      id,
      id.slice(6, 14),
      String(stored?.id_hash),
      String(stored?.id_cipher).slice(0, 20),
      draft.id,
      owner.cookie?.split('=')[1]?.split('.')[0] ?? 'no-cookie',
      'params',
      'forced failure',
    ])
      expect(output).not.toContain(secret);
  });

  it('logs no registration data when saving an enterprise fails, and does not call it a duplicate', async () => {
    await failWrites('enterprises', 'insert');
    const first17 = '91220101MA17Q8KQ0';
    const { result, output } = await consoleDuring(() =>
      world.client().post(
        '/api/auth/register',
        registration({
          uscc: usccOf(first17),
          name: '长春市日志测试旅行社有限公司',
          contactName: '诸葛登记',
          contactPhone: '13811112222',
        }),
      ),
    );
    expect(result.status).toBe(500);
    expect(result.body.error.code).toBe('internal');
    expect(output).toContain('POST /api/auth/register');
    expect(output).toContain('SQLITE_CONSTRAINT');
    for (const secret of ['诸葛登记', '13811112222', '长春市日志测试', first17, 'scrypt$'])
      expect(output).not.toContain(secret);
  });
});

describe('registering a USCC that is already taken', () => {
  it('answers 409 to every loser of a simultaneous registration of the same USCC', async () => {
    const first17 = '91220101MA17Q8KQ1';
    const body = registration({ uscc: usccOf(first17), name: '长春市并发测试旅行社有限公司' });
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => world.client().post('/api/auth/register', body)),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('uscc_taken');
  });
});

describe('safe error facts', () => {
  it('keep the class, the codes of the causes and our frame, never the message', () => {
    const cause = Object.assign(new Error('UNIQUE constraint failed: enterprises.uscc'), {
      code: 'SQLITE_CONSTRAINT',
      extendedCode: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    class DrizzleQueryError extends Error {}
    const err = new DrizzleQueryError(
      'Failed query: insert …\nparams: 王芳,13912345678\n    at /evil/13912345678:1:1',
      {
        cause,
      },
    );
    const facts = safeErrorFacts(err);
    expect(facts).toMatch(/^DrizzleQueryError \(SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT\)/);
    expect(facts).toContain('auth-errors.test.ts:');
    expect(facts).not.toContain('13912345678');
    expect(facts).not.toContain('王芳');
  });
});
