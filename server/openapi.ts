/**
 * The OpenAPI 3.1 document of the HTTP API (served at /api/openapi.json): every route of `createApp`,
 * every status it answers, and JSON Schema 2020-12 bodies strict enough that a test checking real
 * responses against it catches a wrong one (required properties, types, formats), while objects stay
 * open where the server may add fields. Describes CONTRACT §6 and what the workbench uses besides.
 */

import { INCIDENT_KINDS } from '../engine/index.js';
import { arrayOf, DATE, type Json, object, schema, text } from './openapi-builders.js';
import { INBOX_SCHEMAS, inboxPaths } from './openapi-inbox.js';
import { reportPaths, reportSchemas } from './openapi-reports.js';
import { NEW_CASE, QUERY_PARAMETERS, REQUEST_BODIES, ROLE, USERNAME } from './openapi-requests.js';

const json = (body: Json): Json => ({ 'application/json': { schema: body } });
const INSTANT = { type: 'string', format: 'date-time' };
const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const STRINGS = arrayOf({ type: 'string' });

// ---- bodies ---------------------------------------------------------------------------------------

const FieldError = object('表单字段错误 / one field error', ['path', 'message'], {
  path: text('出错字段的 JSON Pointer（"" 为整个表单）/ JSON Pointer into the submitted data'),
  message: text('中文说明，以字段标题指明字段 / Chinese message naming the field', { minLength: 1 }),
});

const ErrorBody = object('错误 / an error: a code to branch on and a Chinese message; never a stack trace', ['error'], {
  error: object(
    '错误代码与中文说明',
    ['code', 'message'],
    {
      code: text('错误代码 / error code', {
        minLength: 1,
        examples: ['validation', 'forbidden', 'not-open', 'not-found', 'conflict', 'unauthorized', 'bad-request'],
      }),
      message: text('中文错误说明 / Chinese message', { minLength: 1 }),
      field: text('拒绝所针对的请求字段（如有，如 password）/ the request field the refusal is about, if any', {
        minLength: 1,
      }),
      stack: false,
    },
    { additionalProperties: false },
  ),
  errors: { ...arrayOf(schema('FieldError')), description: '表单校验错误（如有）/ form field errors, if any' },
  problems: {
    ...arrayOf(schema('Problem')),
    description: '定义校验问题（发布被拒时）/ the validator problems of a refused publication',
  },
  deleted: object(
    '操作对象已被删除（如页面所示的草稿已在其他窗口删除）：谁、何时（如有记录）/ what the step was on was deleted since: by whom and when, where known',
    [],
    { by: { type: 'string' }, at: INSTANT },
    { additionalProperties: false },
  ),
  stack: false,
});

const ValidationError = {
  description: '表单数据校验未通过 / form data failed its schema: `errors` lists every field',
  allOf: [schema('Error'), { type: 'object', required: ['errors'], properties: { errors: { minItems: 1 } } }],
};

const OpenTask = object(
  '待办任务（案件内）/ an open task instance on a case',
  ['ref', 'taskId', 'formKey', 'group', 'groups', 'createdAt'],
  {
    ref: text('任务实例编号，用于办理 / the task instance to complete', { minLength: 1 }),
    taskId: text('任务标识（CONTRACT §2），不含 BPMN 元素后缀 / task id', { minLength: 1 }),
    name: text('流程图上该环节的名称 / the step’s name as drawn on the diagram', { minLength: 1 }),
    formKey: text('表单 / form key', { minLength: 1 }),
    group: text('办理主体 / candidate group', { minLength: 1 }),
    groups: { ...STRINGS, minItems: 1 },
    scope: text('任务的范围：案件对象、地区或部门代码 / the subject, region or member code the task is scoped to'),
    createdAt: INSTANT,
    origin: object('引起该任务的事项（如异议）/ the message that opened it', ['message', 'submission'], {
      message: { type: 'string' },
      submission: { type: 'integer', minimum: 1 },
      number: {
        type: 'integer',
        minimum: 1,
        description:
          '该事项在本案中的序号（第几件异议；仅在待办列表中）/ the how-manieth such message on the case (task listing only)',
      },
      receivedAt: { ...INSTANT, description: '收到时间（仅在待办列表中）/ when it arrived (task listing only)' },
      excerpt: text(
        '所提内容的开头几个字，仅向可阅读公众提交内容的单位提供 / the opening words of what was sent, only for groups that may read it',
      ),
      receipt: text(
        "提交人所得回执编号，仅向可阅读公众提交内容的单位提供（仅在待办列表中）/ the code on its sender's receipt, only for groups that may read what was sent (task listing only)",
      ),
    }),
    due: schema('TaskDue'),
    reminders: arrayOf(schema('Reminder')),
    returned: object(
      '曾提交、已被审核退回修改（仅在待办列表中）/ submitted before and sent back by a review (task listing only)',
      ['at', 'step'],
      { at: INSTANT, step: text('退回它的审核环节 / the reviewing step that returned it', { minLength: 1 }) },
    ),
    period: schema('TaskPeriod'),
  },
);

const Task = {
  description: '当前用户可办理的任务 / an open task the caller may complete',
  allOf: [
    schema('OpenTask'),
    object('', ['caseId'], {
      caseId: { type: 'string', minLength: 1 },
      unavailable: {
        const: true,
        description:
          '所属案件数据文件损坏、暂时无法读取（已通知系统管理员）：恢复前不能办理，打开案件答 503 unavailable / its case is set aside for a damaged file and cannot be read now (the administrator is told): not to be done until restored; opening the case answers 503 unavailable',
      },
    }),
  ],
};

/**
 * What the definitions in force declare, for the document's names and examples: the programmes'
 * processes, statuses, due names, messages, and the names their subjects and regions go by. The
 * server knows none of them itself (issue 10): without definitions the document is neutral.
 */
export interface ProgrammeTerms {
  processes: string[];
  statuses: string[];
  dates: string[];
  messages: string[];
  /** Declared subject names (`park`) with their titles, and the key a public notice names the subject under. */
  subjects: { name: string; title: string; nameField: string }[];
  regions: { name: string; title: string }[];
}

const NEUTRAL_TERMS: ProgrammeTerms = {
  processes: [],
  statuses: [],
  dates: [],
  messages: [],
  subjects: [{ name: 'subject', title: '对象', nameField: 'subjectName' }],
  regions: [{ name: 'region', title: '地区' }],
};

interface DeclaringVersion {
  definition: {
    manifest: {
      process: string;
      statuses: Record<string, unknown>;
      dates: Record<string, unknown>;
      subject: { name: string; title: string };
      region: { name: string; title: string };
      publicNotice?: { subjectNameField?: string };
    };
  };
  model: { messages: readonly { name: string }[] };
}

/** The terms of every version loaded (each list without repeats, in the order first declared). */
export function programmeTerms(versions: readonly DeclaringVersion[]): ProgrammeTerms {
  if (versions.length === 0) return NEUTRAL_TERMS;
  const unique = <T>(items: T[], key: (item: T) => string) => [
    ...new Map(items.map((item) => [key(item), item])).values(),
  ];
  const manifests = versions.map((version) => version.definition.manifest);
  return {
    processes: unique(
      manifests.map((manifest) => manifest.process),
      String,
    ),
    statuses: unique(
      manifests.flatMap((manifest) => Object.keys(manifest.statuses)),
      String,
    ),
    dates: unique(
      manifests.flatMap((manifest) => Object.keys(manifest.dates)),
      String,
    ),
    messages: unique(
      versions.flatMap((version) => version.model.messages.map((message) => message.name)).filter(Boolean),
      String,
    ),
    subjects: unique(
      manifests.map((manifest) => ({
        ...manifest.subject,
        nameField: manifest.publicNotice?.subjectNameField ?? `${manifest.subject.name}Name`,
      })),
      (subject) => subject.name,
    ),
    regions: unique(
      manifests.map((manifest) => manifest.region),
      (region) => region.name,
    ),
  };
}

const examples = (values: readonly string[]) => (values.length === 0 ? {} : { examples: values.slice(0, 6) });

/** Required only when every programme calls it the same (one subject name, one region name). */
const requiredNames = (terms: ProgrammeTerms) =>
  terms !== NEUTRAL_TERMS && terms.subjects.length === 1 && terms.regions.length === 1
    ? [terms.subjects[0]?.name ?? '', terms.regions[0]?.name ?? '']
    : [];

function dueSchema(terms: ProgrammeTerms): Json {
  return {
    type: 'object',
    description: '案件的法定日期（名称见流程定义，本地日期）/ named due dates declared by the definitions, local dates',
    properties: Object.fromEntries(terms.dates.map((name) => [name, DATE])),
    additionalProperties: DATE,
  };
}

/** The case's subject and region under their declared names (`park`, `province`). */
function subjectRegionProperties(terms: ProgrammeTerms, value: Json): Json {
  const entries: [string, Json][] = [
    ...terms.subjects.map((subject): [string, Json] => [
      subject.name,
      text(`${subject.title} / the case's subject`, value),
    ]),
    ...terms.regions.map((region): [string, Json] => [
      region.name,
      text(`${region.title}代码 / the case's region`, value),
    ]),
  ];
  return Object.fromEntries(entries);
}

const DueBasis = object(
  '日期的计算依据 / where a due date comes from',
  ['element', 'direction', 'dueIs', 'lastDay', 'fireDay'],
  {
    element: { type: 'string' },
    rule: { type: 'string' },
    article: { type: 'string' },
    value: { type: ['string', 'number'] },
    periods: { type: 'integer', minimum: 1 },
    from: { type: 'string' },
    fromDate: DATE,
    direction: { enum: ['after', 'before'] },
    dueIs: { enum: ['lastDay', 'fireDay'] },
    lastDay: DATE,
    fireDay: DATE,
    calendar: { type: 'string' },
    calendarYears: arrayOf({ type: 'integer' }),
  },
);

const Incident = object('流程异常 / an incident recorded on a case', ['id', 'kind', 'element', 'message', 'at'], {
  id: { type: 'string' },
  kind: { enum: [...INCIDENT_KINDS] },
  element: { type: 'string' },
  message: { type: 'string' },
  at: INSTANT,
  year: { type: 'integer' },
});

