/**
 * What the filings API says in the cases that used to be silent: a 合格 with too few online hours (the history
 * says how many are missing), a reason about a field the enterprise type lacks (a 旅行社's 等级), and a file
 * uploaded again after a return (the earlier one is marked replaced).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLogin } from '../../db/queries/accounts/accounts.ts';
import { advance, submitDemoFiling } from '../../functions/demo/seed.ts';
import { random } from '../../functions/demo/synthetic.ts';
import { type Client, demoWorld } from '../support/api.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let owner: Client;
let city: Client;
let samr: Client;
let filingId: string;

beforeAll(async () => {
  world = await demoWorld();
  const login = world.logins.changchunAgency;
  owner = await world.as(login);
  city = await world.as('cc-city');
  samr = await world.as('samr');
  const account = await findAccountByLogin(world.deps.db, login);
  if (!account) throw new Error('no 长春 travel agency');
  filingId = await submitDemoFiling(
    world.deps,
    { ...account, sessionId: 'test' },
    random(5),
    '220100',
    'travel_agency',
  );
}, 60_000);
afterAll(() => world?.close());

describe('a 旅行社 filing', () => {
  it('refuses a return over its 等级, which a 旅行社 does not have, and takes one over its licence number', async () => {
    const grade = await city.post(`/api/filings/${filingId}/actions`, {
      action: 'city_return',
      reasons: { grade: '等级与评定结果不符' },
    });
    expect(grade.status).toBe(422);
    expect(grade.body.error.fields['reasons.grade']).toBe('这类企业的登记表没有这一项，请另选');
    const licence = await city.post(`/api/filings/${filingId}/actions`, {
      action: 'city_return',
      reasons: { licenseNo: '许可证编号与证书不一致', attachments: '任命文件未盖章' },
    });
    expect(licence.status, licence.text).toBe(200);
  });

  it('marks the 任命文件 sent with the first submission as replaced once another is uploaded after the return', async () => {
    world.advanceClock(60_000);
    const form = new FormData();
    form.append('kind', 'appointment');
    form.append('file', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], '任命文件（盖章）.pdf'));
    const uploaded = await owner.send('POST', `/api/filings/${filingId}/attachments`, form);
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.body.replaced).toBe(false);
    const detail = (await owner.get(`/api/filings/${filingId}`)).body;
    const appointments = detail.attachments.filter((a: { kind: string }) => a.kind === 'appointment');
    expect(
      appointments.map((a: { fileName: string; replaced: boolean }) => [a.fileName, a.replaced]),
    ).toEqual([
      ['appointment.pdf', true],
      ['任命文件（盖章）.pdf', false],
    ]);
    // Kinds not uploaded again are not replaced.
    expect(detail.attachments.filter((a: { replaced: boolean }) => a.replaced)).toHaveLength(1);
  });

  it('records a 合格 with 12 online hours, keeps it 待培训 and says in the history how many hours are missing', async () => {
    const resubmitted = await owner.post(`/api/filings/${filingId}/submit`);
    expect(resubmitted.status, resubmitted.text).toBe(200);
    await advance(world.deps, filingId, 'cc-city', 'awaiting_training');
    const recorded = await samr.post(`/api/filings/${filingId}/actions`, {
      action: 'record_training',
      onlineHours: 12,
      date: '2026-11-20',
      passed: true,
    });
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.body.status).toBe('awaiting_training');
    expect(recorded.body.training.attempts.at(-1)).toEqual({
      date: '2026-11-20',
      passed: true,
      certificateNo: null,
      onlineHours: 12,
    });
    expect(recorded.body.history.at(-1).reason).toBe(
      '在线学时 12；专题培训合格；仍待培训：在线学时 12 学时，不足 20 学时（还差 8 学时）',
    );
  });
});
