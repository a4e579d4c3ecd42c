/**
 * The 备案登记表 (filing form): its fields, labels and rules. Drafts may be incomplete; `filingSubmission`
 * is what a complete, submittable form must satisfy. The same schema runs in the browser and in the API.
 */
import { z } from 'zod';
import {
  contactPhoneField,
  dateField,
  emailField,
  mobileField,
  monthField,
  multilineText,
  optionalText,
  personName,
  text,
} from '../fields.ts';
import { degreeCodes, type EnterpriseType, gradesOf } from '../labels.ts';
import { checkEligibility, checkExperienceEntry, type EligibilityInput } from './eligibility.ts';

export const attachmentKinds = [
  { code: 'degree', name: '学历证书', required: true },
  { code: 'qualification', name: '职业资格证书或同等专业能力证明', required: true },
  { code: 'appointment', name: '任命文件', required: true },
  { code: 'experience', name: '工作经历证明', required: false },
  { code: 'training', name: '培训证明', required: false },
  { code: 'stamped_form', name: '盖章登记表扫描件', required: true },
] as const;
export type AttachmentKind = (typeof attachmentKinds)[number]['code'];
export const attachmentKindCodes = attachmentKinds.map((k) => k.code) as [
  AttachmentKind,
  ...AttachmentKind[],
];

const experience = z.object({
  from: monthField,
  /** null = 至今 */
  to: monthField.nullable(),
  employer: text('工作单位', 100),
  position: text('职务', 50),
  /** Whether the job was tourism service quality management (counts towards the 3 years). */
  qualityDuties: z.boolean({ error: '请说明这段工作是否负责旅游服务质量管理' }),
  description: multilineText('质量管理工作内容', 500),
});

const qualification = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('certificate'),
      level: z.enum(['intermediate', 'senior'], { error: '职业资格须为中级或高级；初级不符合任职条件' }),
      certificateNo: text('证书编号', 50),
      issuer: text('发证机关', 100),
      issuedOn: dateField,
    }),
    z.object({
      kind: z.literal('equivalent'),
      description: multilineText('同等专业能力说明', 1000),
    }),
  ],
  { error: '请选择职业资格证书或同等专业能力证明' },
);

/** Every field of a complete form. Server-owned fields (status, city, filingNo, times) are not here. */
export const filingSubmission = z.object({
  // 企业信息 (name, 统一社会信用代码, type and 市州 come from the enterprise account)
  // Required or not depending on the enterprise type: checked beside the schema, with type-specific messages.
  grade: optionalText('等级', 20).nullish(),
  licenseNo: optionalText('许可证编号', 50).nullish(),
  address: text('企业地址', 200),
  legalRep: personName('法定代表人或主要负责人', 50),
  contactName: personName('联系人', 50),
  contactPhone: contactPhoneField,
  // 首席质量官
  cqoName: personName('首席质量官姓名', 50),
  position: text('现任职务', 50),
  mobile: mobileField,
  email: emailField,
  degree: z.enum(degreeCodes, { error: '请选择最高学历' }),
  school: text('毕业院校', 100),
  major: text('所学专业', 100),
  qualification,
  experiences: z.array(experience).min(1, '请至少填写一段工作经历').max(20, '工作经历最多 20 段'),
  appointedOn: dateField,
  duties: z
    .array(text('每项职责', 200))
    .min(1, '请至少选择或填写一项主要工作职责')
    .max(30, '主要工作职责最多 30 项'),
  // 声明
  truthful: z.literal(true, { error: '请确认承诺所填信息真实有效' }),
  publishConsent: z.boolean({ error: '请选择是否同意公开姓名' }),
});
export type FilingForm = z.infer<typeof filingSubmission>;

