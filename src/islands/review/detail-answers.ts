/**
 * The answers of the 登记表 on the reviewer's filing detail page, grouped as on the paper form: the enterprise,
 * the 首席质量官, work experience, appointment and duties, and the attachments.
 */
import type { AttachmentInfo, FilingDetail } from '../../shared/filings/answers.ts';
import { formatMonths } from '../../shared/filings/eligibility.ts';
import { attachmentKinds, fieldLabels } from '../../shared/filings/form.ts';
import { formatFileSize, formatNumericTime, sexName } from '../../shared/formats.ts';
import { cityName, enterpriseTypeName } from '../../shared/labels.ts';
import { degreeName } from '../filings/answers.ts';
import { deleteTrainingButton, trainingUpload } from '../filings/training-upload.ts';
import { type Child, h } from '../lib/dom.ts';
import { empty, facts, field, orEmpty, type Row, scrollTable, section } from './detail-blocks.ts';

export function enterprise(d: FilingDetail) {
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

// A draft may hold any level, 初级 included, and the reviewer must see exactly what was claimed.
const levelNames: Record<string, string> = { intermediate: '中级', senior: '高级', junior: '初级' };

/** `idNumber` is the masked number with its reveal controls, or the full number once revealed. */
export function cqo(d: FilingDetail, idNumber: Child[]) {
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
    field('idNumber', idNumber),
    { label: '性别', value: sexName(d.sex) },
    { label: '出生日期', value: d.birthDate },
    field('position', form.position),
    field('mobile', form.mobile),
    field('email', form.email),
    field('degree', degreeName(form.degree)),
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

export function experience(d: FilingDetail) {
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

export function duties(d: FilingDetail) {
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

function attachmentItem(a: AttachmentInfo, remove: HTMLButtonElement | null) {
  // Files deleted after submission stay on record for the reviewers, said so in words (not only struck through).
  const deleted = a.deletedAt ? `；已于 ${formatNumericTime(a.deletedAt)} 删除，企业不再看到` : '';
  return h(
    'li',
    {},
    a.deletedAt ? '（已删除）' : null,
    h('a', { href: a.url }, a.fileName),
    `（${typeNames[a.contentType] ?? a.contentType}，${formatFileSize(a.size)}，上传于 ${formatNumericTime(a.uploadedAt)}${deleted}）`,
    remove ? [' ', remove] : null,
  );
}

/** What the page does after a 培训证明 is uploaded or deleted here. */
export type FileActions = {
  onChange: () => Promise<void>;
  onLoggedOut: () => void;
  onError: (message: string) => void;
};

export function attachments(d: FilingDetail, actions?: FileActions) {
  // Market regulation may add (and remove) the 培训证明 once training starts.
  const trainingOpen = actions !== undefined && d.uploadKinds.includes('training');
  const rows: Row[] = attachmentKinds.map((k) => {
    const files = d.attachments.filter((a) => a.kind === k.code);
    const current = files.filter((a) => !a.deletedAt);
    const items = files.map((a) =>
      attachmentItem(
        a,
        trainingOpen && actions && a.kind === 'training' && !a.deletedAt
          ? deleteTrainingButton(d.id, a, actions)
          : null,
      ),
    );
    return {
      label: `${k.name}${k.required ? '' : '（选交）'}`,
      value: [
        current.length === 0 ? (k.required ? h('strong', {}, '未上传（必交）') : empty('未上传')) : null,
        items.length > 0 ? h('ul', {}, items) : null,
      ],
    };
  });
  return section(
    'attachments',
    '五、附件',
    d.returnReasons.attachments
      ? h('p', { class: 'return-note' }, `上次退回意见：${d.returnReasons.attachments}`)
      : null,
    facts(d, rows),
    trainingOpen && actions
      ? trainingUpload({
          filingId: d.id,
          idPrefix: 'review-training',
          onChange: actions.onChange,
          onLoggedOut: actions.onLoggedOut,
        })
      : null,
  );
}
