/**
 * The answers of a filing's 登记表, decided once for every view: the edit page's “核对并提交” step, the
 * enterprise's status page, the reviewer's detail page and the print page all show these sections, labels and
 * values. They differ only in layout (and in what each adds around them, such as training or history).
 */
import type { AttachmentInfo, FilingDetail } from '../../shared/filings/answers.ts';
import { formatMonths } from '../../shared/filings/eligibility.ts';
import { attachmentKinds, eligibilityOf, type FilingDraft } from '../../shared/filings/form.ts';
import { formatDay, formatMonth, sexName } from '../../shared/formats.ts';
import { cityName, degrees, enterpriseTypeName, gradeName } from '../../shared/labels.ts';

/** One answer. `text` is null when there is none yet; each view says “未填写” (or leaves a blank) its own way. */
export type Answer = {
  /** The form's field path (return reasons are keyed by it), or the filing's property the server fills in. */
  key: string;
  label: string;
  text: string | null;
  /** A list answer (the duties): `text` joins it, list views number it. */
  items?: string[];
  /** The files of one attachment kind (`text` names those not deleted), for views that link them. */
  files?: AttachmentInfo[];
  /** The choices of a declaration, for the paper form, which ticks boxes. */
  choices?: { text: string; chosen: boolean }[];
};

/** One job of the 工作经历: cells under `experienceColumns` for tables, one sentence for lists. */
export type ExperienceAnswer = { cells: string[]; line: string };

export type AnswerSection = {
  /** The form step that asks these questions. */
  step: number;
  title: string;
  answers: Answer[];
  /** Step 4 only. */
  experiences?: ExperienceAnswer[];
};

/** The parts of the paper 登记表, which the reviewer and print views follow: the steps each part holds. */
export const paperParts = [
  { key: 'enterprise', title: '一、企业基本情况', steps: [1] },
  { key: 'cqo', title: '二、首席质量官基本情况', steps: [2, 3] },
  { key: 'experience', title: '三、工作经历', steps: [4] },
  { key: 'duties', title: '四、任命与职责', steps: [5, 7] },
  { key: 'attachments', title: '五、附件', steps: [6] },
] as const;

export const experienceColumns = ['起止时间', '工作单位', '职务', '负责旅游服务质量管理', '质量管理工作内容'];

export const TRUTHFUL_TEXT =
  '本企业承诺：本登记表所填信息和上传的材料真实、准确、有效，如有不实，愿承担相应责任。';

// A draft may hold any level, 初级 included, and every view must show exactly what was claimed.
const levelNames: Record<string, string> = { intermediate: '中级', senior: '高级', junior: '初级' };

export type AnswerInput = {
  form: FilingDraft;
  filing: Pick<
    FilingDetail,
    | 'enterpriseName'
    | 'uscc'
    | 'enterpriseType'
    | 'city'
    | 'grade'
    | 'cqoName'
    | 'sex'
    | 'birthDate'
    | 'idNumberMasked'
    | 'attachments'
  >;
  /** What may be shown of the 身份证号, when not the masked number (e.g. that a new one waits to be saved). */
  idNumber?: string | null;
  /** The attachments now, when the page holds a newer list than the filing it loaded. */
  attachments?: AttachmentInfo[];
};

const answer = (key: string, label: string, text: string | null | undefined): Answer => ({
  key,
  label,
  text: text ? text : null,
});

export function degreeName(code: string | undefined): string {
  return degrees.find((d) => d.code === code)?.name ?? '';
}

function periodText(e: { from: string; to: string | null }): string {
  return `${formatMonth(e.from) || '？'} — ${e.to === null ? '至今' : formatMonth(e.to) || '？'}`;
}

function enterprise({ form, filing }: AnswerInput): Answer[] {
  const travel = filing.enterpriseType === 'travel_agency';
  return [
    answer('enterpriseName', '企业名称', filing.enterpriseName),
    answer('uscc', '统一社会信用代码', filing.uscc),
    answer('enterpriseType', '企业类型', enterpriseTypeName(filing.enterpriseType)),
    answer('grade', '等级', gradeName(filing.enterpriseType, form.grade ?? filing.grade)),
    ...(travel ? [answer('licenseNo', '旅行社业务经营许可证编号', form.licenseNo)] : []),
    answer('city', '所属市州', cityName(filing.city)),
    answer('address', '企业地址', form.address),
    answer('legalRep', '法定代表人或主要负责人', form.legalRep),
    answer('contactName', '联系人', form.contactName),
    answer('contactPhone', '联系电话', form.contactPhone),
  ];
}

function cqo({ form, filing, idNumber }: AnswerInput): Answer[] {
  return [
    answer('cqoName', '姓名', form.cqoName ?? filing.cqoName),
    answer('idNumber', '居民身份证号码', idNumber === undefined ? filing.idNumberMasked : idNumber),
    answer('sex', '性别', sexName(filing.sex)),
    answer('birthDate', '出生日期', formatDay(filing.birthDate)),
    answer('position', '现任职务', form.position),
    answer('mobile', '手机', form.mobile),
    answer('email', '电子邮箱', form.email),
  ];
}

