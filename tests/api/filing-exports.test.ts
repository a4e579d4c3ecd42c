/** The spreadsheets reviewers send on carry the dates of Jilin (China time), not of UTC. */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../db/queries/accounts/accounts.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let samr: Client;
let enterpriseName: string;

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The first sheet of an xlsx as rows of cell texts, keyed by the header row's titles. */
async function readSheet(c: Client, path: string) {
  const res = await c.app.request(`http://localhost${path}`, { headers: { Cookie: c.cookie ?? '' } });
  expect(res.status).toBe(200);
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const strings = [...text('xl/sharedStrings.xml').matchAll(/<si>.*?<t[^>]*>(.*?)<\/t>.*?<\/si>/gs)].map(
    (m) => xmlText(m[1] ?? ''),
  );
  const rows = [...text('xl/worksheets/sheet1.xml').matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((row) => {
    const cells: string[] = [];
    for (const cell of (row[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const column = [...(cell[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const value = /<v>(.*?)<\/v>/s.exec(cell[3] ?? '')?.[1] ?? '';
      cells[column] = /t="s"/.test(cell[2] ?? '') ? (strings[Number(value)] ?? '') : xmlText(value);
    }
    return cells;
  });
  const [head = [], ...body] = rows;
  return {
    disposition: decodeURIComponent(res.headers.get('content-disposition') ?? ''),
    rows: body.map((cells) => Object.fromEntries(head.map((title, i) => [title, cells[i] ?? '']))),
  };
}

beforeAll(async () => {
  world = await demoWorld();
  // 2026-11-26 16:30 UTC is already 2026-11-27 00:30 in Jilin.
  world.advanceClock(Date.parse('2026-11-26T16:30:00Z') - world.deps.now().getTime());
  const agency = await world.as(world.logins.changchunAgency);
  const me = (await agency.get('/api/auth/me')).body.me;
  const account = await findAccount(world.deps.db, me.id);
  if (!account) throw new Error('agency missing');
  enterpriseName = me.displayName;
  const id = await submitDemoFiling(
    world.deps,
    { ...account, sessionId: 't' },
    random(5),
    '220100',
    'travel_agency',
  );
  await advance(world.deps, id, 'cc-city', 'recognized');
  samr = await world.as('samr');
});
afterAll(() => world.close());

describe('export dates', () => {
  it('dates the 汇总表 and its file name by the day in Jilin, not the UTC day before', async () => {
    const sheet = await readSheet(await world.as('cc-city'), '/api/exports/city-summary.xlsx');
    expect(sheet.disposition).toContain('长春市首席质量官备案汇总表-2026-11-27.xlsx');
    const row = sheet.rows.find((r) => r.企业名称 === enterpriseName);
    expect(row?.提交日期).toBe('2026-11-27');
  });

  it('dates recognitions in the registry export by the day in Jilin', async () => {
    const sheet = await readSheet(samr, '/api/exports/registry.xlsx');
    expect(sheet.disposition).toContain('吉林省旅游行业首席质量官备案信息-2026-11-27.xlsx');
    const row = sheet.rows.find((r) => r.企业名称 === enterpriseName);
    expect(row?.认定日期).toBe('2026-11-27');
  });
});
