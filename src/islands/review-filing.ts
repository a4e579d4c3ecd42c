/**
 * The reviewer's view of one filing (/review/filing/?id=…): every answer of the 登记表 grouped as on the paper
 * form, the eligibility check, attachments, training, the audit history and the action panel. The 身份证号 is
 * masked by the server; revealing it asks for a reason and is logged in the history.
 */

import type { AttachmentInfo, FilingDetail } from '../shared/api-types.ts';
import { formatMonths } from '../shared/eligibility.ts';
import { attachmentKinds, fieldLabels } from '../shared/filing-form.ts';
import { filingActions, filingStatusName, roleName } from '../shared/filing-status.ts';
import { formatFileSize, formatNumericDate, formatNumericTime } from '../shared/formats.ts';
import { cityName, degrees, enterpriseTypeName } from '../shared/labels.ts';
import { ApiFailure, api, toLogin } from './lib/api.ts';
import { h } from './lib/dom.ts';
import { showErrors } from './lib/forms.ts';
import { type ActionOutcome, actionPanel } from './lib/review-actions.ts';
import { requireRole } from './lib/staff.ts';

type Child = Node | string | null | undefined | false;
type Row = { label: string; value: Child | Child[]; path?: string };

const root = document.getElementById('filing');
const flash = document.getElementById('flash');
const title = document.getElementById('filing-title');
const id = new URLSearchParams(location.search).get('id') ?? '';

let detail: FilingDetail | null = null;
/** The full 身份证号 once revealed; kept only in this page's memory. */
let revealed: string | null = null;

function say(message: string, warn = false) {
  if (!flash) return;
  flash.classList.toggle('warn', warn);
  flash.textContent = message;
}

const empty = (text = '未填写') => h('span', { class: 'empty' }, text);
const orEmpty = (v: string | null | undefined) => (v ? v : empty());

function facts(d: FilingDetail, rows: Row[]) {
  return h(
    'dl',
    { class: 'facts' },
    rows.map((r) => {
      const reason = r.path ? d.returnReasons[r.path] : undefined;
      const value = Array.isArray(r.value) ? r.value : [r.value];
      return h(
        'div',
        {},
        h('dt', {}, r.label),
        h(
          'dd',
          {},
          value.some((v) => v !== null && v !== undefined && v !== false && v !== '') ? value : empty(),
          reason ? h('span', { class: 'return-note' }, `上次退回意见：${reason}`) : null,
        ),
      );
    }),
  );
}

function section(key: string, heading: string, ...content: (Child | Child[])[]) {
  return h(
    'section',
    { 'aria-labelledby': `s-${key}` },
    h('h2', { id: `s-${key}`, tabindex: -1 }, heading),
    ...content,
  );
}

function scrollTable(label: string, head: string[], rows: HTMLTableRowElement[]) {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: 0 },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

const field = (path: string, value: Child | Child[]): Row => ({
  label: fieldLabels[path] ?? path,
  value,
  path,
});

function overview(d: FilingDetail) {
  const rows: Row[] = [
    { label: '当前状态', value: h('span', { class: 'status-name' }, filingStatusName(d.status)) },
    { label: '备案类型', value: d.kind === 'change' ? '变更备案（认定后替换现任首席质量官）' : '新备案' },
    { label: '备案编号', value: d.filingNo ?? empty('认定后发放') },
    { label: '所属市州', value: cityName(d.city) },
    { label: '提交时间', value: formatNumericTime(d.submittedAt) },
    { label: '最后更新', value: formatNumericTime(d.updatedAt) },
  ];
  if (d.recognizedAt) rows.push({ label: '认定日期', value: formatNumericDate(d.recognizedAt) });
  if (d.deregisteredAt) rows.push({ label: '注销日期', value: formatNumericDate(d.deregisteredAt) });
  return [
    facts(d, rows),
    d.deregistrationRequested && d.status === 'recognized'
      ? h(
          'p',
          { class: 'alert-box' },
          '企业已申请注销这名首席质量官。',
          d.actions.includes('deregister') ? '请在下方“审核操作”中办理。' : null,
        )
      : null,
  ];
}

function toc() {
  const items: [string, string][] = [
    ['eligibility', '任职条件核验'],
    ['enterprise', '企业基本情况'],
    ['cqo', '首席质量官基本情况'],
    ['experience', '工作经历'],
    ['duties', '任命与职责'],
    ['attachments', '附件'],
    ['training', '培训情况'],
    ['history', '审核记录'],
  ];
  return h(
    'nav',
    { class: 'toc no-print', 'aria-label': '本页内容' },
    h(
      'ul',
      {},
      items.map(([key, label]) => h('li', {}, h('a', { href: `#s-${key}` }, label))),
      h('li', {}, h('a', { href: '#actions-title' }, '审核操作')),
    ),
  );
}

