/**
 * The ceiling a write path is measured against: how many single-statement write transactions per second the
 * same libSQL file commits with the same pragmas, each a plain conditional INSERT … SELECT (BEGIN IMMEDIATE,
 * one insert, COMMIT) issued the same way the app issues its writes (`client.batch([...], 'write')`), 50 at a
 * time. A scratch table keeps it off the app's tables; it is dropped afterwards.
 */
import type { Client } from '@libsql/client';

export async function commitLimit(client: Client, slug: string, total = 1000, inFlight = 50) {
  await client.execute(
    'create table if not exists bench_limit (id text primary key, event_id text, at integer)',
  );
  let next = 0;
  const started = performance.now();
  async function lane() {
    while (next < total) {
      const i = next++;
      await client.batch(
        [
          {
            sql: 'insert into bench_limit (id, event_id, at) select ?, id, ? from events where slug = ? and capacity >= 0',
            args: [`limit-${i}`, Date.now(), slug],
          },
        ],
        'write',
      );
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
  const perSecond = (total / (performance.now() - started)) * 1000;
  await client.execute('drop table bench_limit');
  return perSecond;
}
