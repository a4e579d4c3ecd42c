/**
 * An account's own notifications: the inbox, its preferences and its addresses (verified by a code sent through
 * the same outbox). Decisions only; routes handle HTTP. Every function acts on the signed-in account alone.
 */
import {
  addressesOf,
  countWrongCode,
  markVerified,
  preferencesOf,
  savePreferences,
  setAddressStatement,
} from '../../db/queries/notifications/addresses.ts';
import { listInbox, markRead, unreadCount } from '../../db/queries/notifications/inbox.ts';
import {
  accountIs,
  commitOutbox,
  deliveriesTo,
  newOutboxWrite,
  outboxStatements,
  toAccounts,
} from '../../db/queries/notifications/outbox.ts';
import type { Inbox, PreferencesAnswer } from '../../src/shared/notifications/answers.ts';
import { channelName, kindsForRole, type OutsideChannel } from '../../src/shared/notifications/kinds.ts';
import type { Deps, SignedIn } from '../deps.ts';
import { hashId } from '../privacy/id-crypto.ts';
import { ok, type Result, refuse } from '../result.ts';
import { render } from './messages.ts';

export async function inbox(
  deps: Deps,
  me: SignedIn,
  query: { unread?: 'true' | 'false'; page: number; pageSize: number },
): Promise<Inbox> {
  const found = await listInbox(deps.db, me.id, { ...query, unreadOnly: query.unread === 'true' });
  return {
    items: found.items.map((n) => ({
      id: n.id,
      kind: n.kind,
      ...render(n.kind, n.data),
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unread: found.unread,
    total: found.total,
  };
}

export async function readNotifications(deps: Deps, me: SignedIn, input: { ids: string[] } | { all: true }) {
  const updated = await markRead(deps.db, me.id, 'all' in input ? 'all' : input.ids, deps.now());
  return { updated, unread: await unreadCount(deps.db, me.id) };
}

/** Whether the platform can send through `channel` at all (and, for SMS, the code's template is approved). */
function configured(deps: Deps, channel: OutsideChannel, forCode = false) {
  const setup = deps.notifications;
  if (channel === 'email') return Boolean(setup?.mail);
  return Boolean(setup?.sms && (!forCode || setup.sms.hasTemplate('address_verification')));
}

export async function preferences(deps: Deps, me: SignedIn): Promise<PreferencesAnswer> {
  const [addresses, prefs] = await Promise.all([addressesOf(deps.db, me.id), preferencesOf(deps.db, me.id)]);
  const channel = (c: OutsideChannel) => {
    const a = addresses.find((x) => x.channel === c);
    return { configured: configured(deps, c), address: a?.address ?? null, verified: Boolean(a?.verifiedAt) };
  };
  const enabled = (kind: string, c: OutsideChannel) =>
    prefs.find((p) => p.kind === kind && p.channel === c)?.enabled ?? true;
  return {
    channels: { email: channel('email'), sms: channel('sms') },
    items: kindsForRole(me.role).map((k) => ({
      kind: k.code,
      name: k.name,
      inbox: true as const,
      email: enabled(k.code, 'email'),
      sms: enabled(k.code, 'sms'),
    })),
  };
}

export async function updatePreferences(
  deps: Deps,
  me: SignedIn,
  items: { kind: string; channel: OutsideChannel; enabled: boolean }[],
): Promise<Result<PreferencesAnswer>> {
  const mine = new Set(kindsForRole(me.role).map((k) => k.code as string));
  const foreign = items.findIndex((i) => !mine.has(i.kind));
  if (foreign >= 0)
    return refuse(422, 'kind_not_for_you', '您的账号不会收到这类消息，无须设置', {
      [`items.${foreign}.kind`]: '您的账号不会收到这类消息',
    });
  await savePreferences(deps.db, me.id, items);
  return ok(await preferences(deps, me));
}

const CODE_TTL_MS = 30 * 60_000;
const RESEND_AFTER_MS = 60_000;
const MAX_CODE_ATTEMPTS = 5;

const codeHash = (deps: Deps, me: SignedIn, channel: string, address: string, code: string) =>
  hashId(deps.idKeys, `notification-address:${me.id}:${channel}:${address}:${code}`);

function newCode(): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return String((n ?? 0) % 1_000_000).padStart(6, '0');
}

/**
 * Sets the account's e-mail address or mobile and sends it a code, in one write: the address row and the code's
 * notification with its one delivery. Until the code comes back nothing else is sent there.
 */
export async function addAddress(
  deps: Deps,
  me: SignedIn,
  input: { channel: OutsideChannel; address: string },
): Promise<Result<{ channel: OutsideChannel; address: string; verified: boolean; codeSent: boolean }>> {
  const name = channelName(input.channel);
  if (!configured(deps, input.channel, true))
    return refuse(409, 'channel_off', `平台尚未开通${name}通知，暂不能添加。站内消息不受影响`);
  const now = deps.now();
  const existing = (await addressesOf(deps.db, me.id)).find((a) => a.channel === input.channel);
  if (existing?.address === input.address && existing.verifiedAt)
    return ok({ ...input, verified: true, codeSent: false });
  if (existing?.codeSentAt && now.getTime() - existing.codeSentAt.getTime() < RESEND_AFTER_MS)
    return { ...refuse(429, 'too_soon', '验证码刚刚发出，请 1 分钟后再重新获取'), retryAfter: 60 };
  const code = newCode();
  const write = newOutboxWrite(now);
  await commitOutbox(deps.db, [
    setAddressStatement(
      me.id,
      input.channel,
      input.address,
      await codeHash(deps, me, input.channel, input.address, code),
      now,
    ),
    ...outboxStatements(
      [
        {
          kind: 'address_verification',
          channels: [input.channel],
          inbox: false,
          source: toAccounts(accountIs(me.id), { code, channel: input.channel }),
        },
      ],
      write,
      [deliveriesTo(write, 'address_verification', input.channel, input.address)],
    ),
  ]);
  deps.notifications?.wake?.();
  return ok({ ...input, verified: false, codeSent: true });
}

export async function verifyAddress(
  deps: Deps,
  me: SignedIn,
  input: { channel: OutsideChannel; code: string },
): Promise<Result<{ channel: OutsideChannel; address: string; verified: true }>> {
  const row = (await addressesOf(deps.db, me.id)).find((a) => a.channel === input.channel);
  const name = channelName(input.channel);
  if (!row?.codeHash || !row.codeSentAt) return refuse(409, 'no_code', `请先添加${name}地址并获取验证码`);
  if (deps.now().getTime() - row.codeSentAt.getTime() > CODE_TTL_MS)
    return refuse(409, 'code_expired', '验证码已过期（30 分钟内有效），请重新获取');
  if (row.codeAttempts >= MAX_CODE_ATTEMPTS)
    return refuse(429, 'too_many', '验证码输错次数过多，请重新获取验证码');
  const expected = await codeHash(deps, me, input.channel, row.address, input.code);
  if (expected !== row.codeHash) {
    const attempts = await countWrongCode(deps.db, me.id, input.channel);
    const left = Math.max(0, MAX_CODE_ATTEMPTS - attempts);
    const message = left > 0 ? `验证码不正确，还可再试 ${left} 次` : '验证码输错次数过多，请重新获取验证码';
    return refuse(422, 'wrong_code', message, { code: message });
  }
  if (!(await markVerified(deps.db, me.id, input.channel, row.codeHash, deps.now())))
    return refuse(409, 'no_code', '验证码已更换，请使用最新收到的验证码');
  return ok({ channel: input.channel, address: row.address, verified: true as const });
}
