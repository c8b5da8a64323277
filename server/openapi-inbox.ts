/**
 * The OpenAPI part for 催办 and the notification centre (kept beside openapi.ts so that its
 * operations share that file's `operation` builder and error responses).
 */

import { NOTIFICATION_KINDS } from '../engine/index.js';
type Json = Record<string, unknown>;
type OperationBuilder = (spec: {
  id: string;
  tag: string;
  summary: string;
  description?: string;
  auth: 'user';
  parameters?: Json[];
  body?: Json;
  ok: Record<number, Json>;
  errors: Partial<Record<number, string>> | number[];
}) => Json;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, body: Json): Json => ({
  description,
  content: { 'application/json': { schema: body } },
});
const INSTANT = { type: 'string', format: 'date-time' };

export const INBOX_SCHEMAS: Json = {
  TaskDue: {
    type: 'object',
    description: '任务的办理期限（清单 dates 中的名称及其日期）/ the named date governing a task',
    required: ['name', 'date'],
    properties: { name: { type: 'string', minLength: 1 }, date: { type: 'string', format: 'date' } },
  },
  Reminder: {
    type: 'object',
    description: '催办 / a reminder sent on the task by a supervising group',
    required: ['at', 'group'],
    properties: { at: INSTANT, group: { type: 'string', minLength: 1 }, note: { type: 'string' } },
  },
  Notification: {
    type: 'object',
    description: '站内通知（不含异议人信息）/ an in-app notification; it never names an objector',
    required: ['id', 'at', 'kind', 'caseId', 'park', 'province', 'read'],
    properties: {
      id: { type: 'string', minLength: 1 },
      at: INSTANT,
      kind: { enum: [...NOTIFICATION_KINDS] },
      caseId: { type: 'string' },
      park: { type: 'string' },
      province: { type: 'string' },
      subjectName: { type: 'string' },
      taskId: { type: 'string' },
      taskName: { type: 'string', description: '任务在流程图中的名称 / the task as the diagram names it' },
      statusTitle: {
        type: 'string',
        description: '案件办结或进入的状态（case.ended、status.changed）/ the status a case ended in or entered',
      },
      ref: { type: 'string' },
      by: { type: 'string', description: '催办的单位（组）/ the group that sent a reminder' },
      note: { type: 'string' },
      read: { type: 'boolean' },
      done: {
        const: true,
        description: '所涉任务已办结（不计入未读）/ its task is no longer open (not counted unread)',
      },
      audience: false,
    },
  },
  Notifications: {
    type: 'object',
    required: ['items', 'unread'],
    properties: {
      items: { type: 'array', items: ref('Notification'), description: '最新的在前，最多 200 条 / newest first' },
      unread: { type: 'integer', minimum: 0, description: '未读且所涉任务未办结的条数 / unread and not done' },
    },
  },
};

export function inboxPaths(operation: OperationBuilder): Json {
  return {
    '/api/tasks/{taskRef}/remind': {
      post: operation({
        id: 'remindTask',
        tag: 'tasks',
        summary: '催办 / remind the holders of an open task',
        description:
          '市场监管总局可催办任何待办；省级市场监管部门可催办本省园区的待办（清单 groups 的 supervises）。' +
          '催办记入案件审计链（task.reminded），并显示在办理人的待办中。',
        auth: 'user',
        parameters: [
          { name: 'taskRef', in: 'path', required: true, description: '任务实例编号', schema: { type: 'string' } },
        ],
        body: {
          required: false,
          content: {
            'application/json': {
              schema: { type: 'object', properties: { note: { type: 'string', maxLength: 500 } } },
            },
          },
        },
        ok: { 200: ok('催办后的案件 / the case', ref('Case')) },
        errors: {
          403: '无权催办该任务（非督办单位）/ not a supervising group for this task',
          409: '任务不存在、已办结或不在可见范围内 / not open or out of scope',
          422: '催办说明不合格 / bad note',
        },
      }),
    },
    '/api/notifications': {
      get: operation({
        id: 'listNotifications',
        tag: 'notifications',
        summary: '我的通知与未读数 / my notifications and the unread count',
        auth: 'user',
        parameters: [
          {
            name: 'unread',
            in: 'query',
            required: false,
            description: 'true：只列未读 / only unread ones',
            schema: { enum: ['true', 'false'] },
          },
        ],
        ok: { 200: ok('最新的在前 / newest first', ref('Notifications')) },
        errors: [],
      }),
    },
    '/api/notifications/read': {
      post: operation({
        id: 'markNotificationsRead',
        tag: 'notifications',
        summary: '标记已读 / mark notifications read',
        auth: 'user',
        body: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['ids'],
                properties: { ids: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' } }] } },
              },
            },
          },
        },
        ok: {
          200: ok('已标记 / marked', {
            type: 'object',
            required: ['marked', 'unread'],
            properties: { marked: { type: 'integer', minimum: 0 }, unread: { type: 'integer', minimum: 0 } },
          }),
        },
        errors: { 404: '通知不存在或不是发给当前用户的 / no such notification for the caller', 422: 'ids 不合格' },
      }),
    },
  };
}
