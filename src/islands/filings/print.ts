/** The print-ready A4 备案登记表: every answer in bordered tables, then the declarations and signature boxes. */

import type { FilingDetail } from '../../shared/filings/answers.ts';
import { formatMonths } from '../../shared/filings/eligibility.ts';
import { eligibilityOf } from '../../shared/filings/form.ts';
import { formatDay, formatMonth, sexName } from '../../shared/formats.ts';
import { cityName, enterpriseTypeName } from '../../shared/labels.ts';
import { goToLogin, queryId } from '../lib/account-ui.ts';
import { ApiFailure, call } from '../lib/api.ts';
import { client } from '../lib/client.ts';
import { h } from '../lib/dom.ts';
import { showErrors } from '../lib/forms.ts';
import { degreeName, qualificationText } from './answers.ts';

type Cell = string | Node | null | undefined;

const filingId = queryId();

/** A row of label/value pairs; a single pair spans the whole width. */
function row(...pairs: [string, Cell][]): HTMLTableRowElement {
  const tr = h('tr');
  for (const [label, value] of pairs) {
    tr.append(
      h('th', { scope: 'row' }, label),
      h('td', { colspan: pairs.length === 1 ? 3 : null }, value ?? ''),
    );
  }
  return tr;
}

function table(caption: string, ...rows: HTMLTableRowElement[]): HTMLTableElement {
  return h('table', null, h('caption', null, caption), h('tbody', null, ...rows));
}

function box(checked: boolean): HTMLSpanElement {
  return h('span', { class: 'box', 'aria-hidden': 'true' }, checked ? '✓' : '');
}

function choice(checked: boolean, text: string): HTMLSpanElement {
  return h(
    'span',
    null,
    box(checked),
    h('span', { class: 'visually-hidden' }, checked ? '（已选）' : '（未选）'),
    text,
  );
}