function eligibility(d: FilingDetail) {
  const unmet = d.eligibility.rules.filter((r) => !r.met);
  return section(
    'eligibility',
    '任职条件核验',
    unmet.length > 0
      ? h(
          'p',
          { class: 'alert-box' },
          `有 ${unmet.length} 项任职条件未满足（通知二（二）），请对照附件重点核实。`,
        )
      : h('p', {}, '系统按填报内容核验，三项任职条件均已满足；请对照附件核实填报内容是否属实。'),
    h(
      'ul',
      { class: 'rules' },
      d.eligibility.rules.map((r) =>
        h(
          'li',
          { class: r.met ? 'met' : 'unmet' },
          h('h3', {}, `${r.met ? '已满足' : '未满足'}：${r.title}`),
          h('p', {}, r.detail),
          !r.met && r.next ? h('p', {}, `给企业的建议：${r.next}`) : null,
        ),
      ),
    ),
    h('p', {}, `累计旅游服务质量管理工作经验：${formatMonths(d.eligibility.experienceMonths)}`),
  );
}

function returnReasons(d: FilingDetail) {
  const entries = Object.entries(d.returnReasons);
  if (entries.length === 0 && !d.returnNote) return null;
  return section(
    'returned',
    '上次退回的修改意见',
    // Resubmitting clears the reasons, so they are only ever shown while the enterprise has yet to act on them.
    h(
      'p',
      { class: 'hint' },
      d.status === 'returned'
        ? '已退回企业，等待企业按以下意见修改后重新提交；对应栏目旁也标出了这些意见。'
        : '对应栏目旁也标出了这些意见。',
    ),
    entries.length > 0
      ? h(
          'ul',
          {},
          entries.map(([path, reason]) => h('li', {}, `${fieldLabels[path] ?? path}：${reason}`)),
        )
      : null,
    d.returnNote ? h('p', {}, `总体说明：${d.returnNote}`) : null,
  );
}

function idNumberValue(d: FilingDetail): Child[] {
  if (!d.idNumberMasked) return [];
  const shown = h('span', { class: 'id-number', id: 'id-value', tabindex: -1 }, revealed ?? d.idNumberMasked);
  if (revealed) {
    const hide = h('button', { type: 'button', class: 'button secondary small' }, '隐藏完整号码');
    hide.addEventListener('click', () => {
      revealed = null;
      render();
      document.getElementById('reveal-toggle')?.focus();
    });
    return [shown, h('span', { class: 'hint' }, '（完整号码，本次查看已记入审核记录）'), hide];
  }
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'button secondary small',
      id: 'reveal-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'reveal-form',
    },
    '查看完整号码',
  );
  const form = h(
    'form',
    { id: 'reveal-form', novalidate: true, hidden: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'reveal-reason' }, '查看原因（必填）'),
      h(
        'p',
        { class: 'hint', id: 'reveal-reason-hint' },
        '身份证号是敏感个人信息，仅在核对身份确有必要时查看。查看操作和原因将记入审核记录。',
      ),
      h('textarea', {
        id: 'reveal-reason',
        rows: 2,
        required: true,
        'aria-describedby': 'reveal-reason-hint',
      }),
    ),
    h(
      'div',
      { class: 'inline-actions' },
      h('button', { type: 'submit', class: 'button' }, '确认查看'),
      h('button', { type: 'button', class: 'button secondary', id: 'reveal-cancel' }, '取消'),
    ),
  );
  const setOpen = (open: boolean) => {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) form.querySelector('textarea')?.focus();
    else toggle.focus();
  };
  toggle.addEventListener('click', () => setOpen(form.hidden));
  form.querySelector('#reveal-cancel')?.addEventListener('click', () => setOpen(false));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void reveal(form);
  });
  return [shown, toggle, form];
}

async function reveal(form: HTMLFormElement) {
  const reason = form.querySelector('textarea')?.value.trim() ?? '';
  if (!reason) {
    showErrors(form, { 'reveal.reason': '请填写查看完整身份证号的原因' });
    return;
  }
  try {
    const res = await api<{ idNumber: string }>('POST', `/api/filings/${encodeURIComponent(id)}/reveal-id`, {
      reason,
    });
    revealed = res.idNumber;
    // Reload so the history shows this view.
    detail = (await load()) ?? detail;
    render();
    say('已显示完整身份证号。本次查看及原因已记入审核记录。');
    document.getElementById('id-value')?.focus();
  } catch (e) {
    if (!(e instanceof ApiFailure)) throw e;
    if (e.status === 401) toLogin();
    const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [`reveal.${k}`, v]));
    showErrors(form, Object.keys(fields).length > 0 ? fields : { 'reveal._': e.message }, '未能显示完整号码');
  }
}