const caseSchema = (terms: ProgrammeTerms) =>
  object(
    '案件 / a case (CONTRACT §6)',
    [
      'id',
      'process',
      'version',
      'status',
      'statusDate',
      'final',
      ...requiredNames(terms),
      'openTasks',
      'due',
      'openMessages',
      'incidents',
      'startedAt',
      'updatedAt',
    ],
    {
      id: { type: 'string', minLength: 1 },
      process: { type: 'string', minLength: 1, ...examples(terms.processes) },
      version: text('案件运行的定义版本 / definition version', { minLength: 1 }),
      status: text('案件状态（流程定义声明）/ status, as the definitions declare', {
        minLength: 1,
        ...examples(terms.statuses),
      }),
      statusTitle: { type: 'string' },
      statusDate: DATE,
      final: { type: 'boolean' },
      reason: text('办结原因（引用条款）/ why the case ended'),
      ...subjectRegionProperties(terms, { minLength: 1 }),
      subjectName: text("对象名称（表单所填）/ the subject's name from the forms"),
      openTasks: arrayOf(schema('OpenTask')),
      due: schema('Due'),
      dueBasis: { type: 'object', additionalProperties: schema('DueBasis') },
      dueFireDays: {
        ...arrayOf({ type: 'string', minLength: 1 }),
        description:
          '定时器触发日的日期名：当日 0 时即已到，不再是待到的日期；无则不列 / the names in due that are the day a timer fires (reached at 00:00 that day, so no longer to come on it); absent when none',
      },
      openMessages: arrayOf(
        object('现在可发送的事项 / a message that may be sent now', ['name', 'groups'], {
          name: { type: 'string', minLength: 1 },
          groups: STRINGS,
        }),
      ),
      incidents: arrayOf(schema('Incident')),
      startedAt: INSTANT,
      updatedAt: INSTANT,
      endedAt: INSTANT,
      unavailable: {
        const: true,
        description:
          '仅列表：案件数据文件损坏、暂时无法读取，已通知系统管理员；按最后完整读取时的样子列出，无可办事项，仅向原可见该案件者列出（管理员见 incidents 中的损坏文件）/ lists only: the case is set aside for a damaged file and cannot be read now (the administrator is told); listed as last read whole, with nothing open, only to those who could see it (admins read the damaged file in incidents instead)',
      },
      foretold: object(
        '仅单个案件：某待办任务无论表单如何填写，提交后案件都将办结（其后网关的条件只读案件事实且当前成立）/ one case only: an open task whose submission ends the case whatever its form holds (the gateway after it has a condition on the case facts alone that holds today)',
        ['taskId', 'status', 'earlier'],
        {
          taskId: { type: 'string', minLength: 1 },
          status: { type: 'string', minLength: 1 },
          statusTitle: { type: 'string' },
          reason: text('办结原因（流程定义所载，引用条款）/ the reason the end records'),
          earlier: arrayOf(
            object(
              '同一对象此前的案件，其具名日期尚未到来 / an earlier case of the subject with a named date still to come',
              ['id', 'status', 'statusDate', 'due', 'dueTitles'],
              {
                id: { type: 'string', minLength: 1 },
                status: { type: 'string', minLength: 1 },
                statusTitle: { type: 'string' },
                statusDate: DATE,
                due: schema('Due'),
                dueTitles: {
                  type: 'object',
                  description:
                    '各日期在该案件所用版本中的名称与条款 / each date’s title and article in that case’s own version',
                  additionalProperties: object('日期名称 / a date’s title', ['title'], {
                    title: { type: 'string', minLength: 1 },
                    article: { type: 'string' },
                  }),
                },
              },
            ),
          ),
        },
      ),
    },
  );

const publicNoticeSchema = (terms: ProgrammeTerms) =>
  object('公示 / an open public notice', ['caseId', 'process', ...requiredNames(terms), 'status', 'message'], {
    caseId: { type: 'string', minLength: 1 },
    process: { type: 'string' },
    version: text("案件所用规则版本（决定异议表单）/ the case's definition version (its objection form)"),
    ...subjectRegionProperties(terms, {}),
    ...Object.fromEntries(terms.subjects.map((subject) => [subject.nameField, text(`${subject.title}名称`)])),
    ...Object.fromEntries(terms.regions.map((region) => [`${region.name}Name`, text(`${region.title}名称`)])),
    about: object(
      '申报主体与所属地区，以固定名称并附版本说明中的标题 / the subject and region under fixed names, with their titles',
      ['subject', 'region'],
      {
        subject: object('申报主体 / the subject', ['code', 'title'], {
          code: text('代码'),
          title: text('标题'),
          name: text('名称（表单填写后）/ its name, once a form gave it'),
        }),
        region: object('所属地区 / the region', ['code', 'title'], {
          code: text('代码'),
          title: text('标题'),
          name: text('名称（目录中有时）/ its name, when the directory lists it'),
        }),
      },
    ),
    status: { type: 'string' },
    result: text('状态名称（如“公示中”）/ the status as the definitions title it'),
    title: text(
      '公示事项：图中异议窗口（事件网关）或其所在子流程的名称；未命名时缺省 / what is publicized, as the diagram names the window or its sub-process',
    ),
    message: text('可提交的事项（流程定义的 publicNotice.message）/ the message anyone may send', {
      minLength: 1,
      ...examples(terms.messages),
    }),
    opensOn: DATE,
    closesOn: text('公示期最后一日 / last day of the notice', { format: 'date' }),
    workingDays: {
      type: 'integer',
      minimum: 1,
      description:
        '公示期的工作日数（关闭公示的定时器按工作日计算时）/ how many working days the notice runs, when the timer closing it counts working days',
    },
  });

const ACTOR_NAME = text(
  '办理单位：账户的所属单位，或角色的组名与范围；公众来件只称“公众”；不在哈希内 / who acted, by organisation (not hashed)',
  { examples: ['江苏省市场监督管理局', '省级市场监管部门 · 江苏省', '公众'] },
);
const ACTOR_PARTS = {
  actorRole: object(
    '按角色称呼办理单位时（账户无所属单位）：组与范围，供其他语言的客户端以定义的译文组成名称；不在哈希内 / when named by role: the group and its scope, for a client to name it in another language (not hashed)',
    ['group'],
    { group: { type: 'string' }, scope: { type: 'string' } },
    { additionalProperties: false },
  ),
  actorPublic: {
    const: true,
    description: '公众（actorName 为“公众”）；不在哈希内 / a member of the public (not hashed)',
  },
};

const AuditEntry = object(
  '审计记录（哈希链）/ an audit entry, hash-chained',
  ['seq', 'at', 'type', 'caseId', 'actor', 'version', 'details', 'prevHash', 'hash'],
  {
    seq: { type: 'integer', minimum: 1 },
    at: INSTANT,
    type: text('事件 / dotted event name', { examples: ['case.started', 'task.completed', 'timer.fired'] }),
    caseId: { type: 'string' },
    actor: { type: 'string' },
    version: { type: 'string' },
    details: { type: 'object' },
    prevHash: SHA256,
    hash: SHA256,
    redacted: {
      const: true,
      description:
        '按脱敏规则隐去了公众异议人（actor 为“—”，details 不含 dataHash）/ the public sender withheld by the redaction policy',
    },
    actorName: ACTOR_NAME,
    ...ACTOR_PARTS,
  },
);

const Submission = object('已提交的表单 / a submitted form', ['seq', 'at', 'actor', 'kind', 'name', 'data'], {
  seq: { type: 'integer', minimum: 1 },
  at: INSTANT,
  actor: { type: 'string' },
  kind: { enum: ['task', 'message', 'start'] },
  name: { type: 'string' },
  ref: { type: 'string' },
  scope: {
    type: 'string',
    description:
      '所办任务的范围（如多实例任务中的部门），任务有范围时才有 / the scope of the task submitted (a multi-instance member, e.g. a department), when it had one',
  },
  origin: object(
    '消息开启的任务所答复的消息（如所复核的异议）及其提交序号 / the message a task opened by one answered, and its seq',
    ['message', 'submission'],
    { message: { type: 'string' }, submission: { type: 'integer', minimum: 1 } },
  ),
  data: { description: '表单数据 / the form data' },
  redacted: {
    const: true,
    description:
      '公众提交的内容，调用者无权查看（actor 为“—”，data 为 null）/ from the public; withheld by the redaction policy',
  },
  actorName: ACTOR_NAME,
  ...ACTOR_PARTS,
});

const User = object('用户（不含密码）/ a user, never with its password hash', ['username', 'roles', 'createdAt'], {
  username: USERNAME,
  roles: arrayOf(ROLE),
  displayName: { type: 'string' },
  province: text('账号所属省级单位（园区账号只能在此发起）/ the region a park account starts cases in', {
    examples: ['320000'],
  }),
  organisation: text('所属单位 / the organisation the account acts for', { examples: ['江苏省市场监督管理局'] }),
  createdAt: INSTANT,
  disabled: { type: 'boolean' },
  passwordHash: false,
  password: false,
});

const DamagedUser = object(
  '数据文件损坏的账号：不能登录，也不能修改，须从备份恢复（README「存储」）/ an account whose file cannot be read',
  ['username', 'damaged'],
  {
    username: { type: 'string' },
    damaged: text('损坏说明 / what is wrong', { examples: ['数据文件损坏：users/park1.json'] }),
  },
);

const CHANGED_FIELD = object('变更前后的值（未设置则无）/ the value before and after (absent: not set)', [], {
  from: {},
  to: {},
});
const AccountChange = object(
  '账号变更记录：谁在何时创建或修改了哪个账号（密码只记“已重设”，不记内容）/ who created or changed which account, when; a password only as set',
  ['at', 'by', 'username', 'action', 'fields'],
  {
    at: INSTANT,
    by: text('操作的管理员；首次启动创建的账号为 system / the admin who made the change, or system'),
    username: USERNAME,
    action: { type: 'string', enum: ['created', 'changed'] },
    fields: object('变更的字段 / the fields changed', [], {
      roles: CHANGED_FIELD,
      province: CHANGED_FIELD,
      organisation: CHANGED_FIELD,
      displayName: CHANGED_FIELD,
      disabled: CHANGED_FIELD,
    }),
    passwordSet: { const: true, description: '设置或重设了密码 / a password was set' },
  },
);

const Session = object('登录会话 / a session', ['token', 'expiresAt', 'user', 'device'], {
  token: text('Bearer 令牌 / bearer token', { minLength: 20 }),
  expiresAt: INSTANT,
  user: schema('User'),
  device: text(
    '设备令牌（90 天，改密码即失效），下次登录时带上 / device token (90 days, void after a password change): send it with the next login',
    {
      minLength: 20,
    },
  ),
});

const Me = object('当前用户 / the caller', ['username', 'roles'], {
  username: USERNAME,
  roles: arrayOf(ROLE),
  displayName: { type: 'string' },
  province: { type: 'string' },
  organisation: { type: 'string' },
  passwordHash: false,
});

const ATTACHMENT_TYPE = text('按内容识别的类型 / MIME type told by content', { minLength: 1 });

