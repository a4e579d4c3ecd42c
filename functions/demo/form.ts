/**
 * A filled-in filing form of an invented CQO, and the 身份证号 that goes with it: what the demo's enterprises
 * submit through the workflow, and what the bulk loader writes without it.
 */
import type { FilingDraft } from '../../src/shared/filings/form.ts';
import { cities, type EnterpriseType, gradesOf } from '../../src/shared/labels.ts';
import { idNumber, mobile, personName, type Random } from './synthetic.ts';

export function demoForm(
  r: Random,
  city: string,
  type: EnterpriseType,
  name = personName(r),
): { form: FilingDraft; idNumber: string } {
  const grades = gradesOf(type);
  const startYear = 2012 + r.int(8);
  return {
    idNumber: idNumber(r, city, 1970 + r.int(22)),
    form: {
      grade: grades.length ? (grades[grades.length - 2] ?? null) : null,
      licenseNo: type === 'travel_agency' ? `L-JL-${String(10000 + r.int(89999))}` : null,
      address: `${cities.find((c) => c.code === city)?.name ?? ''}某路 ${1 + r.int(300)} 号（演示）`,
      legalRep: personName(r),
      contactName: personName(r),
      contactPhone: `0431-8${String(r.int(1e7)).padStart(7, '0')}`,
      cqoName: name,
      position: r.pick(['副总经理', '质量总监', '总经理助理', '运营副总']),
      mobile: mobile(r),
      email: `cqo${r.int(10000)}@example.com`,
      degree: r.pick(['bachelor', 'bachelor', 'master']),
      school: r.pick(['吉林大学', '东北师范大学', '长春理工大学', '延边大学', '北华大学']),
      major: r.pick(['旅游管理', '酒店管理', '工商管理', '质量管理工程']),
      qualification: {
        kind: 'certificate',
        level: 'intermediate',
        certificateNo: `ZL${2015 + r.int(8)}${String(r.int(1e6)).padStart(6, '0')}`,
        issuer: '吉林省人力资源和社会保障厅',
        issuedOn: `${2016 + r.int(6)}-06-20`,
      },
      experiences: [
        {
          from: `${startYear}-03`,
          to: null,
          employer: '本企业（演示）',
          position: '质量管理部经理',
          qualityDuties: true,
          description: '负责服务质量标准制定、质量检查和游客投诉处理',
        },
      ],
      appointedOn: '2025-09-01',
      duties: [
        '负责制定企业质量发展战略、年度质量工作计划和质量安全保障措施',
        '制定和实施旅游服务质量标准，确保服务流程规范化',
      ],
      truthful: true,
      publishConsent: r.next() < 0.85,
    },
  };
}