function enterprise(d: FilingDetail) {
  const form = d.form;
  const rows: Row[] = [
    { label: '企业名称', value: d.enterpriseName },
    { label: '统一社会信用代码', value: d.uscc },
    { label: '企业类型', value: enterpriseTypeName(d.enterpriseType) },
    field('grade', d.grade ?? form.grade ?? (d.enterpriseType === 'travel_agency' ? '不分等级' : null)),
  ];
  if (d.enterpriseType === 'travel_agency' || form.licenseNo) rows.push(field('licenseNo', form.licenseNo));
  rows.push(
    { label: '所属市州', value: cityName(d.city) },
    field('address', form.address),
    field('legalRep', form.legalRep),
    field('contactName', form.contactName),
    field('contactPhone', form.contactPhone),
  );
  return section('enterprise', '一、企业基本情况', facts(d, rows));
}

const levelNames: Record<string, string> = { intermediate: '中级', senior: '高级', junior: '初级' };

function cqo(d: FilingDetail) {
  const form = d.form;
  const q = form.qualification;
  const qualification: Row[] =
    q?.kind === 'certificate'
      ? [
          field(
            'qualification',
            `质量专业技术人员职业资格证书（${levelNames[q.level ?? ''] ?? '等级未填写'}）`,
          ),
          { label: '证书编号', value: orEmpty(q.certificateNo) },
          { label: '发证机关', value: orEmpty(q.issuer) },
          { label: '发证日期', value: orEmpty(q.issuedOn) },
        ]
      : q?.kind === 'equivalent'
        ? [
            field('qualification', '同等专业能力证明'),
            { label: '同等专业能力说明', value: orEmpty(q.description) },
          ]
        : [field('qualification', null)];
  const rows: Row[] = [
    field('cqoName', form.cqoName),
    field('idNumber', idNumberValue(d)),
    { label: '性别', value: d.sex === 'male' ? '男' : d.sex === 'female' ? '女' : null },
    { label: '出生日期', value: d.birthDate },
    field('position', form.position),
    field('mobile', form.mobile),
    field('email', form.email),
    field('degree', degrees.find((x) => x.code === form.degree)?.name),
    field('school', form.school),
    field('major', form.major),
    ...qualification,
  ];
  return section(
    'cqo',
    '二、首席质量官基本情况',
    h('p', { class: 'hint' }, '性别和出生日期由身份证号推算。'),
    facts(d, rows),
  );
}

function experience(d: FilingDetail) {
  const list = d.form.experiences ?? [];
  const reason = d.returnReasons.experiences;
  return section(
    'experience',
    `三、${fieldLabels.experiences}`,
    reason ? h('p', { class: 'return-note' }, `上次退回意见：${reason}`) : null,
    list.length === 0
      ? h('p', {}, empty())
      : scrollTable(
          '工作经历',
          ['起止时间', '工作单位', '职务', '负责旅游服务质量管理', '质量管理工作内容'],
          list.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, `${e.from || '?'} 至 ${e.to ?? '今'}`),
              h('td', { class: 'wrap-cell' }, e.employer),
              h('td', {}, e.position),
              h('td', {}, e.qualityDuties ? '是' : '否'),
              h('td', { class: 'wrap-cell' }, e.description),
            ),
          ),
        ),
    h(
      'p',
      {},
      `系统计算的质量管理工作经验：${formatMonths(d.eligibility.experienceMonths)}（重叠时段只计一次）`,
    ),
  );
}

function duties(d: FilingDetail) {
  const form = d.form;
  const list = (form.duties ?? []).filter(Boolean);
  return section(
    'duties',
    '四、任命与职责',
    facts(d, [
      field('appointedOn', form.appointedOn),
      field(
        'duties',
        list.length > 0
          ? h(
              'ol',
              {},
              list.map((x) => h('li', {}, x)),
            )
          : null,
      ),
    ]),
    h('h3', {}, '声明'),
    facts(d, [
      field('truthful', form.truthful ? '已承诺所填信息真实有效' : h('strong', {}, '未承诺')),
      field(
        'publishConsent',
        form.publishConsent === true
          ? '同意在公开查询中显示姓名'
          : form.publishConsent === false
            ? '不同意（认定后公开查询不显示姓名）'
            : null,
      ),
    ]),
  );
}

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

function attachmentItem(a: AttachmentInfo) {
  return h(
    'li',
    {},
    h('a', { href: a.url }, a.fileName),
    `（${typeNames[a.contentType] ?? a.contentType}，${formatFileSize(a.size)}，上传于 ${formatNumericTime(a.uploadedAt)}）`,
  );
}