function render(f: FilingDetail) {
  const form = f.form;
  const travel = f.enterpriseType === 'travel_agency';
  const experiences = form.experiences ?? [];
  const meta = document.querySelector('#sheet-meta');
  meta?.replaceChildren(
    h('span', null, `备案编号：${f.filingNo ?? '（认定后发放）'}`),
    h('span', null, `打印日期：${formatDay(new Date().toISOString())}`),
  );

  const enterprise = table(
    '一、企业基本情况',
    row(['企业名称', f.enterpriseName]),
    row(['统一社会信用代码', f.uscc], ['企业类型', enterpriseTypeName(f.enterpriseType)]),
    travel
      ? row(['旅行社业务经营许可证编号', form.licenseNo], ['所属市州', cityName(f.city)])
      : row(['等级', form.grade ?? f.grade], ['所属市州', cityName(f.city)]),
    row(['企业地址', form.address]),
    row(['法定代表人或主要负责人', form.legalRep], ['联系人', form.contactName]),
    row(['联系电话', form.contactPhone]),
  );

  const cqo = table(
    '二、拟任首席质量官基本情况',
    row(['姓名', form.cqoName ?? f.cqoName], ['性别', sexName(f.sex)]),
    row(['居民身份证号码', f.idNumberMasked], ['出生日期', formatDay(f.birthDate)]),
    row(['现任职务', form.position], ['手机', form.mobile]),
    row(['电子邮箱', form.email]),
    row(['最高学历', degreeName(form.degree)], ['毕业院校', form.school]),
    row(['所学专业', form.major], ['任命日期', formatDay(form.appointedOn)]),
    row(['职业资格', qualificationText(form.qualification)]),
  );

  const months = eligibilityOf(form).experienceMonths;
  const work = h(
    'table',
    { class: 'experiences' },
    h('caption', null, '三、工作经历'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ...['起止时间', '工作单位', '职务', '负责质量管理', '质量管理工作内容'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      ...experiences.map((e) =>
        h(
          'tr',
          null,
          h('td', null, `${formatMonth(e.from)}—${e.to === null ? '至今' : formatMonth(e.to)}`),
          h('td', null, e.employer),
          h('td', null, e.position),
          h('td', null, e.qualityDuties ? '是' : '否'),
          h('td', null, e.description),
        ),
      ),
      h(
        'tr',
        null,
        h('th', { scope: 'row', colspan: 2 }, '累计旅游服务质量管理工作经验'),
        h('td', { colspan: 3 }, formatMonths(months)),
      ),
    ),
  );

  const duties = form.duties ?? [];
  const dutyTable = table(
    '四、主要工作职责',
    h('tr', null, h('td', { colspan: 4 }, h('ol', null, ...duties.map((d) => h('li', null, d))))),
  );

  const hours = f.training?.onlineHours ?? 0;
  const passed = (f.training?.attempts ?? []).find((a) => a.passed);
  const training = table(
    '五、培训情况',
    row(
      ['在线学时', hours > 0 ? `${hours} 学时` : ''],
      ['专题培训', passed ? `${formatDay(passed.date)} 合格` : ''],
    ),
    row(['培训证书编号', passed?.certificateNo ?? '']),
  );

  const declarations = table(
    '六、声明',
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, '真实性承诺'),
      h(
        'td',
        { colspan: 3 },
        choice(
          form.truthful === true,
          '本企业承诺：本登记表所填信息和上传的材料真实、准确、有效，如有不实，愿承担相应责任。',
        ),
      ),
    ),
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, '公开姓名'),
      h(
        'td',
        { colspan: 3 },
        h(
          'p',
          null,
          '认定后在公开查询中公布首席质量官姓名、企业名称和备案状态（《个人信息保护法》），首席质量官本人：',
        ),
        choice(form.publishConsent === true, '同意公开姓名　'),
        choice(form.publishConsent === false, '不同意公开姓名'),
      ),
    ),
  );

  const signatures = h(
    'table',
    { class: 'sign' },
    h('caption', null, '七、签章'),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, '企业盖章'),
        h('th', { scope: 'col' }, '法定代表人签字'),
        h('th', { scope: 'col' }, '首席质量官签字'),
      ),
    ),
    h(
      'tbody',
      null,
      h('tr', { class: 'blank' }, h('td', null, ''), h('td', null, ''), h('td', null, '')),
      h('tr', null, h('td', { class: 'date', colspan: 3 }, '日期：　　　　年　　月　　日')),
    ),
  );

  document
    .querySelector('#sheet-body')
    ?.replaceChildren(enterprise, cqo, work, dutyTable, training, declarations, signatures);
  document
    .querySelector('#back-link')
    ?.setAttribute(
      'href',
      `/filing/${f.status === 'draft' || f.status === 'returned' ? 'edit' : 'view'}/?id=${encodeURIComponent(f.id)}`,
    );
}

async function load() {
  const status = document.querySelector('#print-status');
  if (status) status.textContent = '正在加载……';
  const errors = document.querySelector<HTMLElement>('#print-errors');
  if (!filingId) {
    if (status) status.textContent = '';
    if (errors)
      showErrors(errors, { _: '地址中缺少备案编号。请从备案登记表或备案详情打开打印页。' }, '无法打印');
    return;
  }
  try {
    const f = await call(client.api.filings[':id'].$get({ param: { id: encodeURIComponent(filingId) } }));
    render(f);
    if (status) status.textContent = '';
    for (const id of ['#print-actions']) {
      const el = document.querySelector<HTMLElement>(id);
      if (el) el.hidden = false;
    }
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) {
      goToLogin();
      return;
    }
    if (status) status.textContent = '';
    const message =
      e instanceof ApiFailure && (e.status === 404 || e.status === 403)
        ? '未找到这份备案，或您无权查看。'
        : (e as Error).message;
    if (errors) showErrors(errors, { _: message }, '无法打印');
  }
}

document.querySelector('#print-button')?.addEventListener('click', () => window.print());
load();