const Attachment = object(
  '附件：每次上传一条记录，相同内容只存一份 / an attachment: one record per upload, identical bytes stored once',
  ['id', 'name', 'type', 'size', 'uploadedBy', 'uploadedAt', 'cases'],
  {
    id: { ...SHA256, description: '随机编号（64 位十六进制）/ a random id, 64 hex digits' },
    sha256: SHA256,
    restricted: { type: 'boolean', description: '公众提交的证明材料 / evidence from the public' },
    name: text('清理后的文件名 / cleaned file name', { minLength: 1, pattern: '^[^/\\\\\\u0000]+$' }),
    type: ATTACHMENT_TYPE,
    size: { type: 'integer', minimum: 1 },
    uploadedBy: { type: 'string' },
    uploadedAt: INSTANT,
    cases: STRINGS,
    revision: { type: 'integer', minimum: 0, description: '记录版本，每次变更加一 / the record’s revision' },
  },
);

const PublicAttachment = object(
  '公众上传的证明材料 / evidence uploaded without login',
  ['id', 'name', 'type', 'size'],
  {
    id: SHA256,
    name: { type: 'string', minLength: 1, pattern: '^[^/\\\\\\u0000]+$' },
    type: ATTACHMENT_TYPE,
    size: { type: 'integer', minimum: 1 },
    uploadedBy: false,
    cases: false,
  },
);

const TimerDates = object('定时器日期 / timer dates', [], { fireDay: DATE, due: { type: 'string' }, exposed: DATE });

const MigrationPlan = object(
  '版本迁移方案 / where each open task, timer and window goes',
  ['caseId', 'from', 'to', 'items', 'possible'],
  {
    caseId: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    items: arrayOf(
      object('', ['kind', 'element'], {
        kind: { enum: ['task', 'timer', 'window', 'status'] },
        element: { type: 'string' },
        to: { type: 'string' },
        problem: { type: 'string' },
        before: TimerDates,
        after: TimerDates,
      }),
    ),
    possible: { type: 'boolean' },
  },
);

const MigrationResult = object('迁移结果 / migration result', ['plan', 'applied'], {
  plan: schema('MigrationPlan'),
  applied: { type: 'boolean' },
  view: schema('Case'),
});

const Diagram = object(
  '案件流程图与进度 / the diagram and where the tokens are',
  ['xml', 'visited', 'active', 'done'],
  {
    xml: { type: 'string', minLength: 1 },
    // Entered: done, waiting, or discarded behind an event-based gateway.
    visited: STRINGS,
    // Waiting now: tasks, timers, open message windows.
    active: STRINGS,
    // Completed: what the diagram shows as done.
    done: STRINGS,
  },
);

const DefinitionSummary = object(
  '定义版本 / a definition version',
  ['process', 'version', 'title', 'effectiveFrom', 'basis'],
  {
    process: { type: 'string' },
    version: { type: 'string' },
    title: { type: 'string' },
    effectiveFrom: DATE,
    basis: { type: 'string' },
  },
);

const DefinitionVersion = object(
  '定义版本内容 / a version: manifest, rules, indicators, form keys',
  ['manifest', 'rules', 'indicators', 'forms'],
  {
    manifest: object('manifest.json', ['process', 'version', 'title', 'effectiveFrom', 'statuses', 'groups'], {
      effectiveFrom: DATE,
      statuses: { type: 'object' },
      groups: { type: 'object' },
    }),
    rules: { type: 'object' },
    indicators: { type: 'object' },
    forms: STRINGS,
    regions: object(
      "所属地区的目录（manifest 声明时）/ the region's directory, when the manifest names one",
      ['entries'],
      {
        title: { type: 'string' },
        entries: arrayOf(
          object('地区 / a region', ['code', 'name'], { code: { type: 'string' }, name: { type: 'string' } }),
        ),
      },
    ),
  },
);

const FormSchema = object('表单的 JSON Schema（2020-12）/ a form schema', ['type'], {
  examples: { type: 'array', minItems: 1 },
});

const CalendarFile = object(
  '一年的工作日历（法定节假日与调休上班日）/ one year of a working-day calendar',
  ['calendar', 'year', 'holidays', 'workdays'],
  {
    calendar: { type: 'string' },
    year: { type: 'integer' },
    revision: {
      type: 'integer',
      minimum: 1,
      description: '第几版（缺省为 1）/ the revision of the year (1 when absent)',
    },
    notice: object('国务院办公厅通知 / the notice it comes from', ['title'], {
      title: { type: 'string' },
      number: { type: 'string' },
      issued: DATE,
      url: { type: 'string' },
    }),
    source: { type: 'string' },
    holidays: arrayOf(schema('CalendarDay')),
    workdays: arrayOf(schema('CalendarDay')),
  },
);

const DRAFT_PROPERTIES: Json = {
  id: text('草稿编号 / draft id', { pattern: '^d_[\\w-]+$' }),
  process: { type: 'string' },
  baseVersion: text('起草所依据的版本 / the version it started from'),
  createdBy: { type: 'string' },
  createdByName: text('创建人创建时的显示名称 / the creator’s display name then'),
  createdAt: INSTANT,
  updatedAt: INSTANT,
  updatedBy: text('最后写入者 / who wrote it last'),
  revision: {
    type: 'integer',
    minimum: 0,
    description:
      '写入次数（保存文件、改名、申请、撤回、退回发布）/ how many times it was written (a file saved, renamed, a publication asked for, withdrawn or refused)',
  },
  publishedAs: text('已发布为的版本 / the version it was published as'),
  title: text('草稿名称 / what people call the draft'),
  pendingPublication: { $ref: '#/components/schemas/PendingPublication' },
  refusal: object(
    '最近一次被退回的发布，连同所申请的内容 / the last refused publication, with what was asked',
    ['version', 'refusedBy', 'refusedAt', 'reason'],
    {
      version: { type: 'string' },
      effectiveFrom: { ...DATE, description: '所申请的生效日期 / the effective date asked for' },
      revision: {
        $ref: '#/components/schemas/RevisionBasis',
        description:
          '所申请的修订依据（2026 年 12 月前退回的没有）/ the revision basis asked for (absent from refusals before December 2026)',
      },
      refusedBy: { type: 'string' },
      refusedByName: text('退回人当时的显示名称 / the refuser’s display name then'),
      refusedAt: INSTANT,
      reason: { type: 'string' },
    },
  ),
};

const PendingPublication = object(
  '等待另一人批准的发布（四眼原则）/ a publication waiting for a second person',
  ['version', 'effectiveFrom', 'revision', 'requestedBy', 'requestedAt'],
  {
    version: { type: 'string' },
    effectiveFrom: DATE,
    revision: { $ref: '#/components/schemas/RevisionBasis' },
    requestedBy: { type: 'string' },
    requestedByName: text('申请人提交时的显示名称 / the requester’s display name when they asked'),
    requestedAt: INSTANT,
  },
);
const DRAFT_REQUIRED = ['id', 'process', 'baseVersion', 'createdBy', 'createdAt', 'updatedAt'];

const Problem = object('校验问题 / a validator problem', ['severity', 'check', 'file', 'message'], {
  severity: { enum: ['error', 'warning'] },
  check: { type: 'string' },
  file: { type: 'string' },
  element: { type: 'string' },
  pointer: { type: 'string' },
  article: { type: 'string' },
  message: { type: 'string' },
});

const scenarioIncidentProperties = {
  case: { type: 'string' },
  caseId: { type: 'string' },
  kind: { enum: [...INCIDENT_KINDS] },
  element: { type: 'string' },
  message: { type: 'string' },
  at: INSTANT,
};

const ScenarioIncident = object(
  '案例脚本中案件出现或解除的异常 / an incident a case of the script got or lost',
  Object.keys(scenarioIncidentProperties),
  scenarioIncidentProperties,
);

const ScenarioIncidentEvent = object(
  '一步之中出现（raised）或解除（cleared）的异常，按发生顺序 / an incident raised or cleared during the step, in order',
  ['event', 'case', 'caseId', 'kind', 'element', 'message', 'at'],
  { event: { enum: ['raised', 'cleared'] }, ...scenarioIncidentProperties },
);

const TimelineEntry = object('案例脚本的一步 / one step of a case script run', ['step', 'at', 'action', 'ok'], {
  step: { type: 'integer' },
  at: INSTANT,
  action: { type: 'string' },
  case: { type: 'string' },
  caseId: { type: 'string' },
  ok: { type: 'boolean' },
  error: object('', ['code', 'message'], { code: { type: 'string' }, message: { type: 'string' } }),
  status: { type: 'string' },
  openTasks: STRINGS,
  due: { type: 'object', additionalProperties: { type: 'string' } },
  timersFired: { type: 'integer' },
  incidentsRaised: arrayOf(ScenarioIncident),
  incidentsCleared: arrayOf(ScenarioIncident),
  incidentEvents: arrayOf(ScenarioIncidentEvent),
});

const Outcome = object('脚本运行结果 / a script run', ['ok', 'timeline', 'incidents'], {
  ok: { type: 'boolean' },
  failedStep: { type: 'integer' },
  reason: { type: 'string' },
  timeline: arrayOf(TimelineEntry),
  incidents: {
    ...arrayOf(ScenarioIncident),
    description: '运行结束时各案件仍存在的异常 / the incidents the cases hold at the end',
  },
});

const Simulation = object(
  '案例脚本在现行版本与草稿上的对照 / a case script on the version in force and on the draft',
  ['name', 'differences'],
  {
    name: { type: 'string' },
    title: text("脚本的中文名称 / the script's title"),
    error: { type: 'string' },
    current: Outcome,
    draft: Outcome,
    differences: arrayOf(
      object('日期不同的步骤 / a step whose dates differ', ['step', 'action'], {
        step: { type: 'integer' },
        action: { type: 'string' },
        current: { type: 'object', additionalProperties: { type: 'string' } },
        draft: { type: 'object', additionalProperties: { type: 'string' } },
      }),
    ),
  },
);

const CHANGES = ['added', 'removed', 'changed'];
const VersionDiff = object('草稿相对某版本的变化 / what a draft changes', ['entries', 'elements', 'against'], {
  entries: arrayOf(
    object('', ['kind', 'key', 'change'], {
      kind: { enum: ['rule', 'indicator', 'passScore', 'veto', 'form', 'element', 'flow', 'manifest'] },
      key: { type: 'string' },
      change: { enum: CHANGES },
      before: {},
      after: {},
    }),
  ),
  elements: object(
    '按变化分的流程图元素 / diagram elements per change',
    CHANGES,
    Object.fromEntries(CHANGES.map((change) => [change, STRINGS])),
  ),
  against: text('对照的版本 / the version compared against'),
});

