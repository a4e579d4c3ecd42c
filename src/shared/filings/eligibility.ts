/**
 * 任职条件 of the notice, 二（二）: 大学本科及以上学历; 中级及以上质量专业技术人员职业资格证书 or 同等专业能力证明;
 * 3 年以上旅游服务行业质量管理工作经验. Checked on submit and shown to reviewers; an unmet rule is never a
 * silent pass.
 */

import { chinaDate } from '../china-date.ts';
import { type Degree, degrees } from '../labels.ts';

/**
 * The other 任职条件 of 二（二）, worded as in the notice. No answer in a form can prove them, so neither the
 * self-check nor the filing API decides them: the enterprise judges them itself when it appoints its CQO.
 */
export const SELF_ASSESSED_CONDITIONS = [
  '熟悉国家有关质量法律法规和政策，特别是旅游行业的相关法规',
  '具备良好的职业道德和敬业精神，诚实守信、敢于负责',
  '具备出色的沟通、协调、组织管理能力',
] as const;

/** 3 年以上: in Chinese regulatory usage "以上" includes the number itself, so exactly 36 months qualifies. */
export const REQUIRED_EXPERIENCE_MONTHS = 36;

export type Qualification =
  | { kind: 'certificate'; level: 'intermediate' | 'senior' | 'junior' }
  | { kind: 'equivalent'; hasProof: boolean }
  | { kind: 'none' };

export type ExperienceEntry = {
  /** YYYY-MM */
  from: string;
  /** YYYY-MM, or null for 至今 */
  to: string | null;
  /** Whether the job was tourism service quality management. */
  qualityDuties: boolean;
};

export type EligibilityInput = {
  degree: Degree;
  qualification: Qualification;
  experiences: ExperienceEntry[];
};

export type EligibilityRule = {
  rule: 'degree' | 'qualification' | 'experience';
  met: boolean;
  title: string;
  detail: string;
  next?: string;
};

export type EligibilityResult = {
  eligible: boolean;
  rules: EligibilityRule[];
  experienceMonths: number;
};

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const levelNames = { junior: '初级', intermediate: '中级', senior: '高级' } as const;

/**
 * Checks the three 任职条件 and reports, per rule, what was found and what to do when it is not met.
 * Experience counts only entries with quality-management duties, merges overlapping periods (months are
 * inclusive: 2021-01 to 2021-12 is 12 months), treats `to: null` as the current month at `today` (China time)
 * and skips entries that `checkExperienceEntry` rejects.
 */
export function checkEligibility(input: EligibilityInput, today: Date = new Date()): EligibilityResult {
  const experience = experienceRule(input.experiences, today);
  const rules = [degreeRule(input.degree), qualificationRule(input.qualification), experience.rule];
  return {
    eligible: rules.every((r) => r.met),
    rules,
    experienceMonths: experience.months,
  };
}

/**
 * Returns a message saying what to correct when a work-experience entry cannot be counted (malformed month,
 * start in the future, end before start, end in the future), or `null` when the entry is fine.
 */
export function checkExperienceEntry(entry: ExperienceEntry, today: Date = new Date()): string | null {
  const from = parseYearMonth(entry.from);
  if (from === null) return '请选择这段工作经历的开始年月';
  const now = currentMonthIndex(today);
  if (from > now) return '这段工作经历的开始年月晚于本月，请更正开始年月';
  if (entry.to === null) return null;
  const to = parseYearMonth(entry.to);
  if (to === null) return '请选择这段工作经历的结束年月；如仍在职，请选择“至今”';
  if (to < from) return '这段工作经历的结束年月早于开始年月，请核对起止时间';
  if (to > now) return '这段工作经历的结束年月晚于本月；如仍在职，请选择“至今”';
  return null;
}

/**
 * Months of experience in words: `3 年 2 个月`, `3 年`, `11 个月`, `0 个月`. Negative or fractional input is
 * floored to a whole number of months, not below 0.
 */
export function formatMonths(months: number): string {
  const total = Number.isFinite(months) ? Math.max(0, Math.floor(months)) : 0;
  const years = Math.floor(total / 12);
  const rest = total % 12;
  if (years === 0) return `${rest} 个月`;
  return rest === 0 ? `${years} 年` : `${years} 年 ${rest} 个月`;
}

