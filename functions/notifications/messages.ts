/**
 * What each kind of notification says: Chinese, short, what happened, what to do next and by when, and a link
 * (a site path; e-mail and SMS make it absolute). Rendered from the notification's `data` when it is shown or
 * sent, so the stored facts stay small. Never an ID number, never a full mobile: `data` holds neither, and an
 * organizer's own text is scrubbed of anything that looks like one.
 */
import { eventPagePath } from '../../src/shared/events/labels.ts';
import { formatDateTime } from '../../src/shared/formats.ts';
import { cityName } from '../../src/shared/labels.ts';
import { channelName, type NotificationKind } from '../../src/shared/notifications/kinds.ts';
import { maskPhone } from '../../src/shared/phone.ts';

export type Rendered = { title: string; body: string; link: string | null };

type Data = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const filingView = (d: Data) => `/filing/view/?id=${encodeURIComponent(str(d.filing))}`;
const reviewView = (d: Data) => `/review/filing/?id=${encodeURIComponent(str(d.filing))}`;
const myRegistrations = '/account/registrations/';

function when(d: Data) {
  const at = Number(d.startsAt);
  return `活动时间 ${formatDateTime(new Date(at))}，地点 ${cityName(str(d.city))}${str(d.venue)}`;
}

type Renderer = (d: Data) => Rendered;

const renderers: Record<NotificationKind, Renderer> = {
  filing_submitted: (d) => ({
    title: `待初审：${str(d.enterprise)}`,
    body: `${str(d.enterprise)}提交了首席质量官备案，请登录平台初审：通过、退回修改或不予通过。`,
    link: reviewView(d),
  }),
  filing_city_approved: (d) => ({
    title: `待复审：${str(d.enterprise)}`,
    body: `${cityName(str(d.city))}文旅部门已初审通过${str(d.enterprise)}的首席质量官备案，请登录平台复审。`,
    link: reviewView(d),
  }),
  filing_province_approved: (d) => ({
    title: `待培训与认定：${str(d.enterprise)}`,
    body: `省文化和旅游厅已复审通过${str(d.enterprise)}的首席质量官备案。首席质量官完成专题培训和在线学时后，请记录培训情况并认定。`,
    link: reviewView(d),
  }),
  filing_returned: (d) => ({
    title: '首席质量官备案被退回修改',
    body: `${str(d.by)}退回了您单位的首席质量官备案（${str(d.reasons)} 处修改意见）。请按意见修改后重新提交，重新提交前备案不会继续审核。`,
    link: filingView(d),
  }),
  filing_rejected: (d) => ({
    title: '首席质量官备案不予通过',
    body: '您单位的首席质量官备案经初审不予通过，理由见备案详情。如有疑问，请联系所在市（州）文旅部门。',
    link: filingView(d),
  }),
  filing_awaiting_training: (d) => ({
    title: '首席质量官备案已通过复审，待培训',
    body: '您单位的首席质量官备案已通过复审。请安排首席质量官参加专题培训，并完成不少于 20 学时的在线学习；省市场监督管理厅记录培训情况后予以认定。',
    link: filingView(d),
  }),
  filing_training_recorded: (d) =>
    d.passed
      ? {
          title: '培训情况已记录：合格',
          body: `省市场监督管理厅已记录首席质量官的培训情况（在线学时 ${str(d.onlineHours)}，专题培训合格），备案等待认定，无须您再办理。`,
          link: filingView(d),
        }
      : {
          title: '培训情况已记录：尚未达到要求',
          body: `省市场监督管理厅已记录首席质量官的培训情况（在线学时 ${str(d.onlineHours)}，专题培训${d.trainingPassed ? '合格' : '不合格'}）。认定需要专题培训合格且在线学时不少于 20，请安排补训，完成后由省市场监督管理厅再次记录。`,
          link: filingView(d),
        },
  filing_recognized: (d) => ({
    title: `首席质量官已认定，备案编号 ${str(d.filingNo)}`,
    body: `您单位的首席质量官已认定，备案编号 ${str(d.filingNo)}。任何人可在核验页查验；请打印核验页的二维码在经营场所展示。`,
    link: `/verify/${encodeURIComponent(str(d.filingNo))}/`,
  }),
  filing_deregistered: (d) => ({
    title: '首席质量官已注销',
    body: `您单位备案编号 ${str(d.filingNo)} 的首席质量官已注销，公开查询显示为“已注销”。如需另行选任，请重新办理备案。`,
    link: filingView(d),
  }),
  filing_consent_withdrawn: (d) => ({
    title: '已撤回公开姓名的同意',
    body: `首席质量官的姓名已不在公开查询中显示${d.filingNo ? `（备案编号 ${str(d.filingNo)} 仍可核验）` : ''}，备案本身不受影响，无须您再办理。`,
    link: filingView(d),
  }),
  password_reset: () => ({
    title: '您的账号密码已被管理员重置',
    body: '系统管理员为您的账号设置了新的初始密码，原有登录已全部退出。请向管理员索取初始密码，登录后立即修改。如非本人申请，请立即联系平台管理员。',
    link: '/account/password/',
  }),
  registration_confirmed: (d) => ({
    title: `报名成功：${str(d.event)}`,
    body: `您单位为“${str(d.event)}”报名的 ${str(d.count)} 人已确认参加。${when(d)}。请参会人员凭确认码签到；如不能参加，请在活动开始前取消报名。`,
    link: myRegistrations,
  }),
  registration_waitlisted: (d) => ({
    title: `报名进入候补：${str(d.event)}`,
    body: `“${str(d.event)}”席位已满，您单位的 ${str(d.count)} 人暂列候补。有人取消时按报名先后自动递补，递补后会再通知您。${when(d)}。`,
    link: myRegistrations,
  }),
  registration_promoted: (d) => ({
    title: `候补已递补：${str(d.event)}`,
    body: `您单位的 ${str(d.count)} 名候补人员已获得“${str(d.event)}”的席位。${when(d)}。如不能参加，请在活动开始前取消，把席位让给其他候补人员。`,
    link: myRegistrations,
  }),
  registration_cancelled: (d) => ({
    title: `报名已取消：${str(d.event)}`,
    body: `您单位为“${str(d.event)}”报名的 ${str(d.count)} 人已取消。如仍需参加，请在报名截止前重新报名。`,
    link: myRegistrations,
  }),
  event_reminder: (d) => ({
    title: `活动提醒：${str(d.event)}`,
    body: `“${str(d.event)}”将在 24 小时内开始。${when(d)}。您单位有 ${str(d.count)} 人确认参加，请参会人员携带确认码按时签到。`,
    link: myRegistrations,
  }),
  event_message: (d) => ({
    title: `${str(d.event)}：${scrub(str(d.title))}`,
    body: `${scrub(str(d.body))}（主办单位：${str(d.organizer)}）`,
    link: d.slug ? eventPagePath(str(d.slug)) : myRegistrations,
  }),
  address_verification: (d) => ({
    title: '验证码',
    body: `您正在吉林省旅游行业首席质量官平台验证${channelName(str(d.channel))}，验证码 ${str(d.code)}，30 分钟内有效。如非本人操作，请忽略。`,
    link: null,
  }),
};

