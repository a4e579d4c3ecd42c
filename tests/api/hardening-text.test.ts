/** Hidden characters are refused by every form of the API, with the field named, before anything is stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../src/shared/uscc.ts';
import { type Client, demoWorld } from '../support/api.ts';
import { nextMobile } from '../support/events.ts';

let world: Awaited<ReturnType<typeof demoWorld>>;
let agency: Client;
let draftId: string;
/** A demo announcement's event, open for registration on the world's clock. */
const slug = 'provincial-quality-forum-2027';

beforeAll(async () => {
  world = await demoWorld();
  agency = await world.as(world.logins.changchunAgency);
  const existing = (await agency.get('/api/filings')).body.items.find(
    (f: { status: string }) => f.status === 'draft',
  );
  draftId = existing?.id ?? (await agency.post('/api/filings', { kind: 'new' })).body.id;
});
afterAll(() => world.close());

const hostile: Record<string, string> = {
  'a vertical tab': '王\u000b五',
  'a C0 control': '\u0001',
  noncharacters: '\ufffe\uffff',
  'a right-to-left override': '王\u202e五',
  'an unpaired surrogate': '王\ud800',
};

const uscc = (n: number) => {
  const first17 = `9122010${String(1000000 + n).slice(1)}HX${n % 10}`.slice(0, 17);
  return first17 + usccCheckChar(first17);
};

describe('hidden characters in a form', () => {
  let n = 0;
  for (const [what, value] of Object.entries(hostile)) {
    it(`are refused in a draft's 姓名 (${what}), the field named`, async () => {
      const r = await agency.put(`/api/filings/${draftId}`, { form: { cqoName: value } });
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.fields['form.cqoName']).toMatch(/^姓名含有(不可见的控制字符|无法识别的字符)/);
      const stored = (await agency.get(`/api/filings/${draftId}`)).body;
      expect(JSON.stringify(stored)).not.toContain(JSON.stringify(value).slice(1, -1));
    });

    it(`are refused in a registration's 联系人 and 企业名称 (${what})`, async () => {
      n += 1;
      const r = await world.client().post('/api/auth/register', {
        uscc: uscc(n),
        name: `长春${value}旅行社`,
        type: 'travel_agency',
        grade: null,
        city: '220100',
        contactName: value,
        contactPhone: '0431-88886666',
        password: 'Changbai-Tianchi-2026',
      });
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.fields.contactName).toMatch(/^联系人含有/);
      expect(r.body.error.fields.name).toMatch(/^企业名称含有/);
    });

    it(`are refused in an attendee's 姓名 (${what})`, async () => {
      const r = await agency.post(`/api/events/${slug}/registrations`, {
        idempotencyKey: crypto.randomUUID(),
        attendees: [{ name: value, position: '质量总监', mobile: nextMobile() }],
      });
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.fields['attendees.0.name']).toMatch(/^姓名含有/);
    });
  }

  it('keeps a minority name with its middle dot, whichever dot the IME typed', async () => {
    const r = await agency.put(`/api/filings/${draftId}`, { form: { cqoName: '阿卜杜拉・买买提' } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.filing.form.cqoName).toBe('阿卜杜拉·买买提');
  });
});
