/**
 * The demo world as the fuzzer sees it: the actors (anonymous to admin), the real ids to put in paths, and a
 * guard that tells whether a request changed the database or the stored files.
 */
import { DEMO_PASSWORD } from '../../functions/demo/seed.ts';
import { random, uscc } from '../../functions/demo/synthetic.ts';
import { demoWorld } from './api.ts';
import { registerEnterprise } from './enterprises.ts';
import { bindingsReader, own } from './fuzz-bindings.ts';
import { type Actor, guardedExchange } from './fuzz-exchange.ts';

export type { Binding } from './fuzz-bindings.ts';
export { junkSegments } from './fuzz-bindings.ts';
export type { Actor, Answer, Request } from './fuzz-exchange.ts';

type World = Awaited<ReturnType<typeof demoWorld>>;

const enterprise = (login: string, name: string, city: string): Actor => ({
  name,
  role: 'enterprise',
  city,
  login,
  password: DEMO_PASSWORD,
});
const staff = (login: string, role: string, city?: string): Actor => ({
  name: login,
  role,
  city,
  login,
  password: DEMO_PASSWORD,
});

function actorsOf(world: World) {
  return {
    anonymous: { name: 'anonymous', role: null } as Actor,
    forged: {
      name: 'forged cookie',
      role: null,
      cookie: `cqo_session=${'A'.repeat(20)}.${'b'.repeat(40)}`,
    } as Actor,
    owner: enterprise(world.logins.changchunAgency, 'enterprise 长春 (draft)', '220100'),
    jilin: enterprise(world.logins.jilinScenic, 'enterprise 吉林 (recognized + change draft)', '220200'),
    // Registered below: an enterprise with no filing yet, so that creating one can succeed, and one whose
    // draft takes the upload cases (odd file names included, which the download then has to serve).
    fresh: enterprise('', 'enterprise 延边 (no filing)', '222400'),
    uploader: enterprise('', 'enterprise 长春 (fresh draft for uploads)', '220100'),
    ccCity: staff('cc-city', 'city_tourism', '220100'),
    jlCity: staff('jl-city', 'city_tourism', '220200'),
    ybCity: staff('city-222400', 'city_tourism', '222400'),
    province: staff('province', 'province_tourism'),
    samr: staff('samr', 'market_regulation'),
    admin: staff('admin', 'admin'),
  };
}

/** Drafts with an attachment for the owner (长春) and a change draft for 吉林, made through the API. */
async function draftsWithAttachments(world: World, actors: ReturnType<typeof actorsOf>) {
  const owner = await world.as(actors.owner.login as string);
  const ownerDraft = (await owner.post('/api/filings', { kind: 'new' })).body.id as string;
  const jilin = await world.as(actors.jilin.login as string);
  const jilinChange = (await jilin.post('/api/filings', { kind: 'change' })).body.id as string;
  if (!ownerDraft || !jilinChange) throw new Error('drafts for the fuzzer could not be made');
  for (const [client, id] of [
    [owner, ownerDraft],
    [jilin, jilinChange],
  ] as const) {
    const pdf = new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')], '任命文件.pdf');
    const data = new FormData();
    data.set('kind', 'appointment');
    data.set('file', pdf);
    const added = await client.send('POST', `/api/filings/${id}/attachments`, data);
    if (added.status !== 201) throw new Error(`attachment: ${added.text}`);
  }
}

/**
 * Setup through the API: an enterprise with a fresh draft for the upload cases, one with no filing at all,
 * drafts with attachments in two cities, a spare staff account that account operations may disable.
 * Returns the upload draft's id.
 */
async function prepare(world: World, actors: ReturnType<typeof actorsOf>): Promise<string> {
  const r = random(7_2026);
  const register = async (city: string, name: string) => {
    const login = uscc(r, city);
    const client = await registerEnterprise(world.client(), {
      uscc: login,
      name,
      city,
      password: DEMO_PASSWORD,
    });
    return { client, login };
  };
  const uploading = await register('220100', '模糊测试上传旅行社有限公司（测试）');
  actors.uploader.login = uploading.login;
  const uploadDraft = (await uploading.client.post('/api/filings', { kind: 'new' })).body.id as string;
  actors.fresh.login = (await register('222400', '模糊测试延边旅行社有限公司（测试）')).login;
  await draftsWithAttachments(world, actors);
  const spare = await (await world.as('admin')).post('/api/accounts', {
    role: 'city_tourism',
    login: 'fuzz-target',
    displayName: '模糊测试备用账号（测试）',
    city: '220300',
    password: DEMO_PASSWORD,
  });
  if (spare.status !== 201) throw new Error(`spare account: ${spare.text}`);
  return uploadDraft;
}

export async function fuzzWorld() {
  const world = await demoWorld();
  const guard = await guardedExchange(world);
  const actors = actorsOf(world);
  const actorList = Object.values(actors);
  const uploadDraft = await prepare(world, actors);
  return {
    world,
    actors,
    actorList,
    uploader: actors.uploader,
    uploadDraft,
    exchange: guard.exchange,
    realBindings: bindingsReader(world, actorList),
    own,
    registrySamples: async () =>
      (
        await world.database.client.execute(
          'select filing_no, cqo_name, enterprise_name, uscc from filings where filing_no is not null order by rowid limit 5',
        )
      ).rows.flatMap((f) => [
        String(f.filing_no),
        String(f.cqo_name),
        String(f.enterprise_name),
        String(f.uscc),
      ]),
    close: () => {
      guard.close();
      world.close();
    },
  };
}

export type FuzzWorld = Awaited<ReturnType<typeof fuzzWorld>>;
