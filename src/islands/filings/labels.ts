/**
 * Names of the 登记表's field paths, for error summaries, return reasons and notes: `experiences.1.from` is
 * “第 2 段工作经历·开始年月”.
 */
import { attachmentKinds, fieldLabels } from '../../shared/filings/form.ts';

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

/**
 * How an error summary names a field: the step, then the label only as far as the message does not already
 * say it (“第 4 步·第 2 段工作经历” + “请填写工作单位”).
 */
export function summaryLabel(path: string, message: string, step: number | null): string {
  const parts = labelOf(path).split(/[·：]/);
  while (parts.length > 0 && message.includes(parts[parts.length - 1] ?? '')) parts.pop();
  return [step ? `第 ${step} 步` : '', ...parts].filter(Boolean).join('·');
}