function degreeRule(degree: Degree): EligibilityRule {
  const title = '学历：大学本科及以上';
  const found = degrees.find((d) => d.code === degree);
  if (found === undefined) {
    return {
      rule: 'degree',
      met: false,
      title,
      detail: '未填写最高学历',
      next: '请选择首席质量官的最高学历，并上传学历证书',
    };
  }
  if (found.eligible) {
    return { rule: 'degree', met: true, title, detail: `已填写：${found.name}` };
  }
  return {
    rule: 'degree',
    met: false,
    title,
    detail: `已填写：${found.name}`,
    next: '首席质量官须具备大学本科及以上学历。如最高学历填写有误，请更正并上传学历证书；否则请另行选任符合条件的人员',
  };
}

function qualificationRule(q: Qualification): EligibilityRule {
  const title = '职业资格：中级及以上质量专业技术人员职业资格证书，或同等专业能力证明';
  switch (q.kind) {
    case 'certificate': {
      const detail = `已填写：${levelNames[q.level]}质量专业技术人员职业资格证书`;
      if (q.level !== 'junior') return { rule: 'qualification', met: true, title, detail };
      return {
        rule: 'qualification',
        met: false,
        title,
        detail,
        next: '初级职业资格证书不符合要求，须为中级或高级。如已取得中级及以上证书，请更正并上传证书；也可改为提供同等专业能力证明并上传证明材料',
      };
    }
    case 'equivalent':
      if (q.hasProof) {
        return {
          rule: 'qualification',
          met: true,
          title,
          detail: '已填写：同等专业能力证明（已上传证明材料）',
        };
      }
      return {
        rule: 'qualification',
        met: false,
        title,
        detail: '已填写同等专业能力证明，但尚未上传证明材料',
        next: '请上传同等专业能力证明材料（PDF、JPEG 或 PNG）',
      };
    default:
      return {
        rule: 'qualification',
        met: false,
        title,
        detail: '未填写职业资格证书或同等专业能力证明',
        next: '请填写中级或高级质量专业技术人员职业资格证书（证书编号、发证机关、发证日期）并上传证书，或提供同等专业能力证明并上传证明材料',
      };
  }
}

function experienceRule(entries: ExperienceEntry[], today: Date): { rule: EligibilityRule; months: number } {
  const title = '工作经验：3 年以上旅游服务行业质量管理工作经验';
  const now = currentMonthIndex(today);
  const intervals: Array<[number, number]> = [];
  let skipped = 0;
  for (const entry of entries) {
    if (!entry.qualityDuties) continue;
    if (checkExperienceEntry(entry, today) !== null) {
      skipped++;
      continue;
    }
    // Both parse: checkExperienceEntry accepted the entry.
    const from = parseYearMonth(entry.from) ?? now;
    const to = entry.to === null ? now : (parseYearMonth(entry.to) ?? now);
    intervals.push([from, to]);
  }
  const months = mergedLength(intervals);

  // Tell the enterprise about entries left out, so a wrong date never looks like missing experience.
  const skippedNote = skipped > 0 ? `；另有 ${skipped} 段质量管理工作经历的起止时间有误，未计入` : '';
  const detail = `已累计 ${formatMonths(months)}${skippedNote}`;
  if (months >= REQUIRED_EXPERIENCE_MONTHS) {
    return { rule: { rule: 'experience', met: true, title, detail }, months };
  }
  const fix = skipped > 0 ? '请先更正起止时间有误的工作经历；' : '';
  return {
    rule: {
      rule: 'experience',
      met: false,
      title,
      detail,
      next: `还差 ${formatMonths(REQUIRED_EXPERIENCE_MONTHS - months)}。${fix}请补充承担旅游服务质量管理职责的工作经历（只统计勾选了质量管理职责的经历，重叠时段不重复计算），或另行选任符合条件的人员`,
    },
    months,
  };
}

// Total number of months covered by inclusive month intervals, overlaps counted once.
function mergedLength(intervals: Array<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const [from, to] of sorted) {
    if (current !== null && from <= current[1] + 1) {
      current[1] = Math.max(current[1], to);
      continue;
    }
    if (current !== null) total += current[1] - current[0] + 1;
    current = [from, to];
  }
  if (current !== null) total += current[1] - current[0] + 1;
  return total;
}

function parseYearMonth(s: string): number | null {
  const m = YEAR_MONTH.exec(s);
  if (m === null) return null;
  return Number(m[1]) * 12 + (Number(m[2]) - 1);
}

function currentMonthIndex(today: Date): number {
  const { year, month } = chinaDate(today);
  return year * 12 + (month - 1);
}
