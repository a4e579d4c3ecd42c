/**
 * Content collections: every page of the public site that is not interactive comes from these files.
 * Each schema documents its fields; a wrong field fails `astro build` with the file and field named.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { caseTopicCodes, cityCodes, enterpriseTypeCodes, eventKindCodes } from './shared/labels.ts';

const city = z.enum(cityCodes, {
  error: '市州须为 11 个备案单位代码之一，例如 220100（长春市）或 CBS（长白山管委会）',
});
const enterpriseType = z.enum(enterpriseTypeCodes, {
  error: '企业类型须为 travel_agency、scenic_spot、rural_tourism 或 star_hotel',
});
/** An ISO 8601 time with its offset, e.g. 2026-12-10T09:00:00+08:00. */
const time = z.iso.datetime({
  offset: true,
  error: '时间须写成 ISO 8601 格式并带时区，例如 2026-12-10T09:00:00+08:00',
});
/** Sample content written by the team, not taken from the notice, must say so on the page. */
const sample = z.literal(true, { error: '示例内容须标注 sample: true，页面会显示“示例”' });

/** The notice itself, published verbatim. Body: the full text; `## ` lines are its 一、二、三、四 headings. */
const policy = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/policy' }),
  schema: z.object({
    /** Full title of the notice. */
    title: z.string().min(1),
    /** 文号, e.g. 吉文旅联发〔2024〕26号. */
    docNo: z.string().regex(/〔\d{4}〕\d+号$/, '文号格式应如：吉文旅联发〔2024〕26号'),
    /** Issuing bodies in the order they sign. */
    issuers: z.array(z.string().min(1)).min(1),
    /** Date of issue (成文日期), YYYY-MM-DD. */
    date: z.coerce.date(),
    /** Addressees (主送机关) as printed. */
    addressees: z.string().min(1),
  }),
});

/** The parts of 二 that define the role: 任职条件, 工作职责, 工作权利, 工作规范, as lists. */
const duties = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/duties' }),
  schema: z.object({
    /** Heading shown on the page, e.g. 任职条件. */
    title: z.string().min(1),
    /** Where in the notice it comes from, e.g. 二（二）. */
    section: z
      .string()
      .regex(/^[一二三四五六七八九十]+（[一二三四五六七八九十]+）$/, '出处应写成如：二（二）'),
    /** Order on the page, 1 first. */
    order: z.number().int().positive(),
    /** One list item per condition, duty, right or norm, worded as in the notice. */
    items: z.array(z.string().min(1)).min(1),
  }),
});

/** A 职责清单 template (三(二)) for one enterprise type, which an enterprise prints and adapts. */
const dutyTemplates = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/duty-templates' }),
  schema: z.object({
    enterpriseType,
    /** Title printed on the template. */
    title: z.string().min(1),
    /** Groups of duties, each a heading and its items; items may contain ＿＿ blanks to fill in. */
    groups: z
      .array(z.object({ heading: z.string().min(1), items: z.array(z.string().min(1)).min(1) }))
      .min(3, '职责清单至少分 3 组'),
    sample,
  }),
});

/** A best-practice case (优秀案例). Body: the case in Markdown. */
const cases = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/cases' }),
  schema: z.object({
    title: z.string().min(1),
    /** The (sample) enterprise the case is about. */
    enterprise: z.string().min(1),
    enterpriseType,
    city,
    topics: z.array(z.enum(caseTopicCodes, { error: '主题须为 labels.ts 中 caseTopics 的代码之一' })).min(1),
    /** Date published, YYYY-MM-DD. */
    date: z.coerce.date(),
    /** One or two sentences for lists and feeds. */
    summary: z.string().min(10).max(200),
    sample,
  }),
});

/** An announcement of a quality forum or experience-sharing session. Body: the announcement. */
const forums = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/forums' }),
  schema: z
    .object({
      title: z.string().min(1),
      kind: z.enum(eventKindCodes, { error: '活动类型须为 forum（论坛）或 sharing_session（经验分享会）' }),
      city,
      /** Venue as printed on the announcement. */
      venue: z.string().min(1),
      organizer: z.string().min(1),
      startsAt: time,
      endsAt: time,
      /** Seats in total; each attendee takes one. */
      capacity: z.number().int().positive(),
      /** Most attendees one enterprise may register. */
      maxPerEnterprise: z.number().int().positive(),
      registrationOpens: time,
      registrationCloses: time,
      summary: z.string().min(10).max(200),
      sample,
    })
    .refine((f) => Date.parse(f.endsAt) > Date.parse(f.startsAt), {
      message: '结束时间须晚于开始时间',
      path: ['endsAt'],
    })
    .refine((f) => Date.parse(f.registrationCloses) > Date.parse(f.registrationOpens), {
      message: '报名截止时间须晚于报名开始时间',
      path: ['registrationCloses'],
    })
    .refine((f) => Date.parse(f.registrationCloses) <= Date.parse(f.startsAt), {
      message: '报名截止时间不能晚于活动开始时间',
      path: ['registrationCloses'],
    }),
});

export const collections = { policy, duties, dutyTemplates, cases, forums };
