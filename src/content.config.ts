/**
 * Content collections: every page of the public site that is not interactive comes from these files.
 * Every frontmatter field is documented here (JSDoc for readers of the code, `.describe()` for the generated
 * JSON schema and editor hints); a wrong field fails `astro sync` / `astro build` with the file and field named
 * and a Chinese message that says what to write instead.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { caseTopicCodes, cityCodes, enterpriseTypeCodes, eventKindCodes } from './shared/labels.ts';

/** 市州: one of the 11 filing units, as a code (labels.ts `cities`). */
const city = z
  .enum(cityCodes, {
    error: '市州须为 11 个备案单位代码之一，例如 220100（长春市）或 CBS（长白山管委会）',
  })
  .describe('市州代码，例如 220100（长春市）、222400（延边州）、CBS（长白山管委会）');
/** 企业类型: one of the four types the notice names (labels.ts `enterpriseTypes`). */
const enterpriseType = z
  .enum(enterpriseTypeCodes, {
    error: '企业类型须为 travel_agency、scenic_spot、rural_tourism 或 star_hotel',
  })
  .describe('企业类型：travel_agency、scenic_spot、rural_tourism 或 star_hotel');
/** An ISO 8601 time with its offset, e.g. 2026-12-10T09:00:00+08:00. */
const time = z.iso.datetime({
  offset: true,
  error: '时间须写成 ISO 8601 格式并带时区，例如 2026-12-10T09:00:00+08:00',
});
/** A list or feed summary: one or two sentences. */
const summary = z
  .string({ error: '请填写摘要（summary），一两句话概括内容' })
  .min(10, '摘要（summary）至少 10 个字')
  .max(200, '摘要（summary）不超过 200 个字')
  .describe('一两句话的摘要，用于列表和订阅（10–200 字）');
/**
 * Whether the entry is sample content the team wrote (true) or real content (false). Required, so nobody
 * publishes a sample without the 示例 marks by forgetting the field: pages show the 示例 badge and note and
 * feeds prefix 【示例】 exactly when it is true.
 */
const sample = z
  .boolean({ error: '请用 sample: true（示例内容，页面标注“示例”）或 sample: false（正式内容）说明' })
  .describe('是否为示例内容：true 时页面显示“示例”标记，订阅标题前加【示例】');

/** The notice itself, published verbatim. Body: the full text; `## ` lines are its 一、二、三、四 headings. */
const policy = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/policy' }),
  schema: z.object({
    /** Full title of the notice, as printed. */
    title: z.string().min(1, '请填写通知标题（title）').describe('通知全称'),
    /** 文号, e.g. 吉文旅联发〔2024〕26号. */
    docNo: z
      .string()
      .regex(/〔\d{4}〕\d+号$/, '文号格式应如：吉文旅联发〔2024〕26号')
      .describe('文号，例如 吉文旅联发〔2024〕26号'),
    /** Issuing bodies in the order they sign. */
    issuers: z
      .array(z.string().min(1))
      .min(1, '请至少列出一个发文机关（issuers）')
      .describe('发文机关，按落款顺序'),
    /** Date of issue (成文日期), YYYY-MM-DD. */
    date: z.coerce.date({ error: '成文日期（date）须写成 YYYY-MM-DD' }).describe('成文日期，YYYY-MM-DD'),
    /** Addressees (主送机关) as printed, without the closing colon. */
    addressees: z.string().min(1, '请填写主送机关（addressees）').describe('主送机关，不含末尾冒号'),
  }),
});

/** The parts of 二 that define the role: 任职条件, 工作职责, 工作权利, 工作规范, as lists. Body: unused. */
const duties = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/duties' }),
  schema: z.object({
    /** Heading shown on the page, e.g. 任职条件. */
    title: z.string().min(1, '请填写标题（title），例如 任职条件').describe('页面上的小标题'),
    /** Where in the notice it comes from, e.g. 二（二）. */
    section: z
      .string()
      .regex(/^[一二三四五六七八九十]+（[一二三四五六七八九十]+）$/, '出处应写成如：二（二）')
      .describe('在通知中的出处，例如 二（二）'),
    /** Order on the page, 1 first. */
    order: z.number({ error: '顺序（order）须为正整数，1 排在最前' }).int().positive().describe('页面顺序'),
    /** One list item per condition, duty, right or norm, worded as in the notice. */
    items: z
      .array(z.string().min(1, '条目不能为空'))
      .min(1, '请至少列出一条（items）')
      .describe('逐条列出，措辞与通知一致'),
  }),
});