const bodies: Json = {
  ...INBOX_SCHEMAS,
  Error: ErrorBody,
  ValidationError,
  FieldError,
  OpenTask,
  Task,
  DueBasis,
  Incident,
  PublicProgramme: object(
    '一个项目，取自其生效版本的清单 / a programme, from the manifest of its version in force',
    ['process', 'version', 'title'],
    {
      process: text('流程 / process id'),
      version: text('当日生效的版本（尚无生效版本时为其最早版本）/ the version in force (none yet: its first)'),
      title: text('项目名称（清单 title）/ the manifest title'),
      shortTitle: text(
        '网页标题所用的简称（清单 shortTitle，可无）/ the name the web app heads its pages with, when declared',
      ),
      publicNotice: object(
        '公示页对该项目公示的表述（清单 publicNotice，可无）/ what the notices page says of its notices, when declared',
        ['title', 'articles', 'objectionArticle', 'reviewer'],
        {
          title: text('公示的是什么，如 拟命名的全国质量品牌强县 / what is on notice'),
          articles: arrayOf(text('公示所依据的条款 / an article the notice rests on', { pattern: '^Art\\. \\d+$' })),
          objectionArticle: text('异议及其复核所依据的条款 / the article objections rest on', {
            pattern: '^Art\\. \\d+$',
          }),
          reviewer: text('发布公示并复核异议的单位（其组的名称）/ who publishes the notice and reviews objections'),
        },
      ),
    },
  ),
  Receipt: object('已受理（不含案件内容）/ received, without the case', ['caseId', 'received'], {
    caseId: { type: 'string' },
    received: { const: true },
    receivedAt: INSTANT,
    receipt: {
      type: 'string',
      pattern: '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$',
      description:
        '回执编号：随机生成，不反映已收到的件数；待办中该复核任务显示同一编号 / the receipt code: random, it counts nothing; the review it opens shows the same code in the inbox',
    },
  }),
  AuditEntry,
  Submission,
  User,
  DamagedUser,
  AccountChange,
  Session,
  Me,
  Attachment,
  PublicAttachment,
  MigrationPlan,
  MigrationResult,
  Diagram,
  DefinitionSummary,
  DefinitionVersion,
  FormSchema,
  Translations: {
    type: 'object',
    description:
      '定义文字的译文目录，以原文（中文）为键（definitions/<process>/translations/<language>.json；没有时为空对象）' +
      ' / what the definitions say, translated, keyed by the text as written; empty when there is no catalogue',
    additionalProperties: { type: 'string' },
  },
  CalendarFile,
  CalendarDay: object('日期与节日 / a day and its festival', ['date', 'name'], {
    date: DATE,
    name: { type: 'string' },
  }),
  DraftSummary: object('定义草稿（不含文件）/ a draft, without its files', DRAFT_REQUIRED, {
    ...DRAFT_PROPERTIES,
    files: false,
  }),
  Draft: object('定义草稿 / a draft of a definition version', [...DRAFT_REQUIRED, 'files'], {
    ...DRAFT_PROPERTIES,
    files: {
      type: 'object',
      description: '版本目录中的文件（路径 → 文本）/ files by path',
      additionalProperties: { type: 'string' },
    },
  }),
  Problem,
  ValidationReport: object('校验结果 / validation result', ['ok', 'problems'], {
    ok: { type: 'boolean' },
    problems: arrayOf(schema('Problem')),
  }),
  VersionDiff,
  Simulation,
  Published: object('已发布 / published', ['version', 'problems'], {
    version: { type: 'string' },
    problems: arrayOf(schema('Problem')),
  }),
  PendingPublication,
  PublicationRequested: object('已提交，等待另一人批准 / requested, waiting for approval', ['pending', 'problems'], {
    pending: schema('PendingPublication'),
    problems: arrayOf(schema('Problem')),
  }),
  SimulationJob: object(
    '后台模拟 / a simulation in the background',
    ['id', 'draft', 'state', 'progress', 'startedBy'],
    {
      id: text('模拟编号 / job id', { pattern: '^s_[\\w-]+$' }),
      draft: { type: 'string' },
      state: { enum: ['running', 'done', 'failed', 'cancelled'] },
      progress: object('进度：已完成的运行 / runs done of total', ['done', 'total'], {
        done: { type: 'integer', minimum: 0 },
        total: { type: 'integer', minimum: 0 },
      }),
      results: arrayOf(schema('Simulation')),
      error: { type: 'string' },
      startedBy: { type: 'string' },
    },
  ),
  Clock: object('模拟时钟 / the sandbox clock', ['now', 'simulated'], { now: INSTANT, simulated: { const: true } }),
  ClockAdvanced: object('时钟已前进 / clock moved, due timers fired', ['now', 'timersFired', 'incidents'], {
    now: INSTANT,
    timersFired: { type: 'integer', minimum: 0 },
    incidents: arrayOf(
      object(
        "前进期间案件出现（raised）或解除（cleared）的异常，按发生顺序；at 为引擎记录之时（定时器的到期时刻）/ an incident a case got or lost during the advance, in order; at: when the engine recorded it (the timer's due instant)",
        ['event', 'caseId', 'kind', 'element', 'message', 'at'],
        {
          event: { enum: ['raised', 'cleared'] },
          caseId: { type: 'string' },
          kind: { enum: [...INCIDENT_KINDS] },
          element: { type: 'string' },
          message: { type: 'string' },
          at: INSTANT,
        },
      ),
    ),
  }),
  Health: object('运行状态 / health', ['status', 'cases', 'definitions'], {
    status: { const: 'ok' },
    cases: {
      enum: ['loading', 'ready'],
      description: '启动时案件是否仍在载入（载入期间其他请求等待）/ whether the stored cases are still loading',
    },
    definitions: STRINGS,
    damagedCases: {
      type: 'integer',
      minimum: 1,
      description:
        '启动时因数据文件损坏而暂停的案件数（管理员可在案件列表中查看）/ cases set aside at start-up for a damaged file (listed to admins)',
    },
    calendarsMissing: arrayOf(schema('CalendarMissing')),
  }),
  CalendarMissing: object(
    '尚未录入的日历年份（当年，或自11月1日起的下一年）/ a calendar year needed and not entered',
    ['calendar', 'year'],
    { calendar: { type: 'string' }, year: { type: 'integer' }, message: { type: 'string' } },
  ),
  CalendarYears: object('已录入的日历年份 / the calendar years loaded', ['years', 'missing'], {
    years: arrayOf(
      object('一年 / one year', ['calendar', 'year', 'revision', 'holidays', 'workdays'], {
        calendar: { type: 'string' },
        year: { type: 'integer' },
        revision: { type: 'integer', minimum: 1 },
        notice: { type: 'object' },
        source: { type: 'string' },
        holidays: { type: 'integer', description: '放假天数 / days off listed' },
        workdays: { type: 'integer', description: '调休上班天数 / make-up working days' },
      }),
    ),
    missing: arrayOf(schema('CalendarMissing')),
  }),
  CalendarPublication: object(
    '发布结果 / what publishing did',
    ['calendar', 'year', 'revision', 'notice', 'file', 'resolved', 'redated'],
    {
      calendar: { type: 'string' },
      year: { type: 'integer' },
      revision: { type: 'integer', minimum: 1 },
      replaces: { type: 'integer', minimum: 1, description: '被更正的版本（保留）/ the revision replaced (kept)' },
      notice: { type: 'object' },
      file: { type: 'string' },
      resolved: arrayOf({ type: 'string', description: '异常已解除的案件 / cases whose incidents were resolved' }),
      redated: arrayOf({ type: 'string', description: '期限重新计算的案件 / cases whose due dates moved' }),
      failed: arrayOf({
        type: 'string',
        description: '暂未能更新的案件（可重试）/ cases not brought up to date, to retry',
      }),
    },
  ),
  IncidentRetry: object('重试结果 / incidents resolved', ['resolved'], { resolved: { type: 'integer', minimum: 0 } }),
  CompletionPreview: object(
    '办理或发送后果预览 / what completing the task or sending the message would do',
    ['status', 'final'],
    {
      status: { type: 'string', minLength: 1 },
      statusTitle: { type: 'string' },
      final: { type: 'boolean', description: '提交后案件即结束 / the case would end' },
      reason: { type: 'string', description: '结束的理由（流程定义所载）/ why it would end, as the definition says' },
    },
  ),
  ...REQUEST_BODIES,
};

// ---- responses --------------------------------------------------------------------------------

const errorResponse = (description: string, body = schema('Error')): Json => ({ description, content: json(body) });

const errorResponses: Record<string, Json> = {
  BadRequest: errorResponse('请求体不是有效的 JSON，或请求格式不正确 / malformed JSON or request'),
  Unauthorized: errorResponse('未登录，或令牌无效、过期、已注销 / no, bad, expired or revoked token'),
  Forbidden: errorResponse('无权执行（办理主体或范围不符）/ wrong group or scope'),
  NotFound: errorResponse('不存在或不在可见范围内 / unknown or out of scope'),
  Conflict: errorResponse('不在办理期内或状态冲突 / not open, or a conflict'),
  TooLarge: errorResponse('请求体过大 / body too large'),
  UnsupportedEncoding: errorResponse(
    '请求体的压缩方式不受支持（上传的文件不接受任何压缩）/ a Content-Encoding not taken (none for an upload)',
  ),
  Unprocessable: errorResponse('数据校验未通过 / validation failed', {
    anyOf: [schema('ValidationError'), schema('Error')],
  }),
  TooMany: {
    ...errorResponse('请求过于频繁 / too many requests'),
    headers: { 'Retry-After': { description: '秒 / seconds', schema: { type: 'string' } } },
  },
  Internal: errorResponse('服务器内部错误（不含细节）/ unexpected error, without details'),
  Unavailable: errorResponse('暂时无法读取，已通知管理员 / cannot be read now; the administrator has been told'),
  InsufficientStorage: errorResponse('服务器存储空间不足，未保存 / the server is out of storage space, nothing saved'),
};

const ERROR_OF: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'TooLarge',
  415: 'UnsupportedEncoding',
  422: 'Unprocessable',
  429: 'TooMany',
  500: 'Internal',
  503: 'Unavailable',
  507: 'InsufficientStorage',
};

// ---- operations -------------------------------------------------------------------------------

type Errors = Partial<Record<keyof typeof ERROR_OF, string>> | number[];

interface Operation {
  id: string;
  tag: string;
  summary: string;
  description?: string;
  /** `user`: a bearer token is required; `optional`: public, a token if sent must be valid; `none`. */
  auth: 'user' | 'optional' | 'none';
  parameters?: Json[];
  body?: Json;
  ok: Record<number, Json>;
  /** Error statuses, with what they mean here (400, 413 and 500 are added where they apply). */
  errors: Errors;
}

