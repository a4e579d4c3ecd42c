/** The endpoints of events and the registrations for them. */
import { z } from 'zod';
import {
  eventList,
  eventSummary,
  registrationChange,
  registrationDetail,
  registrationList,
  roster,
} from '../../src/shared/events/answers.ts';
import {
  attendeeSelection,
  checkInInput,
  eventCreate,
  eventUpdate,
  registrationInput,
} from '../../src/shared/events/schemas.ts';
import { XLSX_TYPE as xlsx } from '../http/download.ts';
import type { Operation } from './operation.ts';

export const eventOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/events',
    tag: '活动报名',
    summary: '论坛与经验分享会：报名规则（席位、报名时间、每家企业上限）与实时名额',
    ok: { 200: eventList },
  },
  {
    method: 'post',
    path: '/api/events',
    tag: '活动报名',
    summary: '创建活动（slug 与活动公告 content/forums/{slug}.md 相同）',
    roles: 'admin',
    body: eventCreate,
    ok: { 201: eventSummary },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'get',
    path: '/api/events/{slug}',
    tag: '活动报名',
    summary: '一个活动的报名规则与实时名额',
    ok: { 200: eventSummary },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/events/{slug}',
    tag: '活动报名',
    summary:
      '修改活动规则；增加席位时候补人员按先后顺序立即递补；席位数不能少于已确认人数；updatedAt 须为读取时的值，期间他人已修改则 409（edited_meanwhile），请刷新后重试',
    roles: 'admin',
    body: eventUpdate,
    ok: { 200: z.object({ event: eventSummary, promoted: z.number() }) },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/events/{slug}/registrations',
    tag: '活动报名',
    summary:
      '企业报名参会人员（全部成功或全部不成功）：有空席位即确认，否则进入候补；同一 idempotencyKey 重复提交返回原报名（200）',
    roles: 'enterprise',
    body: registrationInput,
    ok: { 201: registrationDetail, 200: registrationDetail },
    errors: [400, 401, 403, 404, 409, 422],
  },
  {
    method: 'get',
    path: '/api/events/{slug}/roster',
    tag: '活动报名',
    summary: '参会名单（报名先后顺序，含完整手机号）与人数统计',
    roles: 'admin',
    ok: { 200: roster },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/events/{slug}/roster.xlsx',
    tag: '活动报名',
    summary: '导出参会名单（xlsx）',
    roles: 'admin',
    ok: { 200: xlsx },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/registrations',
    tag: '活动报名',
    summary: '本企业的报名（新的在前）',
    roles: 'enterprise',
    ok: { 200: registrationList },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/registrations/{code}',
    tag: '活动报名',
    summary: '凭确认码查看报名（无需登录；手机号仅对报名企业和管理员完整显示）',
    ok: { 200: registrationDetail },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/registrations/{code}/cancel',
    tag: '活动报名',
    summary:
      '取消参会人员（仅报名企业本身或管理员；活动开始前；已签到的不能取消）；空出的席位立即由候补第一位递补',
    roles: 'enterprise（报名企业）, admin',
    body: attendeeSelection,
    ok: { 200: registrationChange },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/registrations/{code}/check-in',
    tag: '活动报名',
    summary:
      '现场签到：event 为签到的活动，其他活动的确认码 409（other_event）；仅已确认的参会人员；重复签到不改变签到时间',
    roles: 'admin',
    body: checkInInput,
    ok: { 200: registrationChange },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/api/registrations/{code}/calendar.ics',
    tag: '活动报名',
    summary: '报名的日历文件（.ics）',
    ok: { 200: 'text/calendar' },
    errors: [404],
  },
];
