/**
 * What the fuzzer puts into paths: real ids read from the database (with what they belong to, so that most
 * requests can be made by someone who may see them), and junk no id looks like.
 */
import type { demoWorld } from './api.ts';
import type { Actor } from './fuzz-exchange.ts';
import type { Operation } from './fuzz-operations.ts';

/** Path parameter values; `$` keys say what they belong to (see realBindings). */
export type Binding = Record<string, string>;

/** Path segments no id looks like: encodings that do not decode, traversal, control characters, very long. */
export const junkSegments = [
  'no-such-id',
  '0',
  '-1',
  'null',
  'undefined',
  '1e999',
  '%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AE%C0%AE',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  encodeURIComponent("' or 1=1 --"),
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent('\u202e反转\u200b'),
  encodeURIComponent('🙂'.repeat(20)),
  encodeURIComponent('长'.repeat(3000)),
  'x'.repeat(10_000),
  encodeURIComponent('JL-CQO-2026-0001\u0000'),
];

type Rows = (sql: string) => Promise<Record<string, unknown>[]>;

const firstOfEach = <T>(items: T[], key: (t: T) => string) => {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && Boolean(seen.add(key(t))));
};

async function attachmentBindings(rows: Rows): Promise<Binding[]> {
  const found = await rows(`select t.id, t.filing_id, f.city, a.login from attachments t
    join filings f on f.id = t.filing_id left join accounts a on a.enterprise_id = f.enterprise_id order by t.rowid`);
  const pairs = found.map((t) => ({
    id: String(t.filing_id),
    attachmentId: String(t.id),
    $owner: String(t.login),
    $city: String(t.city),
  }));
  // An attachment under another filing's id must be as unknown as a made-up one.
  const crossed = pairs.slice(0, 3).map((p, i) => ({ ...p, id: (pairs[(i + 5) % pairs.length] ?? p).id }));
  return [...firstOfEach(pairs, (p) => p.id), ...pairs.slice(-8), ...crossed];
}

/** Accounts other than the actors' own (which must stay usable), and the admin itself. */
async function accountBindings(rows: Rows, actorLogins: Set<string>): Promise<Binding[]> {
  const accounts = await rows('select id, login, role from accounts order by rowid');
  const others = accounts.filter((a) => !actorLogins.has(String(a.login)));
  const self = accounts.filter((a) => a.login === 'admin');
  return [
    ...others.filter((a) => a.role !== 'enterprise').slice(-6),
    ...others.filter((a) => a.role === 'enterprise').slice(0, 2),
    ...self,
  ].map((a) => ({ id: String(a.id) }));
}

async function filingBindings(rows: Rows): Promise<Binding[]> {
  const filings = await rows(`select f.id, f.status, f.city, a.login from filings f
    left join accounts a on a.enterprise_id = f.enterprise_id order by f.rowid`);
  const picked = [
    ...filings.filter((f) => f.login !== null),
    ...firstOfEach(filings, (f) => `${f.status}/${f.city}`).slice(0, 12),
  ];
  return firstOfEach(picked, (f) => String(f.id)).map((f) => ({
    id: String(f.id),
    $owner: String(f.login),
    $city: String(f.city),
  }));
}

async function filingNoBindings(rows: Rows): Promise<Binding[]> {
  const nos = await rows('select filing_no, status from filings where filing_no is not null order by rowid');
  const values = firstOfEach(nos, (f) => String(f.status)).map((f) => String(f.filing_no));
  return [...values, ...values.slice(0, 1).map((v) => v.toLowerCase())].map((filingNo) => ({ filingNo }));
}

async function eventBindings(rows: Rows): Promise<Binding[]> {
  const events = await rows('select slug, updated_at from events order by rowid');
  return [
    ...events.map((e) => ({
      slug: String(e.slug),
      $updatedAt: new Date(Number(e.updated_at)).toISOString(),
    })),
    { slug: 'Provincial-Quality-Forum-2027' },
  ];
}

async function registrationBindings(rows: Rows): Promise<Binding[]> {
  const found =
    await rows(`select r.code, a.login, e.slug, group_concat(t.id) as attendees from registrations r
    join accounts a on a.id = r.account_id join events e on e.id = r.event_id
    left join attendees t on t.registration_id = r.id group by r.id order by r.rowid`);
  return found.flatMap((f, i) => {
    const code = String(f.code);
    const shown = code.match(/.{1,4}/g)?.join('-') ?? code;
    const meta = { $owner: String(f.login), $event: String(f.slug), $attendeeIds: String(f.attendees ?? '') };
    // As shown (grouped), as typed without dashes, and in lower case.
    const forms = i === 0 ? [shown, code, shown.toLowerCase()] : [shown];
    return forms.map((c) => ({ code: c, ...meta }));
  });
}

/**
 * Real values for each path parameter, read afresh (earlier operations create filings, uploads, events…).
 * Keys starting with `$` are not path parameters but what the values belong to: the owning enterprise's
 * login, the filing's city, an event's `updatedAt`, a registration's event and attendee ids.
 */
export function bindingsReader(world: Awaited<ReturnType<typeof demoWorld>>, actors: Actor[]) {
  const rows: Rows = async (sql) => (await world.database.client.execute(sql)).rows;
  const actorLogins = new Set(actors.map((a) => a.login).filter((l): l is string => Boolean(l)));
  return async function realBindings(op: Operation): Promise<Binding[]> {
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    if (names.length === 0) return [{}];
    if (names.includes('attachmentId')) return attachmentBindings(rows);
    if (op.path.startsWith('/api/accounts/')) return accountBindings(rows, actorLogins);
    if (op.path.startsWith('/api/filings/')) return filingBindings(rows);
    if (names[0] === 'filingNo') return filingNoBindings(rows);
    if (names[0] === 'slug') return eventBindings(rows);
    if (names[0] === 'code') return registrationBindings(rows);
    return [{}];
  };
}

/** The bindings that belong to the actor: its own filings and registrations, its city's filings. */
export function own(bindings: Binding[], actor: Actor) {
  if (actor.role === 'enterprise') return bindings.filter((b) => b.$owner === actor.login);
  if (actor.role === 'city_tourism') return bindings.filter((b) => b.$city === actor.city);
  return bindings;
}