export function operation(spec: Operation): Json {
  const errors: Record<string, string | undefined> = Array.isArray(spec.errors)
    ? Object.fromEntries(spec.errors.map((status) => [status, undefined]))
    : { ...spec.errors };
  errors[401] ??= spec.auth === 'user' ? '未登录或令牌无效 / no or bad token' : '令牌无效 / a bad token was sent';
  // server/request-limits.ts: an account's requests a minute, and an address's unknown tokens.
  errors[429] ??=
    '操作过于频繁（每账户每分钟限次），或本地址无效令牌过多 / too many requests from this account, or too many bad tokens from this address';
  // A path parameter that is not valid percent-encoding is refused by the router (400).
  if (spec.parameters?.some((parameter) => parameter.in === 'path') === true) errors[400] ??= undefined;
  if (spec.body !== undefined) {
    errors[400] ??= undefined;
    errors[413] ??= undefined;
    // A body in a Content-Encoding the parser does not inflate (an upload: any at all).
    errors[415] ??= undefined;
  }
  // A JSON field or a query parameter the route does not take is refused, naming it (onlyFieldsOf,
  // onlyParametersOf in request-context.ts, reading the shapes of openapi-requests.ts; a call that
  // declares no parameter refuses any, undeclared-query.ts).
  errors[422] ??= undefined;
  errors[500] ??= undefined;
  // Any request that writes may find the disk full (http-errors.ts): refused whole, to be tried again.
  errors[507] ??= undefined;
  const responses: Json = {};
  for (const [status, body] of Object.entries(spec.ok)) responses[status] = body;
  for (const [status, description] of Object.entries(errors).sort(([a], [b]) => Number(a) - Number(b))) {
    const name = ERROR_OF[Number(status)] ?? 'Internal';
    responses[status] = {
      $ref: `#/components/responses/${name}`,
      ...(description !== undefined && { description }),
    };
  }
  return {
    operationId: spec.id,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description !== undefined && { description: spec.description }),
    security: spec.auth === 'user' ? [{ bearerAuth: [] }] : spec.auth === 'optional' ? [{}, { bearerAuth: [] }] : [],
    ...(spec.parameters !== undefined && { parameters: spec.parameters }),
    ...(spec.body !== undefined && { requestBody: spec.body }),
    responses,
  };
}

const path = (name: string, description: string, extra: Json = {}): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', ...extra },
});
const CASE_ID = path('id', '案件编号 / case id');
/** A case its caller could see, set aside for a damaged file (code `unavailable`); others get 404. */
const CASE_UNREADABLE =
  '调用者可见的案件数据文件损坏、暂无法读取，已通知管理员（code unavailable）/ a case the caller could see cannot be read now (damaged file; code unavailable)';
const jsonBody = (name: string): Json => ({ required: true, content: json(schema(name)) });
export const ok = (description: string, body: Json): Json => ({ description, content: json(body) });
const formBody = jsonBody('FormData');
const binaryBody: Json = {
  required: true,
  description: '文件内容（原样上传，类型按内容识别：PDF、PNG、JPEG、DOCX、XLSX、XLS、DOC、ZIP）/ the raw file',
  content: {
    'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
    '*/*': { schema: { type: 'string', description: '声明的类型不作数 / the declared type is not trusted' } },
  },
};
const FILE_NAME: Json = {
  name: 'X-File-Name',
  in: 'header',
  required: false,
  description: '文件名（百分号编码）/ the file name, percent-encoded',
  schema: { type: 'string' },
};

/** Every route of `createApp`, by area. */
function paths(simulatedClock: boolean, terms: ProgrammeTerms): Json {
  return {
    ...accountPaths(),
    ...casePaths(terms),
    ...inboxPaths(operation),
    ...publicPaths(),
    ...definitionPaths(),
    ...draftPaths(),
    ...adminPaths(simulatedClock),
    ...reportPaths(terms),
  };
}

/** Sessions and users. */
function accountPaths(): Json {
  return {
    '/api/session': {
      post: operation({
        id: 'login',
        tag: 'session',
        summary: '登录 / log in',
        description:
          '按（用户名，地址）与按地址计失败次数，超出后每次等待时间加倍（429 + Retry-After），不锁定账号；密码校验排队已满时也答 429；带此前取得的设备令牌的登录另有受信队列 / ' +
          'failures are counted per (user name, address) and per address with doubling delays, never an account lock; a full hashing queue also answers 429; a login with an earlier device token has a trusted queue of its own',
        auth: 'none',
        body: jsonBody('Credentials'),
        ok: { 200: ok('令牌与用户 / token and user', schema('Session')) },
        errors: {
          401: '用户名或密码不正确 / wrong credentials',
          422: '缺少用户名或密码',
          429: '登录失败次数过多，或登录请求过多 / too many failures, or the hashing queue is full',
        },
      }),
      delete: operation({
        id: 'logout',
        tag: 'session',
        summary: '退出登录（令牌作废）/ log out, revoking the token',
        auth: 'user',
        ok: { 204: { description: '已退出 / logged out' } },
        errors: [],
      }),
    },
    '/api/me': {
      get: operation({
        id: 'me',
        tag: 'session',
        summary: '当前用户 / the caller',
        auth: 'user',
        ok: { 200: ok('当前用户', schema('Me')) },
        errors: [],
      }),
    },
    '/api/users': {
      get: operation({
        id: 'listUsers',
        tag: 'users',
        summary: '用户列表（管理员）/ list users (admin)',
        auth: 'user',
        ok: { 200: ok('用户（含数据文件损坏的账号）', arrayOf({ oneOf: [schema('User'), schema('DamagedUser')] })) },
        errors: [403],
      }),
      post: operation({
        id: 'createUser',
        tag: 'users',
        summary: '创建用户（管理员）/ create a user (admin)',
        auth: 'user',
        body: jsonBody('NewUser'),
        ok: { 201: ok('已创建 / created', schema('User')) },
        errors: {
          403: '非管理员 / not admin',
          409: '用户名已被使用（不区分大小写）/ name taken, in any case',
          422: '用户名、密码、角色或省级单位不合格 / bad name, password, unknown role or region',
        },
      }),
    },
    '/api/account-changes': {
      get: operation({
        id: 'listAccountChanges',
        tag: 'users',
        summary: '账号变更记录（管理员），新的在前 / who changed which account (admin), newest first',
        auth: 'user',
        ok: { 200: ok('变更记录 / the changes', arrayOf(schema('AccountChange'))) },
        errors: [403],
      }),
    },
    '/api/roles': {
      get: operation({
        id: 'listRoles',
        tag: 'users',
        summary: '可授予的角色（管理员）/ the roles an admin may give',
        description:
          '定义中声明的组（公众除外）及 admin、policy-admin；有范围的角色写作 组:范围（如 province:320000）/ ' +
          'the groups the definitions declare (not the public) plus admin and policy-admin; a scoped role is group:scope',
        auth: 'user',
        ok: {
          200: ok(
            '角色 / roles',
            arrayOf(
              object('可授予的角色 / an assignable role', ['group'], {
                group: text('组 / the group', { minLength: 1 }),
                process: text(
                  '为它命名的流程：其译文目录给出名称、范围名称和范围值名称的其他语言 / ' +
                    'the process whose definitions title it: its catalogue gives the titles in another language',
                ),
                title: text('定义中的名称 / its declared title'),
                scope: object('角色的范围 / its scope', ['title'], {
                  title: text('范围的名称，如 省级单位 / what the scope is'),
                  values: arrayOf(
                    object('可选的范围 / a listed scope', ['code', 'name'], {
                      code: text('代码 / code', { minLength: 1 }),
                      name: text('名称 / name'),
                    }),
                  ),
                }),
                regionRequired: {
                  type: 'boolean',
                  enum: [true],
                  description:
                    '主体的角色（如 park:P-001）：持有它的账号须填所属地区，否则不能发起案件 / ' +
                    "a subject's role: its account names its region, or it starts no case",
                },
                region: object(
                  "主体角色的账号所填地区：名称与可选值（如 设区的市）/ for a subject's role, the region its account names: what it is called and its listed values",
                  ['title'],
                  {
                    title: text('所属地区的名称，如 省级单位 / what the region is'),
                    values: arrayOf(
                      object('可选的地区 / a listed region', ['code', 'name'], {
                        code: text('代码 / code', { minLength: 1 }),
                        name: text('名称 / name'),
                      }),
                    ),
                  },
                ),
                startTitle: text(
                  "主体角色所属项目对发起案件的称呼（清单 startTitle，如 发起命名申报；未声明则无）/ for a subject's role, what its programme calls starting a case (manifest startTitle), when it declares one",
                ),
              }),
            ),
          ),
        },
        errors: [403],
      }),
    },
    '/api/users/{username}': {
      patch: operation({
        id: 'updateUser',
        tag: 'users',
        summary: '修改用户：角色、密码、停用、省级单位（管理员）/ change a user (admin); ends its sessions',
        auth: 'user',
        parameters: [path('username', '用户名 / user name')],
        body: jsonBody('UserChange'),
        ok: { 200: ok('已修改 / changed', schema('User')) },
        errors: {
          403: '非管理员',
          404: '用户不存在',
          409: '不能移除或停用最后一个管理员 / the last admin stays',
          422: '密码、角色或省级单位不合格',
        },
      }),
    },
  };
}

