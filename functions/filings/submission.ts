/** What must be true of a filing before it can be submitted, as one message per field to change. */

import { listAttachments } from '../../db/queries/filings/attachments.ts';
import { type FilingRow, findActiveFilingOfPerson } from '../../db/queries/filings/filings.ts';
import { issuesToFields } from '../../src/shared/fields.ts';
import {
  attachmentKinds,
  eligibilityOf,
  experienceProblems,
  type FilingDraft,
  filingSubmission,
} from '../../src/shared/filings/form.ts';
import { type EnterpriseType, gradesOf } from '../../src/shared/labels.ts';
import type { Deps } from '../deps.ts';

/** Everything that would stop the filing from being submitted, keyed by field path. */
export async function submissionProblems(deps: Deps, filing: FilingRow): Promise<Record<string, string>> {
  const form = filing.form as FilingDraft;
  const problems: Record<string, string> = {};
  const parsed = filingSubmission.safeParse(form);
  if (!parsed.success) Object.assign(problems, issuesToFields(parsed.error.issues));
  const grades = gradesOf(filing.enterpriseType as EnterpriseType);
  if (grades.length > 0 && !grades.includes(form.grade ?? ''))
    problems.grade ??= `请选择等级：${grades.join('、')}`;
  if (filing.enterpriseType === 'travel_agency' && !form.licenseNo?.trim()) {
    problems.licenseNo ??= '旅行社请填写旅行社业务经营许可证编号';
  }
  if (!filing.idCipher) problems.idNumber = '请填写首席质量官的身份证号';
  Object.assign(problems, experienceProblems(form, deps.now()));
  for (const rule of eligibilityOf(form, deps.now()).rules) {
    if (!rule.met)
      problems[`eligibility.${rule.rule}`] =
        `不符合任职条件（${rule.title}）：${rule.detail}${rule.next ? `。${rule.next}` : ''}`;
  }
  const files = (await listAttachments(deps.db, filing.id)).filter((f) => !f.deletedAt);
  for (const kind of attachmentKinds) {
    if (kind.required && !files.some((f) => f.kind === kind.code))
      problems[`attachments.${kind.code}`] = `请上传${kind.name}`;
  }
  if (filing.idHash) {
    const other = await findActiveFilingOfPerson(deps.db, filing.idHash, filing.enterpriseId);
    if (other) {
      problems.idNumber =
        '此人已是另一家企业正在审核或有效的首席质量官。同一人不能同时担任两家企业的首席质量官；如已离职，请原企业先办理注销';
    }
  }
  return problems;
}
