/**
 * Public answers that carry names are revalidated on every use (Cache-Control: no-cache with an ETag), so a
 * name whose consent was withdrawn is never served again from a cache that obeys the headers.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filings } from '../../db/schema/index.ts';
import { openDataTimings } from '../../functions/registry/open-data.ts';
import type { PublicCqo, PublicCqoList } from '../../src/shared/registry/answers.ts';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let anyone: Client;
let cqo: PublicCqo;
const savedRemake = openDataTimings.remakeMs;

beforeAll(async () => {
  world = await demoWorld();
  anyone = world.client();
  openDataTimings.remakeMs = 0;
  const listed = (await anyone.get<PublicCqoList>('/api/cqos?status=valid&pageSize=100')).body.items;
  const named = listed.find((i) => i.name);
  if (!named) throw new Error('the demo has no listed CQO with a name');
  cqo = named;
});
afterAll(() => {
  openDataTimings.remakeMs = savedRemake;
  world.close();
});

/** A GET that sends If-None-Match, as a cache revalidating its copy does. */
const revalidate = (path: string, etag: string) =>
  anyone.send('GET', path, undefined, { 'If-None-Match': etag });

const openDataNames = async () =>
  ((await anyone.get('/api/open-data/cqos.json')).body.items as PublicCqo[]).map((i) => i.name);

describe('a withdrawn consent to publish the name', () => {
  it('is never answered from a cache: lookup, verify and open data revalidate every time', async () => {
    const verifyPath = `/api/cqos/${cqo.filingNo}`;
    const searchPath = `/api/cqos?q=${encodeURIComponent(cqo.filingNo)}`;
    await expect.poll(openDataNames).toContain(cqo.name);
    const before: Record<string, string> = {};
    for (const path of [verifyPath, searchPath, '/api/open-data/cqos.json']) {
      const reply = await anyone.get(path);
      expect(reply.headers.get('cache-control'), path).toBe('public, no-cache');
      expect(reply.text, path).toContain(cqo.name as string);
      before[path] = reply.headers.get('etag') ?? '';
      expect(before[path], path).not.toBe('');
      // Unchanged: revalidating costs a 304 without a body.
      const again = await revalidate(path, before[path] as string);
      expect(again.status, path).toBe(304);
      expect(again.headers.get('cache-control'), path).toBe('public, no-cache');
    }

    const [row] = await world.deps.db.select().from(filings).where(eq(filings.filingNo, cqo.filingNo));
    const samr = await world.as('samr');
    const done = await samr.post(`/api/filings/${row?.id}/actions`, {
      action: 'withdraw_publication_consent',
      note: '本人书面申请',
    });
    expect(done.status, done.text).toBe(200);

    for (const path of [verifyPath, searchPath]) {
      const reply = await revalidate(path, before[path] as string);
      expect(reply.status, path).toBe(200);
      expect(reply.text, path).not.toContain(cqo.name as string);
    }
    await expect.poll(openDataNames).not.toContain(cqo.name);
    const file = await revalidate('/api/open-data/cqos.json', before['/api/open-data/cqos.json'] as string);
    expect(file.status).toBe(200);
    expect(file.text).not.toContain(cqo.name as string);
  });
});