/** Anything in free text that looks like a mobile or an ID number, masked. */
export function scrub(text: string): string {
  return text
    .replace(/\d{17}[\dXx]/g, (m) => `${m.slice(0, 3)}***********${m.slice(-4)}`)
    .replace(/1[3-9]\d{9}/g, (m) => maskPhone(m));
}

export function render(kind: string, data: Data): Rendered {
  const renderer = renderers[kind as NotificationKind];
  return renderer
    ? renderer(data)
    : { title: '平台通知', body: '您有一条新的平台通知，请登录平台查看。', link: null };
}

const SITE = '吉林省旅游行业首席质量官平台';

/** The e-mail of a notification: its link made absolute with the public origin. */
export function emailOf(kind: string, data: Data, origin: string) {
  const r = render(kind, data);
  const lines = [r.body];
  if (r.link) lines.push('', `查看详情：${new URL(r.link, origin).href}`);
  lines.push('', '——', `本邮件由${SITE}自动发送，请勿直接回复。`);
  if (kind !== 'address_verification') lines.push('可在平台“账号 → 消息设置”中选择接收哪些邮件。');
  return { subject: `【${SITE}】${r.title}`, text: lines.join('\n') };
}

/** Template variables of the SMS of a notification (the template itself is approved at the provider). */
export function smsParamsOf(kind: string, data: Data, origin: string): Record<string, string> {
  if (kind === 'address_verification') return { code: str(data.code) };
  const r = render(kind, data);
  const title = [...r.title];
  return {
    title: title.length > 30 ? `${title.slice(0, 29).join('')}…` : r.title,
    link: r.link ? new URL(r.link, origin).href : origin,
  };
}