function education({ form }: AnswerInput): Answer[] {
  const q = form.qualification;
  const qualification =
    q?.kind === 'certificate'
      ? [
          answer(
            'qualification',
            '职业资格',
            `${levelNames[q.level ?? ''] ?? '（未选级别）'}质量专业技术人员职业资格证书`,
          ),
          answer('qualification.certificateNo', '证书编号', q.certificateNo),
          answer('qualification.issuer', '发证机关', q.issuer),
          answer('qualification.issuedOn', '发证日期', formatDay(q.issuedOn)),
        ]
      : q?.kind === 'equivalent'
        ? [
            answer('qualification', '职业资格', '同等专业能力证明'),
            answer('qualification.description', '同等专业能力说明', q.description),
          ]
        : [answer('qualification', '职业资格', null)];
  return [
    answer('degree', '最高学历', degreeName(form.degree)),
    answer('school', '毕业院校', form.school),
    answer('major', '所学专业', form.major),
    ...qualification,
  ];
}

function experiences({ form }: AnswerInput): ExperienceAnswer[] {
  return (form.experiences ?? []).map((e) => ({
    cells: [periodText(e), e.employer, e.position, e.qualityDuties ? '是' : '否', e.description],
    line: `${periodText(e)}，${e.employer || '（未填单位）'}，${e.position || '（未填职务）'}，${
      e.qualityDuties ? '负责旅游服务质量管理' : '不负责质量管理（不计入经验）'
    }${e.description ? `：${e.description}` : ''}`,
  }));
}

function appointment({ form }: AnswerInput): Answer[] {
  const duties = (form.duties ?? []).filter(Boolean);
  return [
    answer('appointedOn', '任命日期', formatDay(form.appointedOn)),
    { ...answer('duties', '主要工作职责', duties.join('；')), items: duties },
  ];
}

/** A kind's files, newest first. */
export function newestFirst(files: AttachmentInfo[]): AttachmentInfo[] {
  return [...files].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

/**
 * What a file is worth among its kind's: 已被替换 when a later submission brought new files of the kind (the
 * newer ones are then 当前文件), nothing when the kind was never uploaded again.
 */
export function fileStanding(a: AttachmentInfo, kindFiles: AttachmentInfo[]): string | null {
  if (a.deletedAt) return null;
  if (a.replaced) return '已被替换';
  return kindFiles.some((f) => f.replaced && !f.deletedAt) ? '当前文件' : null;
}

function attachmentAnswers({ filing, attachments = filing.attachments }: AnswerInput): Answer[] {
  return attachmentKinds.map((k) => {
    const files = newestFirst(attachments.filter((a) => a.kind === k.code));
    const names = files.filter((a) => !a.deletedAt && !a.replaced).map((a) => a.fileName);
    const none = k.required ? '未上传（必传）' : '未上传（可选）';
    return { ...answer(`attachments.${k.code}`, k.name, names.join('；') || none), files };
  });
}

function declarations({ form }: AnswerInput): Answer[] {
  const consent = form.publishConsent;
  return [
    {
      ...answer('truthful', '真实性承诺', form.truthful ? '已承诺所填信息真实有效' : null),
      choices: [{ text: TRUTHFUL_TEXT, chosen: form.truthful === true }],
    },
    {
      ...answer(
        'publishConsent',
        '公开姓名',
        consent === undefined ? null : consent ? '同意公开姓名' : '不同意公开姓名',
      ),
      choices: [
        { text: '同意公开姓名', chosen: consent === true },
        { text: '不同意公开姓名', chosen: consent === false },
      ],
    },
  ];
}

/** Every answer of the filing, by form step. */
export function filingAnswers(input: AnswerInput): AnswerSection[] {
  const months = formatMonths(eligibilityOf(input.form).experienceMonths);
  return [
    { step: 1, title: '企业信息', answers: enterprise(input) },
    { step: 2, title: '首席质量官', answers: cqo(input) },
    { step: 3, title: '学历与资格', answers: education(input) },
    {
      step: 4,
      title: '工作经历',
      answers: [answer('experienceMonths', '累计旅游服务质量管理工作经验', months)],
      experiences: experiences(input),
    },
    { step: 5, title: '任命与职责', answers: appointment(input) },
    { step: 6, title: '附件', answers: attachmentAnswers(input) },
    { step: 7, title: '声明', answers: declarations(input) },
  ];
}

/** The sections of the given steps, in order (one part of the paper form). */
export function sectionsOf(sections: AnswerSection[], steps: readonly number[]): AnswerSection[] {
  return sections.filter((s) => steps.includes(s.step));
}

/** The answers with the given keys, in the order asked. */
export function pick(sections: AnswerSection[], keys: string[]): Answer[] {
  const all = sections.flatMap((s) => s.answers);
  return keys.flatMap((key) => all.filter((a) => a.key === key));
}