/**
 * A 职责清单 template (三(二)) for one enterprise type, which an enterprise downloads as .docx or prints and
 * adapts. Body: a short note on how the template was made and how to adapt it (shown on the page and in the
 * document).
 */
const dutyTemplates = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/duty-templates' }),
  schema: z.object({
    /** The enterprise type the template is for; one template per type. */
    enterpriseType,
    /** Title printed on the template. */
    title: z.string().min(1, '请填写模板标题（title）').describe('模板标题'),
    /** Groups of duties, each a heading and its items; items may contain ＿＿ blanks to fill in. */
    groups: z
      .array(
        z.object({
          /** Heading of the group, e.g. 质量战略与计划; numbered 一、二、… on the page. */
          heading: z.string().min(1, '请填写分组标题（heading）'),
          /** The duties of the group; ＿＿ marks a blank the enterprise fills in. */
          items: z.array(z.string().min(1, '条目不能为空')).min(1, '每组至少一条职责（items）'),
        }),
      )
      .min(3, '职责清单至少分 3 组')
      .describe('职责分组：每组一个标题（heading）和若干条目（items），＿＿ 为待企业填写处'),
    sample,
  }),
});

/** A best-practice case (优秀案例). Body: the case in Markdown (背景, 做法, 成效 …). */
const cases = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/cases' }),
  schema: z.object({
    /** Title of the case. */
    title: z.string().min(1, '请填写案例标题（title）').describe('案例标题'),
    /** The enterprise the case is about; a sample case names a made-up one, marked （示例）. */
    enterprise: z.string().min(1, '请填写企业名称（enterprise）').describe('案例所属企业'),
    /** Type of that enterprise; a filter of the case list. */
    enterpriseType,
    /** 市州 of that enterprise; a filter of the case list. */
    city,
    /** Topics (labels.ts `caseTopics`); a filter of the case list. */
    topics: z
      .array(z.enum(caseTopicCodes, { error: '主题须为 labels.ts 中 caseTopics 的代码之一' }))
      .min(1, '请至少选择一个主题（topics）')
      .describe('主题代码，见 src/shared/labels.ts 的 caseTopics'),
    /** Date published, YYYY-MM-DD; lists and feeds are newest first. */
    date: z.coerce.date({ error: '发布日期（date）须写成 YYYY-MM-DD' }).describe('发布日期，YYYY-MM-DD'),
    /** One or two sentences for lists and feeds. */
    summary,
    sample,
  }),
});

/**
 * An announcement of a quality forum or experience-sharing session. Body: the announcement (简介, 议程 …).
 * The registration rules (capacity, cap per enterprise, window) seed the event once; from then on the events
 * table is their source of truth and the pages show them from the API.
 */
const forums = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/forums' }),
  schema: z
    .object({
      /** Title of the event. */
      title: z.string().min(1, '请填写活动名称（title）').describe('活动名称'),
      /** forum（论坛） or sharing_session（经验分享会）. */
      kind: z
        .enum(eventKindCodes, { error: '活动类型须为 forum（论坛）或 sharing_session（经验分享会）' })
        .describe('活动类型：forum 或 sharing_session'),
      /** 市州 where it takes place. */
      city,
      /** Venue as printed on the announcement. */
      venue: z.string().min(1, '请填写活动地点（venue）').describe('活动地点'),
      /** Organizer(s) as printed on the announcement. */
      organizer: z.string().min(1, '请填写主办单位（organizer）').describe('主办单位'),
      /** When the event starts. */
      startsAt: time.describe('开始时间，ISO 8601 带时区'),
      /** When the event ends; after `startsAt`. */
      endsAt: time.describe('结束时间，ISO 8601 带时区'),
      /** Seats in total; each attendee takes one. */
      capacity: z.number({ error: '席位数（capacity）须为正整数' }).int().positive().describe('总席位数'),
      /** Most attendees one enterprise may register. */
      maxPerEnterprise: z
        .number({ error: '每家企业报名上限（maxPerEnterprise）须为正整数' })
        .int()
        .positive()
        .describe('每家企业最多报名人数'),
      /** When registration opens. */
      registrationOpens: time.describe('报名开始时间，ISO 8601 带时区'),
      /** When registration closes; after it opens and not after the event starts. */
      registrationCloses: time.describe('报名截止时间，ISO 8601 带时区'),
      /** One or two sentences for lists and feeds. */
      summary,
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