/** A draft: any subset of the form, each value bounded so a draft cannot grow without limit. */
export const filingDraft = z
  .object({
    grade: optionalText('等级', 20).nullable(),
    licenseNo: optionalText('许可证编号', 50).nullable(),
    address: optionalText('企业地址', 200),
    legalRep: optionalText('法定代表人/主要负责人', 50, 'name'),
    contactName: optionalText('联系人', 50, 'name'),
    contactPhone: optionalText('联系电话', 30),
    cqoName: optionalText('姓名', 50, 'name'),
    position: optionalText('现任职务', 50),
    mobile: optionalText('手机', 20),
    email: optionalText('电子邮箱', 100),
    degree: z.enum(degreeCodes),
    school: optionalText('毕业院校', 100),
    major: optionalText('专业', 100),
    qualification: z.object({
      kind: z.enum(['certificate', 'equivalent']),
      level: optionalText('职业资格等级', 20).optional(),
      certificateNo: optionalText('证书编号', 50).optional(),
      issuer: optionalText('发证机关', 100).optional(),
      issuedOn: optionalText('发证日期', 10).optional(),
      description: optionalText('同等专业能力说明', 1000, 'lines').optional(),
    }),
    experiences: z
      .array(
        z.object({
          from: optionalText('起始年月', 7),
          to: optionalText('终止年月', 7).nullable(),
          employer: optionalText('工作单位', 100),
          position: optionalText('职务', 50),
          qualityDuties: z.boolean(),
          description: optionalText('质量管理工作内容', 500, 'lines'),
        }),
      )
      .max(20),
    appointedOn: optionalText('任命日期', 10),
    duties: z.array(optionalText('每项职责', 200)).max(30),
    truthful: z.boolean(),
    publishConsent: z.boolean(),
  })
  .partial()
  .strict();
export type FilingDraft = z.infer<typeof filingDraft>;

/** Labels for every field path, used by error summaries and by reviewers' per-field return reasons. */
export const fieldLabels: Record<string, string> = {
  grade: '等级',
  licenseNo: '旅行社业务经营许可证编号',
  address: '企业地址',
  legalRep: '法定代表人/主要负责人',
  contactName: '联系人',
  contactPhone: '联系电话',
  cqoName: '姓名',
  idNumber: '身份证号',
  position: '现任职务',
  mobile: '手机',
  email: '电子邮箱',
  degree: '最高学历',
  school: '毕业院校',
  major: '专业',
  qualification: '职业资格或同等专业能力证明',
  experiences: '工作经历',
  appointedOn: '任命日期',
  duties: '主要工作职责',
  truthful: '真实性承诺',
  publishConsent: '公开姓名的同意',
  attachments: '附件',
};

/**
 * The fields a reviewer may send back to an enterprise of this type, with their labels: a 旅行社 has no grade,
 * and only a 旅行社 has a 旅行社业务经营许可证.
 */
export function returnableFields(enterpriseType: string): [string, string][] {
  return Object.entries(fieldLabels).filter(([path]) => {
    if (path === 'grade') return gradesOf(enterpriseType as EnterpriseType).length > 0;
    if (path === 'licenseNo') return enterpriseType === 'travel_agency';
    return true;
  });
}

/** The eligibility rules of 二(二) applied to a (possibly incomplete) form. */
export function eligibilityOf(form: FilingDraft, today?: Date) {
  const q = form.qualification;
  const input: EligibilityInput = {
    degree: form.degree ?? 'below_bachelor',
    qualification:
      q?.kind === 'certificate'
        ? { kind: 'certificate', level: (q.level as 'intermediate' | 'senior' | 'junior') ?? 'junior' }
        : q?.kind === 'equivalent'
          ? { kind: 'equivalent', hasProof: Boolean(q.description) }
          : { kind: 'none' },
    experiences: (form.experiences ?? []).map((e) => ({
      from: e.from,
      to: e.to,
      qualityDuties: e.qualityDuties,
    })),
  };
  return checkEligibility(input, today);
}

/** Problems with the experience entries' dates, keyed by field path. */
export function experienceProblems(form: FilingDraft, today?: Date): Record<string, string> {
  const out: Record<string, string> = {};
  (form.experiences ?? []).forEach((e, i) => {
    const message = checkExperienceEntry({ from: e.from, to: e.to, qualityDuties: e.qualityDuties }, today);
    if (message) out[`experiences.${i}.from`] = message;
  });
  return out;
}
