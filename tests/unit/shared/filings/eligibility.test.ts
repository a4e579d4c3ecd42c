import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  checkExperienceEntry,
  type EligibilityInput,
  formatMonths,
} from '../../../../src/shared/filings/eligibility.ts';

const today = new Date('2025-06-15T12:00:00+08:00');

const qualified: EligibilityInput = {
  degree: 'bachelor',
  qualification: { kind: 'certificate', level: 'intermediate' },
  experiences: [{ from: '2020-01', to: '2024-12', qualityDuties: true }],
};

function rule(input: EligibilityInput, name: 'degree' | 'qualification' | 'experience') {
  const found = checkEligibility(input, today).rules.find((r) => r.rule === name);
  if (found === undefined) throw new Error(`rule ${name} missing`);
  return found;
}

describe('任职条件', () => {
  it('shows all three rules as met for a qualified candidate', () => {
    const r = checkEligibility(qualified, today);
    expect(r.eligible).toBe(true);
    expect(r.experienceMonths).toBe(60);
    expect(r.rules.map((x) => [x.rule, x.met])).toEqual([
      ['degree', true],
      ['qualification', true],
      ['experience', true],
    ]);
    for (const x of r.rules) expect(x.next).toBeUndefined();
  });

  describe('学历', () => {
    it('shows the degree entered and accepts 本科, 硕士 and 博士', () => {
      expect(rule({ ...qualified, degree: 'master' }, 'degree')).toEqual({
        rule: 'degree',
        met: true,
        title: '学历：大学本科及以上',
        detail: '已填写：硕士研究生',
      });
      expect(rule({ ...qualified, degree: 'bachelor' }, 'degree').met).toBe(true);
      expect(rule({ ...qualified, degree: 'doctor' }, 'degree').met).toBe(true);
    });

    it('tells the enterprise a 大专 degree is not enough and what to do', () => {
      const r = checkEligibility({ ...qualified, degree: 'below_bachelor' }, today);
      expect(r.eligible).toBe(false);
      const degree = r.rules[0];
      expect(degree?.met).toBe(false);
      expect(degree?.detail).toBe('已填写：大专及以下');
      expect(degree?.next).toContain('须具备大学本科及以上学历');
    });
  });

  describe('职业资格', () => {
    it('accepts an intermediate or senior certificate', () => {
      expect(rule(qualified, 'qualification')).toEqual({
        rule: 'qualification',
        met: true,
        title: '职业资格：中级及以上质量专业技术人员职业资格证书，或同等专业能力证明',
        detail: '已填写：中级质量专业技术人员职业资格证书',
      });
      const senior = rule(
        { ...qualified, qualification: { kind: 'certificate', level: 'senior' } },
        'qualification',
      );
      expect(senior.met).toBe(true);
      expect(senior.detail).toBe('已填写：高级质量专业技术人员职业资格证书');
    });

    it('tells the enterprise a junior certificate does not meet the rule', () => {
      const r = rule(
        { ...qualified, qualification: { kind: 'certificate', level: 'junior' } },
        'qualification',
      );
      expect(r.met).toBe(false);
      expect(r.detail).toBe('已填写：初级质量专业技术人员职业资格证书');
      expect(r.next).toContain('初级职业资格证书不符合要求，须为中级或高级');
    });

    it('accepts equivalent proof only when the proof is attached', () => {
      const withProof = rule(
        { ...qualified, qualification: { kind: 'equivalent', hasProof: true } },
        'qualification',
      );
      expect(withProof.met).toBe(true);
      const without = rule(
        { ...qualified, qualification: { kind: 'equivalent', hasProof: false } },
        'qualification',
      );
      expect(without).toMatchObject({
        met: false,
        detail: '已填写同等专业能力证明，但尚未上传证明材料',
        next: '请上传同等专业能力证明材料（PDF、JPEG 或 PNG）',
      });
    });

    it('asks for a certificate or proof when neither was given', () => {
      const r = rule({ ...qualified, qualification: { kind: 'none' } }, 'qualification');
      expect(r.met).toBe(false);
      expect(r.detail).toBe('未填写职业资格证书或同等专业能力证明');
      expect(r.next).toContain('请填写中级或高级质量专业技术人员职业资格证书');
    });
  });

  describe('工作经验', () => {
    const withJobs = (experiences: EligibilityInput['experiences']) =>
      checkEligibility({ ...qualified, experiences }, today);

    it('counts exactly 36 months as meeting the 3-year rule', () => {
      const r = withJobs([{ from: '2021-01', to: '2023-12', qualityDuties: true }]);
      expect(r.experienceMonths).toBe(36);
      expect(r.eligible).toBe(true);
      expect(r.rules[2]).toEqual({
        rule: 'experience',
        met: true,
        title: '工作经验：3 年以上旅游服务行业质量管理工作经验',
        detail: '已累计 3 年',
      });
    });

    it('tells the enterprise 35 months fall one month short', () => {
      const r = withJobs([{ from: '2021-01', to: '2023-11', qualityDuties: true }]);
      expect(r.experienceMonths).toBe(35);
      expect(r.eligible).toBe(false);
      const exp = r.rules[2];
      expect(exp?.met).toBe(false);
      expect(exp?.detail).toBe('已累计 2 年 11 个月');
      expect(exp?.next).toMatch(/^还差 1 个月。请补充承担旅游服务质量管理职责的工作经历/);
    });

    it('counts both ends of an entry: 2021-01 to 2021-12 is 12 months', () => {
      expect(withJobs([{ from: '2021-01', to: '2021-12', qualityDuties: true }]).experienceMonths).toBe(12);
      expect(withJobs([{ from: '2021-05', to: '2021-05', qualityDuties: true }]).experienceMonths).toBe(1);
    });

    it('does not count overlapping jobs twice', () => {
      const r = withJobs([
        { from: '2020-01', to: '2021-06', qualityDuties: true }, // 18 months
        { from: '2021-01', to: '2022-06', qualityDuties: true }, // overlaps Jan–Jun 2021
        { from: '2020-03', to: '2020-08', qualityDuties: true }, // entirely inside the first
      ]);
      expect(r.experienceMonths).toBe(30); // 2020-01 … 2022-06
      expect(r.rules[2]?.detail).toBe('已累计 2 年 6 个月');
    });

    it('adds up separate periods with a gap between them', () => {
      const r = withJobs([
        { from: '2022-01', to: '2023-06', qualityDuties: true }, // 18
        { from: '2018-01', to: '2019-06', qualityDuties: true }, // 18, listed out of order
      ]);
      expect(r.experienceMonths).toBe(36);
      expect(r.rules[2]?.met).toBe(true);
    });

    it('counts a job 至今 up to the current month', () => {
      // 2022-07 … 2025-06 inclusive = 36 months.
      expect(withJobs([{ from: '2022-07', to: null, qualityDuties: true }]).experienceMonths).toBe(36);
      expect(withJobs([{ from: '2022-08', to: null, qualityDuties: true }]).experienceMonths).toBe(35);
    });

    it('ignores jobs without quality-management duties', () => {
      const r = withJobs([
        { from: '2015-01', to: '2020-12', qualityDuties: false },
        { from: '2021-01', to: '2021-12', qualityDuties: true },
      ]);
      expect(r.experienceMonths).toBe(12);
      expect(r.rules[2]?.next).toBe(
        '还差 2 年。请补充承担旅游服务质量管理职责的工作经历（只统计勾选了质量管理职责的经历，重叠时段不重复计算），或另行选任符合条件的人员',
      );
    });

    it('leaves out entries with impossible dates and says so', () => {
      const r = withJobs([
        { from: '2021-01', to: '2021-12', qualityDuties: true },
        { from: '2024-01', to: '2020-01', qualityDuties: true }, // ends before it starts
        { from: '2026-01', to: null, qualityDuties: true }, // starts in the future
      ]);
      expect(r.experienceMonths).toBe(12);
      expect(r.rules[2]?.detail).toBe('已累计 1 年；另有 2 段质量管理工作经历的起止时间有误，未计入');
      expect(r.rules[2]?.next).toContain('请先更正起止时间有误的工作经历');
    });

    it('shows 0 months when no experience was entered', () => {
      const r = withJobs([]);
      expect(r.experienceMonths).toBe(0);
      expect(r.rules[2]?.detail).toBe('已累计 0 个月');
      expect(r.rules[2]?.next).toMatch(/^还差 3 年。/);
    });
  });
});

