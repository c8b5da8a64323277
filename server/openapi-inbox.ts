/**
 * The OpenAPI part for what surrounds a task besides completing it — 催办, the notification centre,
 * a form's saved draft (保存草稿) — kept beside openapi.ts so that its operations share that file's
 * `operation` builder and error responses.
 */

import { NOTIFICATION_KINDS } from '../engine/index.js';
import { QUERY_PARAMETERS } from './openapi-requests.js';
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
  TaskPeriod: {
    type: 'object',
    description:
      '开启该任务的周期期间：周期定时器所示日期名称、第几期及起止日 / the period of a cycle whose end opened the task: the due name its timer exposes, which period, its first and last days',
    required: ['due', 'number', 'start', 'end'],
    properties: {
      due: { type: 'string', minLength: 1 },
      number: { type: 'integer', minimum: 1 },
      start: { type: 'string', format: 'date' },
      end: { type: 'string', format: 'date' },
    },
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
      process: {
        type: 'string',
        description:
          '案件的流程，其译文目录给出任务与状态名称的其他语言 / the case’s process, whose catalogue translates taskName and statusTitle',
      },
      park: { type: 'string' },
      province: { type: 'string' },
      subjectName: { type: 'string' },
      taskId: { type: 'string' },
      period: {
        type: 'object',
        description:
          'task.opened：任务所属的周期期间起止日（见 TaskPeriod）/ task.opened: the first and last days of the period of a cycle the task is for (see TaskPeriod)',
        required: ['start', 'end'],
        properties: { start: { type: 'string', format: 'date' }, end: { type: 'string', format: 'date' } },
      },
      taskName: {
        type: 'string',
        description:
          '任务在流程图中的名称；message.received 为消息接收事件的名称，branch.ended 为到达的结束事件的名称，status.changed 为使案件进入该阶段的事件名称（流程图有命名时）/ the task as the diagram names it; for message.received the message’s catch event, for branch.ended the end event reached, for status.changed the event that entered the stage, when the diagram names one',
      },
      statusTitle: {
        type: 'string',
        description: '案件办结或进入的状态（case.ended、status.changed）/ the status a case ended in or entered',
      },
      ref: { type: 'string' },
      due: {
        type: 'object',
        description:
          'task.dueSoon、task.overdue：任务的办理期限（日期名称与日期）/ task.dueSoon, task.overdue: the task’s due date (its name and day)',
        required: ['name', 'date'],
        properties: { name: { type: 'string' }, date: { type: 'string', format: 'date' } },
      },
      workingDaysLeft: {
        type: 'integer',
        minimum: 0,
        description:
          'task.dueSoon：告知之日后至期限（含）剩余的工作日数 / task.dueSoon: working days left after the day it was told, up to and including the due date',
      },
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
  FormDraft: {
    type: 'object',
    description: '本人保存的表单草稿（未提交、未校验）/ the caller’s saved, unsent and unchecked form data',
    required: ['username', 'taskRef', 'caseId', 'data', 'revision', 'savedAt'],
    properties: {
      username: { type: 'string' },
      taskRef: { type: 'string' },
      caseId: { type: 'string' },
      data: { type: 'object' },
      revision: { type: 'integer', minimum: 1, description: '保存次数 / how many times it was saved' },
      savedAt: { ...INSTANT, description: '按案件时钟 / on the case clock' },
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

const TASK_REF = {
  name: 'taskRef',
  in: 'path',
  required: true,
  description: '任务实例编号',
  schema: { type: 'string' },
};
const NOT_HOLDER = '任务不存在、已办结，或不由当前用户办理 / not open, or not the caller’s to do';

export function inboxPaths(operation: OperationBuilder): Json {
  return {
    '/api/tasks/{taskRef}/draft': {
      get: operation({
        id: 'getFormDraft',
        tag: 'tasks',
        summary: '本人保存的表单草稿 / the caller’s saved draft of the task’s form',
        auth: 'user',
        parameters: [TASK_REF],
        ok: {
          200: ok('草稿，没有时为 null / the draft, or null', {
            type: 'object',
            required: ['draft'],
            properties: {
              draft: { oneOf: [ref('FormDraft'), { type: 'null' }] },
              damaged: {
                const: true,
                description:
                  '草稿文件已损坏，无法读取（draft 为 null；再次保存将替换它）/ its file cannot be read; saving replaces it',
              },
            },
          }),
        },
        errors: { 409: NOT_HOLDER },
      }),
      put: operation({
        id: 'saveFormDraft',
        tag: 'tasks',
        summary: '保存草稿 / save the form to finish later',
        description:
          '不按表单校验（草稿可以不完整），只检查引用的附件须为本人上传或有权查看的；草稿引用的附件在草稿存在期间保留。' +
          'revision 为上次读到的修订号（尚无草稿时为 null），其间另一窗口已保存则 409、不写入。' +
          '提交任务后草稿删除；任务以其他方式办结后草稿随之删除。 / Not checked against the form (a draft may be ' +
          'incomplete), only its attachment ids; uploads it cites are kept while it exists. `revision`: the one read ' +
          '(null: none yet); saved meanwhile elsewhere: 409, nothing written. Deleted when the task is sent or closes.',
        auth: 'user',
        parameters: [TASK_REF],
        body: { required: true, content: { 'application/json': { schema: ref('FormDraftSave') } } },
        ok: {
          200: ok('已保存 / saved', {
            type: 'object',
            required: ['revision', 'savedAt'],
            properties: { revision: { type: 'integer', minimum: 1 }, savedAt: INSTANT },
          }),
        },
        errors: {
          409: `${NOT_HOLDER}；或草稿已在其他窗口保存 / or saved elsewhere since it was read`,
          422: '草稿内容或修订号不合格、嵌套过深（32 层）、引用附件过多（200 个）或无权引用 / bad data or revision, too deep (32), too many files (200), or a file not the caller’s to cite',
        },
      }),
      delete: operation({
        id: 'deleteFormDraft',
        tag: 'tasks',
        summary: '放弃草稿 / discard the saved draft',
        auth: 'user',
        parameters: [TASK_REF, ...QUERY_PARAMETERS.deleteFormDraft],
        ok: { 204: { description: '已删除（没有草稿时亦然）/ deleted, or there was none' } },
        errors: {
          409: `${NOT_HOLDER}；或草稿已在其他窗口保存或删除 / or saved or deleted elsewhere since`,
          422: '修订号不合格 / bad revision',
        },
      }),
    },
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
        body: { required: false, content: { 'application/json': { schema: ref('ReminderNote') } } },
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
        parameters: QUERY_PARAMETERS.listNotifications,
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
        body: { required: true, content: { 'application/json': { schema: ref('NotificationsRead') } } },
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
