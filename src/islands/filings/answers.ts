/**
 * Words for a filing's answers, shared by the edit page's “核对并提交” step, the status page and the print page:
 * field labels for error paths, and the answers of each part of the form as label → value pairs.
 */
import type { AttachmentInfo, FilingDetail } from '../../shared/filings/answers.ts';
import { attachmentKinds, type FilingDraft, fieldLabels } from '../../shared/filings/form.ts';
import { formatDay, formatMonth, sexName } from '../../shared/formats.ts';
import { cityName, degrees, enterpriseTypeName } from '../../shared/labels.ts';

const experienceLeaves: Record<string, string> = {
  from: '开始年月',
  to: '结束年月',
  employer: '工作单位',
  position: '职务',
  qualityDuties: '是否负责质量管理',
  description: '质量管理工作内容',
};
const qualificationLeaves: Record<string, string> = {
  kind: '职业资格或同等专业能力证明',
  level: '证书级别',
  certificateNo: '证书编号',
  issuer: '发证机关',
  issuedOn: '发证日期',
  description: '同等专业能力说明',
};
const eligibilityLeaves: Record<string, string> = {
  degree: '任职条件：学历',
  qualification: '任职条件：职业资格',
  experience: '任职条件：工作经验',
};

export function attachmentKindName(code: string): string {
  return attachmentKinds.find((k) => k.code === code)?.name ?? code;
}

/** A label for a field path such as `experiences.1.from` (“第 2 段工作经历·开始年月”). */
export function labelOf(path: string): string {
  if (fieldLabels[path]) return fieldLabels[path];
  const [root = '', second, third] = path.split('.');
  if (root === 'experiences' && second !== undefined) {
    const leaf = third ? experienceLeaves[third] : undefined;
    return `第 ${Number(second) + 1} 段工作经历${leaf ? `·${leaf}` : ''}`;
  }
  if (root === 'qualification' && second)
    return qualificationLeaves[second] ?? fieldLabels.qualification ?? path;
  if (root === 'attachments' && second) return `附件：${attachmentKindName(second)}`;
  if (root === 'eligibility' && second) return eligibilityLeaves[second] ?? '任职条件';
  if (root === 'duties') return '主要工作职责';
  return fieldLabels[root] ?? path;
}

export const levelName = (level: string | undefined) =>
  level === 'senior' ? '高级' : level === 'intermediate' ? '中级' : '';

export function degreeName(code: string | undefined): string {
  return degrees.find((d) => d.code === code)?.name ?? '';
}

export function qualificationText(q: FilingDraft['qualification']): string {
  if (q?.kind === 'certificate') {
    const parts = [
      `${levelName(q.level) || '（未选级别）'}质量专业技术人员职业资格证书`,
      q.certificateNo ? `编号 ${q.certificateNo}` : '',
      q.issuer ? `发证机关 ${q.issuer}` : '',
      q.issuedOn ? `发证日期 ${formatDay(q.issuedOn)}` : '',
    ];
    return parts.filter(Boolean).join('，');
  }
  if (q?.kind === 'equivalent') return `同等专业能力证明：${q.description || '（未填写说明）'}`;
  return '';
}

export function periodText(e: { from: string; to: string | null }): string {
  return `${formatMonth(e.from) || '？'} — ${e.to === null ? '至今' : formatMonth(e.to) || '？'}`;
}

type Pair = [string, string | null];
export type AnswerPart = {
  step: number;
  title: string;
  pairs: Pair[];
  list?: { label: string; items: string[] };
};

/**
 * The answers of each part of the form. `enterprise` fields come from the filing (server-owned); `idNumber`
 * is what the page may show: the masked number, or a note that a new one waits to be saved.
 */
export function answerParts(
  form: FilingDraft,
  filing: Pick<FilingDetail, 'enterpriseName' | 'uscc' | 'enterpriseType' | 'city' | 'sex' | 'birthDate'>,
  idNumber: string | null,
  attachments: AttachmentInfo[],
): AnswerPart[] {
  const travel = filing.enterpriseType === 'travel_agency';
  const experiences = form.experiences ?? [];
  return [
    {
      step: 1,
      title: '企业信息',
      pairs: [
        ['企业名称', filing.enterpriseName],
        ['统一社会信用代码', filing.uscc],
        ['企业类型', enterpriseTypeName(filing.enterpriseType)],
        travel ? ['旅行社业务经营许可证编号', form.licenseNo ?? null] : ['等级', form.grade ?? null],
        ['所属市州', cityName(filing.city)],
        ['企业地址', form.address ?? null],
        ['法定代表人或主要负责人', form.legalRep ?? null],
        ['联系人', form.contactName ?? null],
        ['联系电话', form.contactPhone ?? null],
      ],
    },
    {
      step: 2,
      title: '首席质量官',
      pairs: [
        ['姓名', form.cqoName ?? null],
        ['居民身份证号码', idNumber],
        ['性别', sexName(filing.sex) || null],
        ['出生日期', formatDay(filing.birthDate) || null],
        ['现任职务', form.position ?? null],
        ['手机', form.mobile ?? null],
        ['电子邮箱', form.email ?? null],
      ],
    },
    {
      step: 3,
      title: '学历与资格',
      pairs: [
        ['最高学历', degreeName(form.degree) || null],
        ['毕业院校', form.school ?? null],
        ['所学专业', form.major ?? null],
        ['职业资格', qualificationText(form.qualification) || null],
      ],
    },
    {
      step: 4,
      title: '工作经历',
      pairs: [],
      list: {
        label: '工作经历',
        items: experiences.map(
          (e) =>
            `${periodText(e)}，${e.employer || '（未填单位）'}，${e.position || '（未填职务）'}，${
              e.qualityDuties ? '负责旅游服务质量管理' : '不负责质量管理（不计入经验）'
            }${e.description ? `：${e.description}` : ''}`,
        ),
      },
    },
    {
      step: 5,
      title: '任命与职责',
      pairs: [['任命日期', formatDay(form.appointedOn) || null]],
      list: { label: '主要工作职责', items: form.duties ?? [] },
    },
    {
      step: 6,
      title: '附件',
      pairs: attachmentKinds.map((k): Pair => {
        const names = attachments.filter((a) => a.kind === k.code).map((a) => a.fileName);
        return [
          k.name,
          names.length > 0 ? names.join('；') : k.required ? '未上传（必传）' : '未上传（可选）',
        ];
      }),
    },
    {
      step: 7,
      title: '声明',
      pairs: [
        ['真实性承诺', form.truthful ? '已承诺所填信息真实有效' : null],
        [
          '公开姓名',
          form.publishConsent === undefined ? null : form.publishConsent ? '同意公开姓名' : '不同意公开姓名',
        ],
      ],
    },
  ];
}

/**
 * How an error summary names a field: the step, then the label only as far as the message does not already
 * say it (“第 4 步·第 2 段工作经历” + “请填写工作单位”).
 */
export function summaryLabel(path: string, message: string, step: number | null): string {
  const parts = labelOf(path).split(/[·：]/);
  while (parts.length > 0 && message.includes(parts[parts.length - 1] ?? '')) parts.pop();
  return [step ? `第 ${step} 步` : '', ...parts].filter(Boolean).join('·');
}