describe('工作经历起止时间', () => {
  it('accepts a finished job and a current job', () => {
    expect(checkExperienceEntry({ from: '2020-01', to: '2021-12', qualityDuties: true }, today)).toBeNull();
    expect(checkExperienceEntry({ from: '2025-06', to: null, qualityDuties: true }, today)).toBeNull();
    expect(checkExperienceEntry({ from: '2025-06', to: '2025-06', qualityDuties: true }, today)).toBeNull();
  });

  it('tells the user when the end is before the start', () => {
    expect(checkExperienceEntry({ from: '2022-05', to: '2022-04', qualityDuties: true }, today)).toBe(
      '这段工作经历的结束年月早于开始年月，请核对起止时间',
    );
  });

  it('tells the user when the start is in the future', () => {
    expect(checkExperienceEntry({ from: '2025-07', to: null, qualityDuties: true }, today)).toBe(
      '这段工作经历的开始年月晚于本月，请更正开始年月',
    );
  });

  it('suggests 至今 when the end is in the future', () => {
    expect(checkExperienceEntry({ from: '2020-01', to: '2026-01', qualityDuties: true }, today)).toBe(
      '这段工作经历的结束年月晚于本月；如仍在职，请选择“至今”',
    );
  });

  it('asks for the months when they are missing or malformed', () => {
    expect(checkExperienceEntry({ from: '', to: null, qualityDuties: true }, today)).toBe(
      '请选择这段工作经历的开始年月',
    );
    expect(checkExperienceEntry({ from: '2020-13', to: null, qualityDuties: true }, today)).toBe(
      '请选择这段工作经历的开始年月',
    );
    expect(checkExperienceEntry({ from: '2020-01', to: '2021', qualityDuties: true }, today)).toBe(
      '请选择这段工作经历的结束年月；如仍在职，请选择“至今”',
    );
  });
});

describe('formatMonths', () => {
  it('writes months as years and months', () => {
    expect(formatMonths(38)).toBe('3 年 2 个月');
    expect(formatMonths(11)).toBe('11 个月');
    expect(formatMonths(0)).toBe('0 个月');
    expect(formatMonths(36)).toBe('3 年');
    expect(formatMonths(12)).toBe('1 年');
    expect(formatMonths(-5)).toBe('0 个月');
  });
});