/** Cases, messages and tasks (CONTRACT §6). */
function casePaths(terms: ProgrammeTerms): Json {
  return {
    '/api/cases': {
      get: operation({
        id: 'listCases',
        tag: 'cases',
        summary: '可见范围内的案件 / cases in the caller’s scope',
        description:
          '数据文件损坏而暂停的案件：管理员见其损坏文件（incidents），原可见该案件者见 unavailable 标记，其他人不见 / a case set aside for a damaged file: admins read its file in incidents, those who could see it read `unavailable`, others nothing',
        auth: 'user',
        ok: { 200: ok('案件 / cases', arrayOf(schema('Case'))) },
        errors: [],
      }),
      post: operation({
        id: 'startCase',
        tag: 'cases',
        summary: '发起申请（案件对象本身）/ start a case (its subject)',
        description: '按申请之日有效的定义版本运行（CONTRACT §1）/ runs on the version in force on its start day',
        auth: 'user',
        body: jsonBody('NewCase'),
        ok: { 201: ok('新案件 / the new case', schema('Case')) },
        errors: {
          403: "只有该对象、且只能在其账号所属地区发起 / only its subject, only in its account's region",
          404: '流程不存在或无有效版本 / unknown process or no version in force',
          409: '该对象已有办理中的案件（openCasesPerSubject）/ the subject has as many open cases as declared',
          422: '缺少字段或地区代码不正确',
          429: '本账号今日发起案件过多（默认每天 100 件），或每分钟请求过多 / too many cases started by this account today (100 by default), or too many requests a minute',
        },
      }),
    },
    '/api/cases/{id}': {
      get: operation({
        id: 'getCase',
        tag: 'cases',
        summary: '案件 / a case',
        auth: 'user',
        parameters: [CASE_ID],
        ok: { 200: ok('案件', schema('Case')) },
        errors: { 404: '不存在或不在可见范围内（不披露是否存在）/ unknown or out of scope', 503: CASE_UNREADABLE },
      }),
    },
    '/api/cases/{id}/audit': {
      get: operation({
        id: 'caseAudit',
        tag: 'cases',
        summary: '审计记录（哈希链）/ the case’s audit chain',
        auth: 'user',
        parameters: [CASE_ID],
        ok: { 200: ok('按 seq 排序 / oldest first', arrayOf(schema('AuditEntry'))) },
        errors: { 404: '不存在或不在可见范围内', 503: CASE_UNREADABLE },
      }),
    },
    '/api/cases/{id}/submissions': {
      get: operation({
        id: 'caseSubmissions',
        tag: 'cases',
        summary: '已提交的表单 / submitted forms',
        auth: 'user',
        parameters: [CASE_ID],
        ok: { 200: ok('按 seq 排序', arrayOf(schema('Submission'))) },
        errors: { 404: '不存在或不在可见范围内', 503: CASE_UNREADABLE },
      }),
    },
    '/api/cases/{id}/diagram': {
      get: operation({
        id: 'caseDiagram',
        tag: 'cases',
        summary: '流程图与进度 / diagram and progress',
        auth: 'user',
        parameters: [CASE_ID],
        ok: { 200: ok('BPMN XML 与经过、当前的元素', schema('Diagram')) },
        errors: { 404: '不存在或不在可见范围内', 503: CASE_UNREADABLE },
      }),
    },
    '/api/cases/{id}/messages/{name}': {
      post: operation({
        id: 'sendMessage',
        tag: 'cases',
        summary: '发送事项（名称见流程定义）/ send a message the definitions declare (CONTRACT §2)',
        auth: 'user',
        parameters: [CASE_ID, path('name', '事项 / message name', examples(terms.messages))],
        body: formBody,
        ok: {
          202: ok(
            '已受理：可查看该案件者得到案件，其他人（如异议人）只得到回执 / the case, or a receipt for senders outside its scope',
            {
              anyOf: [schema('Case'), schema('Receipt')],
            },
          ),
        },
        errors: {
          403: '无权发送该事项（案件可见时）/ wrong sender, on a case the caller sees',
          404: '事项不存在（案件可见时）/ unknown message on a case the caller sees',
          409: '不在受理期内；案件不存在或不可见时同样如此 / outside its window — also for a case unknown or not seen',
          422: '表单数据不合格',
          429: '本账号今日向该案件提交事项过多（默认每天 20 件），或每分钟请求过多 / too many messages from this account to this case today (20 by default), or too many requests a minute',
        },
      }),
    },
    '/api/cases/{id}/messages/{name}/preview': {
      post: operation({
        id: 'previewMessage',
        tag: 'cases',
        summary: '预览发送事项的后果，不提交 / what sending the message would do, committing nothing',
        description:
          '与发送相同的校验；返回发送后案件所处状态及是否结束。工作台在会结束案件的事项（如撤回）前请用户确认 / ' +
          'checked as sending it is; answers the status the case would be in and whether it would end. The workbench asks before a message that ends the case (a withdrawal)',
        auth: 'user',
        parameters: [CASE_ID, path('name', '事项 / message name', examples(terms.messages))],
        body: formBody,
        ok: { 200: ok('发送后果 / the outcome', schema('CompletionPreview')) },
        errors: {
          403: '无权发送该事项（案件可见时）/ wrong sender, on a case the caller sees',
          404: '事项不存在（案件可见时）/ unknown message on a case the caller sees',
          409: '不在受理期内；案件不存在或不可见时同样如此 / outside its window — also for a case unknown or not seen',
          422: '表单数据不合格 / form data invalid',
          429: '预览过于频繁（每用户每分钟限次，与任务预览合计）/ too many previews (per user, per minute, with task previews)',
        },
      }),
    },
    '/api/cases/{id}/migrate': {
      post: operation({
        id: 'migrateCase',
        tag: 'cases',
        summary: '迁移到其他版本（政策管理人员、管理员）/ move a case to another version',
        auth: 'user',
        parameters: [CASE_ID],
        body: jsonBody('MigrationRequest'),
        ok: { 200: ok('迁移方案与结果 / plan and result', schema('MigrationResult')) },
        errors: {
          403: '无权迁移',
          404: '案件或版本不存在',
          409: '已办结、已在该版本或无法迁移 / final, same version or cannot map',
          422: '缺少目标版本',
        },
      }),
    },
    '/api/tasks': {
      get: operation({
        id: 'listTasks',
        tag: 'tasks',
        summary: '当前用户可办理的待办 / open tasks the caller may complete',
        description:
          '所属案件因数据文件损坏而暂停的待办仍列出，标 unavailable，恢复前不能办理 / a task whose case is set aside for a damaged file is still listed, marked `unavailable`, not to be done until restored',
        auth: 'user',
        ok: { 200: ok('最早的在前 / oldest first', arrayOf(schema('Task'))) },
        errors: [],
      }),
    },
    '/api/tasks/{taskRef}/complete': {
      post: operation({
        id: 'completeTask',
        tag: 'tasks',
        summary: '办理任务 / complete a task',
        auth: 'user',
        parameters: [path('taskRef', '任务实例编号 / task instance ref')],
        body: formBody,
        ok: { 200: ok('办理后的案件 / the case after it', schema('Case')) },
        errors: {
          403: '办理主体或范围不符（案件可见时）/ wrong group or scope, on a case the caller sees',
          409: '任务不存在或已办结；不可见案件上的任务同样如此 / not open — also for a task on a case the caller does not see',
          422: '表单数据不合格（errors 列出各字段；附件编号须为本人上传或有权查看的附件）/ form data invalid (attachment ids must be readable by the sender)',
        },
      }),
    },
    '/api/tasks/{taskRef}/preview': {
      post: operation({
        id: 'previewCompletion',
        tag: 'tasks',
        summary: '预览办理后果，不提交 / what completing the task would do, committing nothing',
        description:
          '与办理相同的校验；返回提交后案件所处状态及是否结束。工作台在会结束案件的提交前请用户确认 / ' +
          'checked as a completion; answers the status the case would be in and whether it would end. The workbench asks before a submission that ends the case',
        auth: 'user',
        parameters: [path('taskRef', '任务实例编号 / task instance ref')],
        body: formBody,
        ok: { 200: ok('办理后果 / the outcome', schema('CompletionPreview')) },
        errors: {
          403: '办理主体或范围不符（案件可见时）/ wrong group or scope, on a case the caller sees',
          409: '任务不存在或已办结 / not open',
          422: '表单数据不合格 / form data invalid',
          429: '预览过于频繁（每用户每分钟限次）/ too many previews (per user, per minute)',
        },
      }),
    },
  };
}

/** What anyone may do without an account (Art. 22), and attachments. */
function publicPaths(): Json {
  return {
    '/api/public/programmes': {
      get: operation({
        id: 'publicProgrammes',
        tag: 'public',
        summary:
          '服务器运行的项目及其名称、公示用语（无需登录；各项目取当日生效的版本）/ the programmes the server runs, their names and public notice words, no login (each from its version in force)',
        auth: 'optional',
        ok: { 200: ok('项目 / programmes', arrayOf(schema('PublicProgramme'))) },
        errors: [],
      }),
    },
    '/api/public/notices': {
      get: operation({
        id: 'publicNotices',
        tag: 'public',
        summary: '正在公示的名单（无需登录）/ open public notices, no login',
        auth: 'optional',
        ok: { 200: ok('公示 / notices', arrayOf(schema('PublicNotice'))) },
        errors: [],
      }),
    },
    '/api/public/notices/{caseId}/objections': {
      post: operation({
        id: 'fileObjection',
        tag: 'public',
        summary: '对公示提出异议（无需登录）/ object to a notice, no login',
        auth: 'optional',
        parameters: [path('caseId', '案件编号 / case id')],
        body: formBody,
        ok: { 201: ok('已受理，交市场监管总局复核 / received; opens a review', schema('Receipt')) },
        errors: {
          409: '未在公示（含案件不存在，公示期满待处理）；incident：案件异常，异议未提交 / no notice open — also for an unknown case; incident: not sent, the case holds an incident',
          422: '异议表单不合格（附件编号须为本次上传者的证明材料）',
          429: '提交过于频繁',
        },
      }),
    },
    '/api/public/attachments': {
      post: operation({
        id: 'uploadEvidence',
        tag: 'public',
        summary: '上传异议证明材料（无需登录）/ upload evidence, no login',
        auth: 'optional',
        parameters: [FILE_NAME],
        body: binaryBody,
        ok: { 201: ok('附件编号，填入表单 / the id to put in the form', schema('PublicAttachment')) },
        errors: {
          413: '超过附件大小上限',
          415: '文件须按原样发送，不接受压缩传输（Content-Encoding）',
          422: '附件为空、类型不支持或文件已损坏',
          429: '提交过于频繁',
          507: '服务器存储空间不足，文件未保存 / the server is out of storage space, the file not saved',
        },
      }),
    },
    '/api/attachments': {
      post: operation({
        id: 'uploadAttachment',
        tag: 'attachments',
        summary: '上传附件 / upload an attachment',
        auth: 'user',
        parameters: [FILE_NAME],
        body: binaryBody,
        ok: { 201: ok('附件 / the attachment', schema('Attachment')) },
        errors: {
          413: '超过附件大小上限 / over the size limit',
          415: '文件须按原样发送，不接受压缩传输（Content-Encoding）/ the file as it is, never compressed',
          422: '附件为空、类型不支持或文件已损坏（不完整）/ empty, type not allowed, or damaged (incomplete)',
          429: '本账户本小时上传过多（默认 300 个）/ too many uploads by this account this hour (300 by default)',
          507: '服务器存储空间不足，文件未保存 / the server is out of storage space, the file not saved',
        },
      }),
    },
    '/api/attachments/limits': {
      get: operation({
        id: 'attachmentLimits',
        tag: 'attachments',
        summary: '附件大小上限与类型（无需登录）/ the upload size limit and types, no login',
        description:
          '上传控件据此在发送前拒绝过大的文件，提示与服务器相同（附件不能超过 maxSize）/ ' +
          'the upload widget refuses a larger file before sending it, in the words the server would use',
        auth: 'optional',
        ok: {
          200: ok(
            '上限 / the limit',
            object(
              '附件大小上限与可上传的类型 / the size limit and the types accepted',
              ['maxBytes', 'maxSize', 'types'],
              {
                maxBytes: { type: 'integer', minimum: 1, description: '字节 / bytes (ATTACHMENT_MAX_MB)' },
                maxSize: { type: 'string', description: '如 20 MB / as people read it', examples: ['20 MB'] },
                types: {
                  ...STRINGS,
                  minItems: 1,
                  description: '可上传的类型（按文件内容识别）/ the types accepted, told by content',
                  examples: [['PDF', 'PNG', 'JPEG']],
                },
              },
            ),
          ),
        },
        errors: [],
      }),
    },
    '/api/attachments/{id}': {
      get: operation({
        id: 'downloadAttachment',
        tag: 'attachments',
        summary: '下载附件（上传者或能查看引用它的案件者）/ download: its uploader or whoever sees a case using it',
        auth: 'user',
        parameters: [path('id', '附件编号 / attachment id')],
        ok: {
          200: {
            description: '文件内容 / the file',
            headers: {
              'Content-Disposition': { schema: { type: 'string' } },
              ETag: { description: '内容的 SHA-256 / the content’s SHA-256', schema: { type: 'string' } },
            },
            content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
          },
          304: { description: '浏览器所存的副本未变（If-None-Match）/ the copy the browser holds is unchanged' },
        },
        errors: { 404: '不存在或无权查看 / unknown or out of scope' },
      }),
    },
    '/api/attachments/{id}/meta': {
      get: operation({
        id: 'attachmentMeta',
        tag: 'attachments',
        summary: '附件信息（名称、类型、大小），权限同下载 / file name, type and size; same access as the download',
        auth: 'user',
        parameters: [path('id', '附件编号 / attachment id')],
        ok: {
          200: ok(
            '附件信息 / attachment details',
            object('附件信息 / attachment details', ['id', 'name', 'type', 'size'], {
              id: { type: 'string' },
              name: { type: 'string' },
              type: { type: 'string' },
              size: { type: 'integer', minimum: 0 },
            }),
          ),
        },
        errors: { 404: '不存在或无权查看 / unknown or out of scope' },
      }),
    },
  };
}

