/** The notifications endpoints in the OpenAPI document (站内消息, preferences, addresses, delivery log). */
import { z } from 'zod';
import {
  addressAnswer,
  deliveryList,
  eventMessageResult,
  inbox,
  preferencesAnswer,
  readResult,
} from '../../src/shared/notifications/answers.ts';
import {
  addressInput,
  deliveriesQuery,
  eventMessageInput,
  inboxQuery,
  preferencesInput,
  readInput,
  verifyInput,
} from '../../src/shared/notifications/schemas.ts';
import type { Operation } from './operation.ts';

const tag = '消息通知';
const signedIn = '已登录的任何账号，只能看到和处理自己的消息';

export const notificationOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/notifications',
    tag,
    summary: '我的站内消息（最新在前）与未读数',
    roles: signedIn,
    query: inboxQuery,
    ok: { 200: inbox },
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/api/notifications/read',
    tag,
    summary: '标记已读：{ ids } 或 { all: true }',
    roles: signedIn,
    body: readInput,
    ok: { 200: readResult },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/notifications/preferences',
    tag,
    summary: '我的通知设置：各类消息的邮件、短信开关，以及邮箱和手机（站内消息总是开启）',
    roles: signedIn,
    ok: { 200: preferencesAnswer },
    errors: [401, 403],
  },
  {
    method: 'put',
    path: '/api/notifications/preferences',
    tag,
    summary: '修改通知设置：某类消息的邮件或短信开、关',
    roles: signedIn,
    body: preferencesInput,
    ok: { 200: preferencesAnswer },
    errors: [400, 401, 422],
  },
  {
    method: 'post',
    path: '/api/notifications/addresses',
    tag,
    summary: '添加或更换邮箱、手机，并发送验证码（验证前只会收到验证码）',
    roles: signedIn,
    body: addressInput,
    ok: { 200: addressAnswer, 201: addressAnswer },
    errors: [400, 401, 409, 429],
  },
  {
    method: 'post',
    path: '/api/notifications/addresses/verify',
    tag,
    summary: '用收到的 6 位验证码验证邮箱或手机',
    roles: signedIn,
    body: verifyInput,
    ok: { 200: addressAnswer.omit({ codeSent: true }) },
    errors: [400, 401, 409, 422, 429],
  },
  {
    method: 'get',
    path: '/api/admin/deliveries',
    tag,
    summary: '发送记录：每次邮件、短信发送（地址脱敏）、状态计数与各渠道是否已配置',
    roles: 'admin',
    query: deliveriesQuery,
    ok: { 200: deliveryList },
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/api/admin/deliveries/{id}/retry',
    tag,
    summary: '重新发送一条已停止重试（permanent-failure）的消息',
    roles: 'admin',
    ok: { 200: z.object({ id: z.string(), state: z.literal('queued') }) },
    errors: [401, 409],
  },
  {
    method: 'post',
    path: '/api/events/{slug}/messages',
    tag,
    summary: '主办单位向活动报名企业发通知（按已确认、候补、已签到选择收信人）',
    roles: 'admin',
    body: eventMessageInput,
    ok: { 201: eventMessageResult },
    errors: [400, 401, 404],
  },
];