function attachments(d: FilingDetail) {
  const rows: Row[] = attachmentKinds.map((k) => {
    const files = d.attachments.filter((a) => a.kind === k.code);
    return {
      label: `${k.name}${k.required ? '' : '（选交）'}`,
      value:
        files.length > 0
          ? h('ul', {}, files.map(attachmentItem))
          : k.required
            ? h('strong', {}, '未上传（必交）')
            : empty('未上传'),
    };
  });
  return section(
    'attachments',
    '五、附件',
    d.returnReasons.attachments
      ? h('p', { class: 'return-note' }, `上次退回意见：${d.returnReasons.attachments}`)
      : null,
    facts(d, rows),
  );
}

function training(d: FilingDetail) {
  const t = d.training;
  return section(
    'training',
    '六、培训情况',
    facts(d, [
      {
        label: '在线学时',
        value: `${t.onlineHours} 学时${t.onlineHours >= 20 ? '（已达到 20 学时）' : '（不足 20 学时）'}`,
      },
    ]),
    t.attempts.length === 0
      ? h('p', {}, '尚无专题培训记录。')
      : scrollTable(
          '专题培训记录',
          ['培训日期', '结果', '证书编号'],
          t.attempts.map((a) =>
            h(
              'tr',
              {},
              h('td', {}, a.date),
              h('td', {}, a.passed ? '合格' : '不合格'),
              h('td', {}, a.certificateNo ?? '—'),
            ),
          ),
        ),
  );
}

const actionNames: Record<string, string> = {
  ...Object.fromEntries(filingActions.map((a) => [a.code, a.name])),
  create: '创建草稿',
  reveal_id: '查看完整身份证号',
  supersede: '被变更备案替换',
};

function history(d: FilingDetail) {
  const transition = (from: string | null, to: string | null) =>
    from && to && from !== to
      ? `${filingStatusName(from)} → ${filingStatusName(to)}`
      : to
        ? filingStatusName(to)
        : '—';
  return section(
    'history',
    '审核记录',
    d.history.length === 0
      ? h('p', {}, '暂无记录。')
      : scrollTable(
          '审核记录表',
          ['时间', '操作人', '角色', '操作', '状态变化', '说明'],
          d.history.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, formatNumericTime(e.at)),
              h('td', {}, e.actorName),
              h('td', {}, roleName(e.actorRole)),
              h('td', {}, actionNames[e.action] ?? e.action),
              h('td', {}, transition(e.from, e.to)),
              h('td', { class: 'wrap-cell' }, e.reason ?? '—'),
            ),
          ),
        ),
  );
}

function onOutcome(outcome: ActionOutcome) {
  if (outcome.kind === 'conflict') {
    void reload().then(() => {
      say(
        '这份备案在您查看期间已被他人处理或状态已变化，您的操作未执行。页面已更新为最新状态，请核对后再操作。',
        true,
      );
      title?.focus();
    });
    return;
  }
  detail = outcome.filing;
  render();
  const done = filingActions.find((x) => x.code === outcome.action)?.name ?? outcome.action;
  const no =
    outcome.filing.filingNo && outcome.action === 'recognize' ? `备案编号：${outcome.filing.filingNo}。` : '';
  say(`已办理“${done}”。当前状态：${filingStatusName(outcome.filing.status)}。${no}`);
  title?.focus();
}

function render() {
  const d = detail;
  if (!d || !root) return;
  if (title) title.textContent = `${d.enterpriseName}：首席质量官备案`;
  document.title = `${d.enterpriseName} 备案审核 - 吉林省旅游行业首席质量官平台`;
  const parts: (HTMLElement | null)[] = [
    ...overview(d),
    toc(),
    eligibility(d),
    returnReasons(d),
    enterprise(d),
    cqo(d),
    experience(d),
    duties(d),
    attachments(d),
    training(d),
    history(d),
    actionPanel(d, onOutcome),
  ];
  root.replaceChildren(...parts.filter((x) => x !== null));
}

async function load(): Promise<FilingDetail | null> {
  try {
    return await api<FilingDetail>('GET', `/api/filings/${encodeURIComponent(id)}`);
  } catch (e) {
    if (!(e instanceof ApiFailure)) throw e;
    if (e.status === 401) toLogin();
    say(
      e.status === 404 || e.status === 403
        ? '未找到这份备案，或它不在您的审核范围内。'
        : `无法加载备案：${e.message}`,
      true,
    );
    return null;
  }
}

async function reload() {
  const next = await load();
  if (next) {
    detail = next;
    render();
  }
}

async function main() {
  const back = document.getElementById('back-to-queue');
  const queue = sessionStorage.getItem('review-queue');
  if (back && queue?.startsWith('/review/?')) back.setAttribute('href', queue);
  try {
    if (!(await requireRole(['city_tourism', 'province_tourism', 'market_regulation']))) return;
  } catch (e) {
    say(e instanceof Error ? e.message : String(e), true);
    return;
  }
  if (!id) {
    say('地址中缺少备案编号，请从审核工作台打开备案。', true);
    return;
  }
  detail = await load();
  if (!detail) return;
  render();
  say('');
}

void main();