/** Definition versions, forms and calendars; the audit of published versions. */
function definitionPaths(): Json {
  return {
    '/api/definitions': {
      get: operation({
        id: 'listDefinitions',
        tag: 'definitions',
        summary: '定义版本 / definition versions',
        auth: 'user',
        ok: { 200: ok('版本 / versions', arrayOf(schema('DefinitionSummary'))) },
        errors: [],
      }),
    },
    '/api/definitions/{process}/{version}': {
      get: operation({
        id: 'getDefinition',
        tag: 'definitions',
        summary: '一个版本的 manifest、规则、指标与表单 / one version',
        auth: 'user',
        parameters: [path('process', '流程 / process'), path('version', '版本 / version')],
        ok: { 200: ok('版本内容', schema('DefinitionVersion')) },
        errors: { 404: '版本不存在' },
      }),
    },
    '/api/definitions/{process}/{version}/process.bpmn': {
      get: operation({
        id: 'getDefinitionDiagram',
        tag: 'definitions',
        summary: '流程图 BPMN XML / the diagram',
        auth: 'user',
        parameters: [path('process', '流程'), path('version', '版本')],
        ok: {
          200: { description: 'BPMN 2.0 XML', content: { 'application/xml': { schema: { type: 'string' } } } },
        },
        errors: { 404: '版本不存在' },
      }),
    },
    '/api/definitions/{process}/{version}/forms/{formKey}': {
      get: operation({
        id: 'getForm',
        tag: 'definitions',
        summary: '表单 JSON Schema（无需登录：异议表单公开）/ a form schema, public',
        auth: 'optional',
        parameters: [path('process', '流程'), path('version', '版本'), path('formKey', '表单 / form key')],
        ok: { 200: ok('JSON Schema 2020-12，含 examples[0]', schema('FormSchema')) },
        errors: { 404: '版本或表单不存在' },
      }),
    },
    '/api/definitions/{process}/translations/{language}': {
      get: operation({
        id: 'getTranslations',
        tag: 'definitions',
        summary:
          '流程定义文字的译文（无需登录：公示页面也用）/ what the definitions of a process say, translated; public',
        auth: 'optional',
        parameters: [path('process', '流程 / process'), path('language', '语言，如 en / a language tag, e.g. en')],
        ok: { 200: ok('原文 → 译文 / text as written → translation', schema('Translations')) },
        errors: { 404: '流程不存在 / unknown process' },
      }),
    },
    '/api/definitions-audit': {
      get: operation({
        id: 'definitionAudit',
        tag: 'drafts',
        summary: '定义发布记录（哈希链）/ the audit chain of published versions',
        auth: 'user',
        ok: { 200: ok('发布记录', arrayOf(schema('AuditEntry'))) },
        errors: { 403: '非政策管理人员或管理员' },
      }),
    },
    '/api/calendars': {
      get: operation({
        id: 'listCalendarYears',
        tag: 'definitions',
        summary: '已录入的日历年份及其通知（公开数据）/ calendar years with their notices, public',
        auth: 'optional',
        ok: { 200: ok('逐年 / one entry per year', schema('CalendarYears')) },
        errors: [],
      }),
    },
    '/api/calendars/{id}': {
      post: operation({
        id: 'publishCalendarYear',
        tag: 'definitions',
        summary: '录入或更正一年的节假日安排（更正为新版本）/ enter a year, or correct it as a new revision',
        description:
          '路径参数为年份。与已提交的日历文件同样校验；写入 definitions/calendars/<id>/<year>.json 并立即生效：' +
          '等待该年份的异常即时重试；更正时重新计算尚未到期的期限，并写入案件审计记录。 / ' +
          'The path parameter is the year. Applied at once: incidents waiting on the year are retried; a correction re-derives unfired due dates.',
        auth: 'user',
        parameters: [path('id', '年份 / the year', { pattern: '^\\d{4}$', examples: ['2030'] })],
        body: jsonBody('CalendarYearEntry'),
        ok: {
          200: ok('已更正（新版本）/ corrected, a new revision', schema('CalendarPublication')),
          201: ok('已录入 / entered', schema('CalendarPublication')),
        },
        errors: {
          403: EDITORS_ONLY,
          404: '年份格式不正确',
          409: '与已发布的版本相同',
          422: '数据校验未通过（errors 逐项指明字段）',
        },
      }),
      get: operation({
        id: 'getCalendar',
        tag: 'definitions',
        summary: '工作日历（公开数据）/ a working-day calendar, public',
        auth: 'optional',
        parameters: [path('id', '日历 / calendar id', { examples: ['cn'] })],
        ok: { 200: ok('逐年 / one file per year', arrayOf(schema('CalendarFile'))) },
        errors: { 404: '日历不存在' },
      }),
    },
  };
}

/** Administration (the sandbox clock only with CLOCK=simulated) and the system endpoints. */
function adminPaths(simulatedClock: boolean): Json {
  return {
    ...(simulatedClock && {
      '/api/admin/clock': {
        get: operation({
          id: 'getClock',
          tag: 'admin',
          summary: '模拟时钟（仅 CLOCK=simulated）/ the sandbox clock',
          auth: 'user',
          ok: { 200: ok('当前时间', schema('Clock')) },
          errors: { 403: '非管理员' },
        }),
        post: operation({
          id: 'advanceClock',
          tag: 'admin',
          summary: '拨快模拟时钟并触发到期定时器（仅 CLOCK=simulated）/ advance the sandbox clock, firing due timers',
          auth: 'user',
          body: jsonBody('ClockAdvance'),
          ok: { 200: ok('已前进 / advanced', schema('ClockAdvanced')) },
          errors: { 403: '非管理员', 409: '时钟不能倒退 / backwards', 422: '时间格式不正确' },
        }),
      },
    }),
    '/api/admin/incidents/retry': {
      post: operation({
        id: 'retryIncidents',
        tag: 'admin',
        summary: '重算因异常（如缺日历）暂停的定时器（管理员）/ retry incidents (admin)',
        auth: 'user',
        ok: { 200: ok('已解决数 / resolved', schema('IncidentRetry')) },
        errors: { 403: '非管理员' },
      }),
    },
    '/api/clock': {
      get: operation({
        id: 'clock',
        tag: 'system',
        summary: '案件所用的时钟（沙盒时钟时为模拟时间）/ the clock cases run on',
        auth: 'optional',
        ok: {
          200: ok(
            '当前时间与中国日期 / now and today in China',
            object('时钟 / clock', ['now', 'today', 'simulated'], {
              now: INSTANT,
              today: { type: 'string', format: 'date' },
              simulated: { type: 'boolean' },
            }),
          ),
        },
        errors: [],
      }),
    },
    '/api/health': {
      get: operation({
        id: 'health',
        tag: 'system',
        summary: '运行状态 / health',
        auth: 'optional',
        ok: { 200: ok('正常 / ok', schema('Health')) },
        errors: [],
      }),
    },
    '/api/openapi.json': {
      get: operation({
        id: 'openApi',
        tag: 'system',
        summary: '本文档 / this document',
        auth: 'optional',
        ok: { 200: ok('OpenAPI 3.1', { type: 'object', required: ['openapi', 'info', 'paths'] }) },
        errors: [],
      }),
    },
  };
}

const DRAFT_ID = path('id', '草稿编号 / draft id');
const EDITORS_ONLY = '非政策管理人员或管理员 / not policy-admin or admin';

