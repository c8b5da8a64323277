/**
 * What each route of the HTTP API takes: its request bodies, by name, and its query parameters. The
 * OpenAPI document (openapi.ts) describes them; the routes take their fields from them
 * (`onlyFieldsOf`, `onlyParametersOf` in request-context.ts), so what a route refuses as a field it
 * does not take is what the document leaves out.
 */

import { arrayOf, type ClosedObject, DATE, type Json, requestBody, schema, text } from './openapi-builders.js';

// ---- an account's fields (a username and a role are in answers too) ------------------------------

const ORGANISATION = text('所属单位，1–100 字 / the organisation the account acts for', {
  minLength: 1,
  maxLength: 100,
  examples: ['江苏省市场监督管理局'],
});
const DISPLAY_NAME = text(
  '显示名称，1–100 字，一行，不含控制字符 / the name shown for the account: one line, 1–100 characters',
  {
    minLength: 1,
    maxLength: 100,
    examples: ['张三'],
  },
);
export const ROLE = text('角色：group 或 group:scope / a role', { pattern: '^[a-z][a-z0-9-]*(:.+)?$' });
export const USERNAME = text('2–64 位字母、数字、下划线或连字符', { pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$' });
const PASSWORD = text('12–256 位，不能是常见密码或包含用户名 / 12 to 256 characters, not a common password', {
  minLength: 12,
  maxLength: 256,
});
const REGION = text(
  '园区账号所属省级单位代码；园区只能在此发起申请，未填则不能发起 / the region (province code) a park account starts cases in; `region` is the neutral name',
  { minLength: 1, examples: ['320000'] },
);

/** The draft revision a page shows, which a step on it names (optional: scripts' steps are not checked). */
const SHOWN_REVISION = {
  type: 'integer',
  minimum: 0,
  description:
    '页面所显示的草稿修订号；草稿此后已被写入则 409（已被删除也是 409），不写入 / the revision the page shows: 409 when the draft was written (or deleted) since, nothing written',
};

const RevisionBasis = requestBody(
  '修订依据 / the document a revision rests on',
  ['title', 'documentNumber', 'issuedOn', 'url'],
  {
    title: text('文件名称 / title', { minLength: 1 }),
    documentNumber: text('文号 / document number', { minLength: 1, examples: ['国市监质发〔2024〕88号'] }),
    issuedOn: { ...DATE, description: '印发日期，不晚于生效日期 / date of issue' },
    url: text('发布网址 / where it is published', { pattern: '^https?://\\S+$' }),
  },
);

/**
 * `POST /api/cases` under the neutral names. A programme's own names for its subject and region
 * (`park`, `province`) are taken beside them, known only from the definitions loaded: openapi.ts adds
 * those of every programme to the document's NewCase, routes/cases.ts those of the process asked for.
 */
export const NEW_CASE = requestBody(
  '发起申请 / start a case: the subject and region under their declared names, or `subject` / `region`',
  ['process'],
  {
    process: { type: 'string', minLength: 1 },
    subject: text('对象（中性名称）/ the subject, neutral name', { minLength: 1 }),
    region: text('地区代码（中性名称）/ the region, neutral name', { minLength: 1 }),
  },
);

// ---- request bodies -------------------------------------------------------------------------------

/** Every JSON request body a route takes, by the name the document gives it (components.schemas). */
export const REQUEST_BODIES = {
  Credentials: requestBody('登录 / credentials', ['username', 'password'], {
    username: { type: 'string', minLength: 1 },
    password: { type: 'string', minLength: 1 },
    device: {
      type: 'string',
      description:
        '此前登录时取得的设备令牌：密码校验走受信队列，登录洪泛时本设备仍可登录 / the device token of an earlier login: the check waits in the trusted queue, which a login flood cannot fill',
    },
  }),
  NewUser: requestBody('新用户 / a new user', ['username', 'password', 'roles'], {
    username: USERNAME,
    password: PASSWORD,
    roles: arrayOf(ROLE),
    displayName: DISPLAY_NAME,
    province: REGION,
    region: REGION,
    organisation: ORGANISATION,
  }),
  UserChange: requestBody('修改用户（用户名不能改）/ a change to a user (not its name)', [], {
    roles: arrayOf(ROLE),
    password: PASSWORD,
    disabled: { type: 'boolean' },
    displayName: DISPLAY_NAME,
    province: { oneOf: [REGION, { type: 'null' }] },
    region: { oneOf: [REGION, { type: 'null' }] },
    organisation: ORGANISATION,
  }),
  FormDraftSave: requestBody(
    '保存草稿：表单数据与上次读到的修订号（尚无草稿时为 null）/ a form saved to finish later: its data and the revision read (null: none yet)',
    ['data', 'revision'],
    {
      data: { type: 'object' },
      revision: { oneOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
    },
  ),
  ReminderNote: requestBody('催办说明 / a reminder’s note', [], { note: { type: 'string', maxLength: 500 } }),
  NotificationsRead: requestBody('标记已读的通知 / the notifications to mark read', ['ids'], {
    ids: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' } }] },
  }),
  FormData: requestBody('表单数据 / form data (checked against the task or message form)', ['data'], {
    data: { type: 'object', description: '按表单 JSON Schema 填写 / per the form schema' },
  }),
  MigrationRequest: requestBody('迁移到的版本 / target version', ['to'], {
    to: { type: 'string', minLength: 1 },
    dryRun: { type: 'boolean' },
  }),
  NewDraft: requestBody('起草 / start a draft from a version', ['process', 'from'], {
    process: { type: 'string', minLength: 1 },
    from: text('基础版本 / base version', { minLength: 1 }),
    title: text('草稿名称（缺省：基于某版本的修订草稿）/ title', { minLength: 1, maxLength: 100 }),
  }),
  DraftRename: requestBody('修改草稿名称 / rename a draft', ['title'], {
    title: text('草稿名称 / title', { minLength: 1, maxLength: 100 }),
    revision: SHOWN_REVISION,
  }),
  ApprovalRequest: requestBody('批准发布 / approve a publication', [], {
    draftRevision: {
      ...SHOWN_REVISION,
      description:
        '批准者页面上草稿的修订号；申请此后被撤回或退回并重新提交则 409，不发布 / the revision the approver’s page shows: 409 when the request was withdrawn or returned and asked for again since, nothing published',
    },
  }),
  Refusal: requestBody('退回发布申请 / refuse a publication', ['reason'], {
    reason: text('退回理由 / reason', { minLength: 1 }),
    draftRevision: {
      ...SHOWN_REVISION,
      description:
        '退回者页面上草稿的修订号；申请此后被撤回或退回并重新提交则 409，不退回 / the revision the refuser’s page shows: 409 when the request was withdrawn or returned and asked for again since, nothing returned',
    },
  }),
  Withdrawal: requestBody('撤回发布申请 / withdraw a publication request', [], {
    draftRevision: {
      ...SHOWN_REVISION,
      description:
        '申请人页面上草稿的修订号；申请此后被撤回或退回并重新提交则 409，不撤回 / the revision the requester’s page shows: 409 when the request was withdrawn or returned and asked for again since, nothing withdrawn',
    },
  }),
  DraftFile: requestBody('保存或删除草稿中的一个文件 / save (text) or delete (null) a file', ['path', 'text'], {
    path: text('如 rules.json、forms/objection.schema.json / a version file', { minLength: 1 }),
    text: { type: ['string', 'null'] },
    revision: SHOWN_REVISION,
  }),
  DraftFiles: requestBody(
    '一次保存或删除草稿中的几个文件：全部写入，或（有一个被拒）都不写入 / save (text) or delete (null) several files at once: all written, or (one refused) none',
    ['files'],
    {
      files: {
        type: 'object',
        minProperties: 1,
        description: '路径 → 内容（null：删除）/ path → text (null: delete)',
        additionalProperties: { type: ['string', 'null'] },
      },
      revision: SHOWN_REVISION,
    },
  ),
  PublishRequest: requestBody(
    '申请发布为新版本 / ask to publish as a new version',
    ['version', 'effectiveFrom', 'revision'],
    {
      version: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
      effectiveFrom: { ...DATE, description: '生效日期，不早于今天 / today or later' },
      revision: schema('RevisionBasis'),
      draftRevision: {
        ...SHOWN_REVISION,
        description:
          '申请者页面上草稿的修订号；草稿此后已被修改则 409，不提交 / the revision the asker’s page shows: 409 when the draft was changed since, nothing asked for',
      },
    },
  ),
  SimulationRequest: requestBody('要回放的案例脚本（缺省：流程自带的脚本）/ case scripts to replay', [], {
    scenarios: arrayOf({ type: 'object', description: '案例脚本（CONTRACT §5）/ a case script' }),
  }),
  ClockAdvance: requestBody('目标时间 / the instant to move to', ['advanceTo'], {
    advanceTo: {
      type: 'string',
      // An offset or Z is taken as written; without one the instant is China time, never the server's zone.
      pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$',
      description: 'ISO 8601；未写时区的按北京时间 / ISO 8601; without an offset it is China time (UTC+8)',
      examples: ['2025-04-02T09:00:00+08:00', '2025-04-02T09:00'],
    },
  }),
  RevisionBasis,
  CalendarYearEntry: requestBody(
    '一年的节假日安排（按国务院办公厅通知录入）/ a year as the notice lists it',
    ['notice', 'holidays'],
    {
      calendar: { type: 'string', description: '日历（缺省：唯一的日历 cn）/ calendar id' },
      notice: requestBody('通知 / the notice', ['title', 'number', 'issued', 'url'], {
        title: { type: 'string', examples: ['国务院办公厅关于2030年部分节假日安排的通知'] },
        number: { type: 'string', description: '文号 / document number' },
        issued: DATE,
        url: { type: 'string' },
      }),
      holidays: arrayOf(
        requestBody('一段假期 / a block of days off', ['name', 'from', 'to'], {
          name: { type: 'string', examples: ['春节'] },
          from: DATE,
          to: DATE,
        }),
      ),
      // A CalendarDay, closed as a request's part (a calendar file's days are read as they are).
      workdays: arrayOf(
        requestBody('调休上班日 / a make-up working day', ['date', 'name'], { date: DATE, name: { type: 'string' } }),
      ),
    },
  ),
} satisfies Record<string, ClosedObject>;

// ---- query parameters -----------------------------------------------------------------------------

/** A query parameter, optional: every one a route takes may be left out. */
export interface QueryParameter extends Json {
  name: string;
  in: 'query';
  required: false;
  description: string;
  schema: Json;
}

const query = (name: string, description: string, value: Json): QueryParameter => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: value,
});

/** The query parameters each route taking some takes, by its operation's id. */
export const QUERY_PARAMETERS = {
  deleteDraft: [query('revision', SHOWN_REVISION.description, { type: 'integer', minimum: 0 })],
  compareDraft: [query('against', '对照版本 / version', { type: 'string' })],
  deleteFormDraft: [
    query(
      'revision',
      '页面读到的修订号：其间另一窗口已保存或删除则 409、不删除 / the revision read: saved or deleted elsewhere since, 409',
      { type: 'string', pattern: '^[1-9][0-9]*$' },
    ),
  ],
  listNotifications: [query('unread', 'true：只列未读 / only unread ones', { enum: ['true', 'false'] })],
} satisfies Record<string, QueryParameter[]>;

const filter = (name: string, description: string) =>
  query(name, description, { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] });

/**
 * The case list's filters (exportCases, statistics; server/reports/case-query.ts): the region under
 * its neutral name and under each name `regions` declares for it. Which names those are is known only
 * from the definitions loaded, to the document and to the route alike.
 */
export function caseFilters(regions: readonly { name: string; title: string }[]): QueryParameter[] {
  return [
    filter('status', '状态（可多个，逗号分隔）/ statuses, any of them'),
    filter('process', '流程（可多个）/ processes'),
    filter('region', '所属地区代码（可多个）/ region codes'),
    // Once, though `regions` may name it (the document's neutral terms do): a parameter is listed once.
    ...regions
      .filter((region) => region.name !== 'region')
      .map((region) => filter(region.name, `${region.title}代码（可多个，同 region）/ region codes`)),
    filter('q', '搜索：案件编号、申报主体代码或名称、所属地区（各词均须出现）/ words that must all occur'),
  ];
}