/** The designer's back end: drafts of definition versions (policy-admin, admin). */
function draftPaths(): Json {
  return {
    '/api/drafts': {
      get: operation({
        id: 'listDrafts',
        tag: 'drafts',
        summary: '定义草稿 / drafts',
        auth: 'user',
        ok: { 200: ok('最近修改的在前 / latest first', arrayOf(schema('DraftSummary'))) },
        errors: { 403: EDITORS_ONLY },
      }),
      post: operation({
        id: 'createDraft',
        tag: 'drafts',
        summary: '以某版本为基础起草 / start a draft from a version',
        auth: 'user',
        body: jsonBody('NewDraft'),
        ok: { 201: ok('新草稿 / the draft', schema('Draft')) },
        errors: { 403: EDITORS_ONLY, 404: '版本不存在', 422: '缺少流程或基础版本' },
      }),
    },
    '/api/drafts/{id}': {
      get: operation({
        id: 'getDraft',
        tag: 'drafts',
        summary: '草稿 / a draft',
        auth: 'user',
        parameters: [DRAFT_ID],
        ok: { 200: ok('草稿', schema('Draft')) },
        errors: {
          403: EDITORS_ONLY,
          404: '草稿不存在；已被删除的草稿说明由谁删除（deleted）/ no such draft; a deleted one says by whom (deleted)',
        },
      }),
      patch: operation({
        id: 'renameDraft',
        tag: 'drafts',
        summary: '修改草稿名称 / rename a draft',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: jsonBody('DraftRename'),
        ok: { 200: ok('草稿', schema('Draft')) },
        errors: {
          403: EDITORS_ONLY,
          404: '草稿不存在',
          409: '草稿已发布、正在等待批准，或自页面所示的修订号以来已被写入或删除',
          422: '名称为空或过长，或修订号不合格',
        },
      }),
      delete: operation({
        id: 'deleteDraft',
        tag: 'drafts',
        summary: '删除草稿 / delete a draft',
        auth: 'user',
        parameters: [DRAFT_ID, ...QUERY_PARAMETERS.deleteDraft],
        ok: { 204: { description: '已删除 / deleted' } },
        errors: {
          403: EDITORS_ONLY,
          404: '草稿不存在',
          409: '草稿正在等待批准（先撤回申请），或自页面所示的修订号以来已被写入',
          422: '修订号不合格',
        },
      }),
    },
    '/api/drafts/{id}/files': {
      put: operation({
        id: 'saveDraftFile',
        tag: 'drafts',
        summary: '保存或删除草稿中的文件 / save or delete a file of a draft',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: { required: true, content: json({ oneOf: [schema('DraftFile'), schema('DraftFiles')] }) },
        ok: { 200: ok('保存后的草稿', schema('Draft')) },
        errors: {
          403: EDITORS_ONLY,
          404: '草稿不存在',
          409: '草稿已发布、正在等待批准，或自所依据的修订号以来已被写入或删除',
          422: '文件不属于定义版本、无法读取（JSON 无法解析，流程图不是可读取的 XML：message 指出文件，problems 给出 json-syntax 或 bpmn-parse；本次什么也不写入），或修订号不合格',
        },
      }),
    },
    '/api/drafts/{id}/validate': {
      post: operation({
        id: 'validateDraft',
        tag: 'drafts',
        summary: '校验草稿（同 npm run validate）/ validate a draft',
        auth: 'user',
        parameters: [DRAFT_ID],
        ok: { 200: ok('问题列表 / problems', schema('ValidationReport')) },
        errors: { 403: EDITORS_ONLY, 404: '草稿不存在' },
      }),
    },
    '/api/drafts/{id}/compare': {
      get: operation({
        id: 'compareDraft',
        tag: 'drafts',
        summary: '与某版本对比（缺省：现行版本）/ compare with a version (default: the one in force)',
        auth: 'user',
        parameters: [DRAFT_ID, ...QUERY_PARAMETERS.compareDraft],
        ok: { 200: ok('变化 / changes', schema('VersionDiff')) },
        errors: { 403: EDITORS_ONLY, 404: '草稿或版本不存在', 422: '草稿文件无法解析' },
      }),
    },
    '/api/drafts/{id}/publish': {
      post: operation({
        id: 'publishDraft',
        tag: 'drafts',
        summary: '申请发布为新的不可修改版本，须另一人批准（CONTRACT §1）/ ask to publish; a second person approves',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: jsonBody('PublishRequest'),
        ok: { 202: ok('已提交，等待批准 / waiting for approval', schema('PublicationRequested')) },
        errors: {
          403: EDITORS_ONLY,
          404: '草稿不存在',
          409: '已发布、已在等待批准、自页面所示的修订号以来已被修改、版本已存在或该日已有生效版本 / published, pending, changed since the page’s revision, version exists or date taken',
          422: '版本名称、生效日期、修订依据不合格或草稿未通过校验',
        },
      }),
    },
    '/api/drafts/{id}/approve': {
      post: operation({
        id: 'approveDraftPublication',
        tag: 'drafts',
        summary: '批准发布（不能是申请人本人）/ approve a publication (not by its requester)',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: { required: false, content: json(schema('ApprovalRequest')) },
        ok: { 201: ok('已发布 / published', schema('Published')) },
        errors: {
          403: '非政策管理人员或管理员，或批准自己的申请 / not an editor, or the requester',
          404: '草稿不存在',
          409: '没有等待批准的申请、申请自页面所示的修订号以来已重新提交、版本已存在或该日已有生效版本',
          422: '生效日期已过或草稿未通过校验',
        },
      }),
    },
    '/api/drafts/{id}/refuse': {
      post: operation({
        id: 'refuseDraftPublication',
        tag: 'drafts',
        summary: '退回发布申请（附理由）/ refuse a publication, with the reason',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: jsonBody('Refusal'),
        ok: { 200: ok('草稿（可再修改）/ the draft, editable again', schema('Draft')) },
        errors: {
          403: EDITORS_ONLY,
          404: '草稿不存在',
          409: '没有等待批准的申请，或申请自页面所示的修订号以来已重新提交 / nothing awaits approval, or asked for again since the page’s revision',
          422: '缺少退回理由，或修订号无效',
        },
      }),
    },
    '/api/drafts/{id}/withdraw': {
      post: operation({
        id: 'withdrawDraftPublication',
        tag: 'drafts',
        summary: '申请人撤回自己的发布申请 / the requester withdraws their own publication request',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: { required: false, content: json(schema('Withdrawal')) },
        ok: { 200: ok('草稿（可再修改）/ the draft, editable again', schema('Draft')) },
        errors: {
          403: '非政策管理人员或管理员，或不是申请人 / not an editor, or not the requester',
          404: '草稿不存在',
          409: '没有等待批准的申请，或申请自页面所示的修订号以来已重新提交，或草稿已被删除 / nothing awaits approval, asked for again since the page’s revision, or the draft was deleted',
          422: '修订号无效 / the revision is not a whole number from 0',
        },
      }),
    },
    '/api/drafts/{id}/simulations': {
      post: operation({
        id: 'startDraftSimulation',
        tag: 'drafts',
        summary: '在后台模拟（可查询进度、取消）/ simulate in the background',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: jsonBody('SimulationRequest'),
        ok: { 202: ok('已开始 / started', schema('SimulationJob')) },
        errors: { 403: EDITORS_ONLY, 404: '草稿不存在', 422: '脚本不合格' },
      }),
    },
    '/api/drafts/{id}/simulations/{job}': {
      get: operation({
        id: 'getDraftSimulation',
        tag: 'drafts',
        summary: '模拟的进度与结果 / progress and results',
        auth: 'user',
        parameters: [DRAFT_ID, path('job', '模拟编号 / job id')],
        ok: { 200: ok('模拟 / the job', schema('SimulationJob')) },
        errors: { 403: EDITORS_ONLY, 404: '模拟不存在' },
      }),
      delete: operation({
        id: 'cancelDraftSimulation',
        tag: 'drafts',
        summary: '取消模拟 / cancel',
        auth: 'user',
        parameters: [DRAFT_ID, path('job', '模拟编号 / job id')],
        ok: { 200: ok('已取消 / cancelled', schema('SimulationJob')) },
        errors: { 403: EDITORS_ONLY, 404: '模拟不存在', 409: '模拟已结束' },
      }),
    },
    '/api/drafts/{id}/simulate': {
      post: operation({
        id: 'simulateDraft',
        tag: 'drafts',
        summary: '在现行版本与草稿上回放案例脚本 / replay case scripts on the version in force and the draft',
        auth: 'user',
        parameters: [DRAFT_ID],
        body: jsonBody('SimulationRequest'),
        ok: { 200: ok('逐个脚本 / per script', arrayOf(schema('Simulation'))) },
        errors: { 403: EDITORS_ONLY, 404: '草稿不存在', 422: '脚本不合格' },
      }),
    },
  };
}

/** `POST /api/cases`: the process and its subject and region, under the declared or the neutral names. */
function newCaseSchema(terms: ProgrammeTerms): Json {
  const required = requiredNames(terms);
  // Closed where the declared names are known; a document without definitions cannot list them.
  const { additionalProperties, ...open } = NEW_CASE;
  // The neutral names last: without definitions, `subject` and `region` are said to be the neutral names.
  const { process, ...neutral } = NEW_CASE.properties;
  return {
    ...open,
    properties: {
      process: { ...process, ...examples(terms.processes) },
      ...subjectRegionProperties(terms, { minLength: 1 }),
      ...neutral,
    },
    ...(terms !== NEUTRAL_TERMS && { additionalProperties }),
    ...(required.length === 2 && {
      anyOf: [{ required }, { required: ['subject', 'region'] }],
    }),
  };
}

/**
 * The OpenAPI 3.1 document; `/api/admin/clock` is in it only when the server runs a simulated clock.
 * Names and examples particular to a programme (statuses, due names, messages, the subject's and
 * region's names) come from `terms`, the definitions in force.
 */
export function openApiDocument(
  simulatedClock: boolean,
  terms: ProgrammeTerms = NEUTRAL_TERMS,
): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: '全国质量品牌提升示范区 API / National Quality Brand Demonstration Zone API',
      version: '0.1.0',
      description:
        '依据《全国质量品牌提升示范区管理办法（试行）》运行示范区创建、验收、公示、认定与管理的工作流。' +
        'JSON 请求与响应；需登录的接口发送 `Authorization: Bearer <token>`。' +
        '错误响应为 `{ error: { code, message } }`（中文说明，不含堆栈）；表单校验错误另有 `errors: [{ path, message }]`。' +
        '未列出的 /api 路径答 404（NotFound）。带令牌的请求的响应均为 `Cache-Control: no-store`；' +
        '`Strict-Transport-Security` 只在经 HTTPS 到达时发送（TRUST_PROXY）。\n\n' +
        'The workflow of the Measures over HTTP (CONTRACT §6). JSON in, JSON out; authenticated calls send a ' +
        'bearer token. Errors are `{ error: { code, message } }` with a Chinese message; unknown /api paths answer 404. ' +
        'Answers to calls with a token carry `Cache-Control: no-store`; HSTS is sent only over HTTPS.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'session', description: '登录 / sessions' },
      { name: 'users', description: '用户管理 / users' },
      { name: 'cases', description: '案件 / cases' },
      { name: 'tasks', description: '待办 / tasks' },
      { name: 'notifications', description: '站内通知 / notifications' },
      { name: 'public', description: '公示与异议（无需登录）/ public notices and objections' },
      { name: 'attachments', description: '附件 / attachments' },
      { name: 'definitions', description: '流程定义与日历 / definitions and calendars' },
      { name: 'drafts', description: '定义草稿与发布（设计器）/ drafts and publishing (designer)' },
      { name: 'admin', description: '系统管理 / administration' },
      { name: 'reports', description: '导出与统计 / exports and statistics' },
      { name: 'system', description: '系统 / system' },
    ],
    security: [{ bearerAuth: [] }],
    paths: paths(simulatedClock, terms),
    components: {
      schemas: {
        ...bodies,
        Case: caseSchema(terms),
        Due: dueSchema(terms),
        PublicNotice: publicNoticeSchema(terms),
        NewCase: newCaseSchema(terms),
        ...reportSchemas(),
      },
      responses: errorResponses,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'POST /api/session 取得的令牌，默认 12 小时有效 / a token from POST /api/session',
        },
      },
    },
  };
}
