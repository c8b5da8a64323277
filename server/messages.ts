import type { Request } from 'express';
import { englishCount, shownKey, type NotificationKind, type ReadPlace, type Said } from '../engine/index.js';

/** A language the server speaks to people in. */
export type Language = keyof Said;

/** Chinese unless the client asks for English first (the workbench sends its language). */
export const languageOf = (request: Request): Language => (request.acceptsLanguages('zh', 'en') === 'en' ? 'en' : 'zh');

/** Where a file could not be read, as the designer says it; the reader's own reason where it names no place. */
const readWhere = ({ reason, place }: { reason: string; place?: ReadPlace }): Said => {
  if (place === undefined) return { zh: reason, en: reason };
  const { line, column } = place;
  return place.end
    ? {
        zh: `在第 ${String(line)} 行第 ${String(column)} 列提前结束（文件不完整）`,
        en: `it ends early at line ${String(line)}, column ${String(column)} (the file is incomplete)`,
      }
    : {
        zh: `第 ${String(line)} 行第 ${String(column)} 列无法读取`,
        en: `it cannot be read at line ${String(line)}, column ${String(column)}`,
      };
};

/** How many of the fields (or parameters) a route does not take its refusal names, and how much of each name. */
const STRAYS_NAMED = 5;
const STRAY_NAME_LENGTH = 40;

/**
 * The names a refusal lists: the first few, each cut short, then how many there were — a request with
 * 500 stray parameters was answered with all 500 (a-1、a-2、… 等 500 项; a-1, a-2, … and 495 others).
 */
const strays = (names: readonly string[]): Said => {
  const shown = names
    .slice(0, STRAYS_NAMED)
    .map((name) => (name.length > STRAY_NAME_LENGTH ? `${name.slice(0, STRAY_NAME_LENGTH)}…` : name));
  const rest = names.length - shown.length;
  return {
    zh: rest === 0 ? shown.join('、') : `${shown.join('、')} 等 ${String(names.length)} 项`,
    en: rest === 0 ? shown.join(', ') : `${shown.join(', ')} and ${englishCount(rest, 'other')}`,
  };
};

/**
 * What the server says to people when it refuses, in Chinese and in English: the error handler answers
 * in English to a client that asks for it (`Accept-Language: en`, which the workbench sends in English
 * mode) and in Chinese otherwise. Messages not here (the engine's, those only an API caller meets) are
 * Chinese in both.
 */
export const SAY = {
  // Signing in and who may do what.
  badToken: { zh: '登录凭证格式不正确', en: 'The sign-in token is malformed' },
  sessionEnded: { zh: '登录已失效，请重新登录', en: 'Your session has ended; please sign in again' },
  signInFirst: { zh: '请先登录', en: 'Please sign in first' },
  notAllowed: { zh: '当前用户无权执行此操作', en: 'Your account may not do this' },
  wrongPassword: { zh: '用户名或密码不正确', en: 'The user name or password is wrong' },
  tooManyAttempts: (seconds: number): Said => {
    // Under a minute in seconds, else in whole minutes (rounded up).
    const [count, zhUnit, enUnit] =
      seconds < 60 ? [seconds, '秒', 'second'] : [Math.ceil(seconds / 60), '分钟', 'minute'];
    return {
      zh: `登录失败次数过多，请 ${String(count)} ${zhUnit}后再试`,
      en: `Too many failed sign-ins; try again in ${englishCount(count, enUnit)}`,
    };
  },
  busy: (seconds: number): Said => ({
    zh: `登录请求过多，请 ${String(seconds)} 秒后再试`,
    en: `Too many sign-ins at once; try again in ${englishCount(seconds, 'second')}`,
  }),

  // Too many requests (server/request-limits.ts).
  tooManyRequests: (seconds: number): Said => ({
    zh: `操作过于频繁，请 ${String(seconds)} 秒后再试`,
    en: `Too many requests from this account; try again in ${englishCount(seconds, 'second')}`,
  }),
  /** Previews of what a submission would do, per user per minute (server/routes/cases.ts). */
  tooManyPreviews: (seconds: number): Said => ({
    zh: `预览提交结果过于频繁，请 ${String(seconds)} 秒后再试`,
    en: `Too many previews of what a submission would do; try again in ${englishCount(seconds, 'second')}`,
  }),
  /** Excel exports of the case list, per account per minute (server/routes/reports.ts). */
  tooManyExports: (seconds: number): Said => ({
    zh: `导出 Excel 过于频繁，请 ${String(seconds)} 秒后再试`,
    en: `Too many Excel exports; try again in ${englishCount(seconds, 'second')}`,
  }),
  /** Messages one account sent to one case in a day (a report, a proposal: server/routes/cases.ts). */
  tooManyCaseMessages: (limit: number, hours: number): Said => ({
    zh: `向同一案件提交事项过于频繁：每个账号每天最多 ${String(limit)} 件，请 ${String(hours)} 小时后再试`,
    en: `Too many submissions to this case: at most ${String(limit)} a day from one account; try again in ${englishCount(hours, 'hour')}`,
  }),
  /** Cases one account started in a day (server/routes/cases.ts). */
  tooManyCaseStarts: (limit: number, hours: number): Said => ({
    zh: `发起案件过于频繁：每个账号每天最多发起 ${String(limit)} 件，请 ${String(hours)} 小时后再试`,
    en: `Too many cases started: at most ${String(limit)} a day from one account; try again in ${englishCount(hours, 'hour')}`,
  }),
  /** What anyone may send to a public notice (an objection), per address per hour (server/routes/public.ts). */
  tooManyPublicMessages: (limit: number, minutes: number): Said => ({
    zh: `提交过于频繁：同一网络地址每小时最多提交 ${String(limit)} 件，请 ${String(minutes)} 分钟后再试`,
    en: `Too many submissions: at most ${String(limit)} an hour from one network address; try again in ${englishCount(minutes, 'minute')}`,
  }),
  /** Evidence files anyone may upload, per address per hour. */
  tooManyPublicUploads: (limit: number, minutes: number): Said => ({
    zh: `上传文件过于频繁：同一网络地址每小时最多 ${String(limit)} 个，请 ${String(minutes)} 分钟后再试`,
    en: `Too many uploads: at most ${String(limit)} an hour from one network address; try again in ${englishCount(minutes, 'minute')}`,
  }),
  /** API requests without a session, per address per minute (server/request-limits.ts). */
  tooManyAnonymousRequests: (seconds: number): Said => ({
    zh: `来自同一网络地址的访问过于频繁，请 ${String(seconds)} 秒后再试`,
    en: `Too many requests from this network address; try again in ${englishCount(seconds, 'second')}`,
  }),
  tooManyFailedTokens: (seconds: number): Said => ({
    zh: `无效的登录凭证过多，请 ${String(seconds)} 秒后再试`,
    en: `Too many invalid sign-in tokens from this address; try again in ${englishCount(seconds, 'second')}`,
  }),

  // The request itself.
  required: (field: string, label: string): Said => ({ zh: `「${label}」为必填项`, en: `${field} is required` }),
  notObject: { zh: '请求体应为 JSON 对象', en: 'The request body must be a JSON object' },
  notBoolean: (field: string, label: string): Said => ({
    zh: `「${label}」应为 true 或 false`,
    en: `${field} must be true or false`,
  }),
  notText: (field: string, label: string): Said => ({ zh: `「${label}」应为文字`, en: `${field} must be text` }),
  notNotificationIds: {
    zh: '「ids」应为通知编号列表或 "all"',
    en: 'ids must be a list of notification ids, or "all"',
  },
  noSuchForm: (formKey: string): Said => ({
    zh: `表单 ${shownKey(formKey)} 不存在`,
    en: `There is no form ${shownKey(formKey)}`,
  }),
  /** Fields a route does not take (the first is the error's `field`, the first few named), and those it does. */
  unknownFields: (fields: readonly string[], taken: readonly string[]): Said => ({
    zh: `不接受的字段：${strays(fields).zh}（${taken.length === 0 ? '此请求不带字段' : `可用：${taken.join('、')}`}）`,
    en: `This request does not take ${fields.length === 1 ? 'the field' : 'the fields'} ${strays(fields).en} (${taken.length === 0 ? 'it takes none' : `it takes ${taken.join(', ')}`})`,
  }),
  /** Query parameters a route does not take, and those it does. */
  unknownParameters: (names: readonly string[], taken: readonly string[]): Said => ({
    zh: `不接受的查询参数：${strays(names).zh}（${taken.length === 0 ? '此地址不带参数' : `可用：${taken.join('、')}`}）`,
    en: `This address does not take ${names.length === 1 ? 'the parameter' : 'the parameters'} ${strays(names).en} (${taken.length === 0 ? 'it takes none' : `it takes ${taken.join(', ')}`})`,
  }),
  notJson: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  tooDeep: (levels: number): Said => ({
    zh: `请求内容嵌套层级过深（最多 ${String(levels)} 层）`,
    en: `The request nests too deep (at most ${String(levels)} levels)`,
  }),
  tooManyMembers: (limit: number): Said => ({
    zh: `请求内容中的对象成员过多（每个对象最多 ${String(limit)} 项）`,
    en: `An object in the request has too many members (at most ${String(limit)} each)`,
  }),
  tooLarge: { zh: '请求体过大', en: 'The request body is too large' },
  tooLargeAt: (limit: string): Said => ({
    zh: `请求体过大（上限 ${limit}）`,
    en: `The request body is too large (at most ${limit})`,
  }),
  malformed: { zh: '请求格式不正确', en: 'The request is malformed' },
  headersTooLarge: (limit: string): Said => ({
    zh: `请求头过大（上限 ${limit}），未予处理；请清除本站的 Cookie 后重试`,
    en: `The request headers are too large (at most ${limit}); clear this site's cookies and try again`,
  }),
  requestTimeout: { zh: '请求发送超时，请重试', en: 'The request took too long to arrive; please try again' },
  internal: { zh: '服务器内部错误，请稍后重试', en: 'The server failed; please try again later' },
  noSuchApi: { zh: '接口不存在', en: 'No such API' },
  forbiddenResource: { zh: '无权访问该资源', en: 'You may not open this' },
  noSuchResource: { zh: '资源不存在', en: 'Not found' },

  // Accounts.
  nameTaken: (username: string): Said => ({
    zh: `用户名 ${username} 已被使用`,
    en: `The user name ${username} is taken`,
  }),
  badUsername: {
    zh: '用户名应为 2–64 位字母、数字、下划线或连字符',
    en: 'A user name is 2–64 letters, digits, underscores or hyphens',
  },
  reservedUsername: (username: string): Said => ({
    zh: `用户名 ${username} 为系统保留，不能使用`,
    en: `The user name ${username} is reserved`,
  }),
  // The name as sent, cut to the longest a user name may be: a name of 10,000 characters was said back whole.
  noSuchUser: (typed: string): Said => ({ zh: `用户 ${shownKey(typed)} 不存在`, en: `No user ${shownKey(typed)}` }),
  /** An account's display name: what the account page, the header and a case's history show. */
  displayNameUnsafe: {
    zh: '「显示名称」含有不允许的字符（空字符、换行等控制字符或双向文字控制符）',
    en: 'The display name holds characters it may not (NUL, line breaks and other control characters, or bidirectional controls)',
  },
  organisationControl: {
    zh: '「所属单位」应为一行文字，不能含换行、制表符等控制字符',
    en: 'The organisation is one line of text, without line breaks, tabs or other control characters',
  },
  displayNameLength: (max: number): Said => ({
    zh: `「显示名称」应为 1–${String(max)} 字，如 张三`,
    en: `A display name is 1–${String(max)} characters, such as Zhang San`,
  }),
  lastAdmin: {
    zh: '不能移除或停用最后一个系统管理员',
    en: 'The last administrator cannot be removed or disabled',
  },
  passwordTooShort: (min: number): Said => ({
    zh: `密码不少于 ${String(min)} 位`,
    en: `The password must have at least ${String(min)} characters`,
  }),
  passwordTooLong: (max: number): Said => ({
    zh: `密码不超过 ${String(max)} 位`,
    en: `The password must have at most ${String(max)} characters`,
  }),
  passwordGuessable: {
    zh: '密码过于常见或容易猜到，请换一个',
    en: 'This password is too common or easy to guess; choose another',
  },
  passwordHasUsername: {
    zh: '密码不能包含用户名，请换一个',
    en: 'The password must not contain the user name; choose another',
  },
  unknownRole: (role: string): Said => ({ zh: `未知角色：${role}`, en: `Unknown role: ${role}` }),
  rolesForm: {
    zh: '「角色」应为字符串数组，如 ["park:P-001"]',
    en: '“roles” must be a list of texts, such as ["park:P-001"]',
  },
  regionForm: { zh: '「省级单位」应为省级单位代码，如 "320000"', en: 'The region must be its code, such as "320000"' },
  organisationForm: {
    zh: '「所属单位」应为 1–100 字的单位名称，如 江苏省市场监督管理局',
    en: 'The organisation must be a name of 1–100 characters, such as Jiangsu Administration for Market Regulation',
  },
  regionTwice: {
    zh: '「province」与「region」是同一项，只能填写一个（或填写相同的代码）',
    en: '“province” and “region” are the same field: give one (or the same code in both)',
  },
  roleForm: (role: string, expected: string): Said => ({
    zh: `角色 ${role} 格式不正确，应为 ${expected}`,
    en: `The role ${role} should read ${expected}`,
  }),
  noSuchScope: (role: string, scope: string): Said => ({
    zh: `角色 ${role} 的范围 ${scope} 不存在`,
    en: `The role ${role} names a scope ${scope} that does not exist`,
  }),
  noSuchRegion: (title: string, code: string): Said => ({
    zh: `${title}代码 ${code} 不存在`,
    en: `No region with the code ${code}`,
  }),
  regionAgainstRole: (title: string, code: string, role: string): Said => ({
    zh: `「${title}」${code} 与角色 ${role} 不符：该角色的${title}是 ${role.slice(role.indexOf(':') + 1)}`,
    en: `The region ${code} contradicts the role ${role}, whose region is ${role.slice(role.indexOf(':') + 1)}`,
  }),
  subjectSpeltOtherwise: (scope: string, registered: string): Said => ({
    zh: `${scope} 与已登记的 ${registered} 仅大小写不同；同一主体请填写 ${registered}`,
    en: `${scope} differs from the registered ${registered} only in case; for the same one, enter ${registered}`,
  }),
  subjectInAnotherRegion: (scope: string, title: string, registered: string, given: string): Said => ({
    zh: `${scope} 已登记在「${title}」${registered}，不能再登记在 ${given}；如确属同一主体，请先更正已有账号`,
    en: `${scope} is registered in ${registered}, not ${given}; if it is the same one, correct the existing accounts first`,
  }),

  // Attachments.
  attachmentMissing: (name: string): Said => ({
    zh: `附件「${name}」的文件缺失，请联系管理员从备份恢复（npm run store:check 可列出缺失的附件文件）`,
    en: `The file of the attachment “${name}” is missing; ask an administrator to restore it from a backup (npm run store:check lists them)`,
  }),
  attachmentAltered: (name: string): Said => ({
    zh: `附件「${name}」的文件已损坏（内容与上传时的校验和不符），未予下载；请联系管理员从备份恢复（npm run store:check 可列出损坏的附件文件）`,
    en: `The file of the attachment “${name}” is damaged (it no longer matches its checksum) and was not sent; ask an administrator to restore it from a backup (npm run store:check lists them)`,
  }),
  emptyFile: (name: string): Said => ({ zh: `文件「${name}」为空`, en: `The file “${name}” is empty` }),
  noFileContent: { zh: '请上传文件内容', en: 'Send the file’s content' },
  unsupportedEncoding: (encoding: string): Said => ({
    zh: `请求体的压缩方式（Content-Encoding: ${encoding}）不受支持：请以 gzip 压缩或不压缩`,
    en: `A body compressed as ${encoding} (Content-Encoding) is not taken: send it gzipped or as it is`,
  }),
  uploadsBusy: {
    zh: '同时上传的文件过多，请稍候几秒再上传',
    en: 'Too many files are being uploaded at once; upload again in a few seconds',
  },
  compressedBody: {
    zh: '请按原样上传文件：不接受压缩传输的请求体（Content-Encoding）',
    en: 'Send the file as it is: a compressed body (Content-Encoding) is not taken',
  },
  // The disk (or the user's quota) is full: 507, logged for whoever runs the server.
  noSpace: {
    zh: '服务器存储空间不足，操作未能完成，请稍后再试或联系系统管理员',
    en: 'The server is out of storage space and could not finish; try again later or tell the system administrator',
  },
  fileNoSpace: {
    zh: '服务器存储空间不足，文件未能保存，请稍后再试或联系系统管理员',
    en: 'The server is out of storage space, so the file was not saved; try again later or tell the system administrator',
  },
  fileTooLarge: (limit: string): Said => ({ zh: `附件不能超过 ${limit}`, en: `A file may not exceed ${limit}` }),
  fileType: (types: readonly string[]): Said => ({
    zh: `附件类型不支持：只接受 ${types.join('、')} 文件（按文件内容识别）`,
    en: `This type of file is not accepted: only ${types.join(', ')} (told by the file’s content)`,
  }),
  fileDamaged: (name: string): Said => ({
    zh: `文件「${name}」已损坏或不完整，请重新导出后上传`,
    en: `The file “${name}” is damaged or incomplete; export it again and upload it`,
  }),
  noSuchAttachment: { zh: '附件不存在', en: 'No such file' },
  /** A form citing an upload by an id it may not cite (`shortId`: its first characters, then …). */
  attachmentNotCitable: (shortId: string): Said => ({
    zh: `附件 ${shortId}… 不存在或无权引用（只能引用本人上传或有权查看的附件）`,
    en: `File ${shortId}… does not exist or may not be cited (only your own uploads, or files you may read)`,
  }),
  attachmentNotEvidence: (shortId: string): Said => ({
    zh: `附件 ${shortId}… 已是案件材料，不能作为异议证据引用：请上传证据文件本身`,
    en: `File ${shortId}… is already part of a case and cannot be cited as evidence: upload the evidence itself`,
  }),
  tooManyUploads: (limit: number, minutes: number): Said => ({
    zh: `上传文件过于频繁：每个账户每小时最多 ${String(limit)} 个，请 ${String(minutes)} 分钟后再试`,
    en: `Too many uploads: at most ${String(limit)} an hour per account; try again in ${englishCount(minutes, 'minute')}`,
  }),

  // Messages to a case (a withdrawal, an objection).
  noticeClosed: { zh: '该公示当前不在受理期内', en: 'This notice does not take objections now' },
  objectionNotTaken: {
    zh: '系统暂时无法受理对此项公示的异议，您的异议未提交；管理员已收到异常记录，请稍后再试',
    en: 'Objections to this notice cannot be taken at the moment, and yours was not sent; the administrators have been told of the fault. Please try again later',
  },

  // A form saved to finish later (保存草稿).
  formDraftData: {
    zh: '「草稿内容」应为表单数据（JSON 对象）',
    en: 'The draft must be the form’s data (a JSON object)',
  },
  formDraftRevision: {
    zh: '「修订号」应为正整数，或为 null（尚无草稿）',
    en: 'The revision must be a whole number from 1, or null (no draft yet)',
  },
  formDraftDeleted: {
    zh: '此草稿已在其他窗口或电脑上放弃（删除）：请先载入最新的草稿',
    en: 'This draft was discarded in another window or on another computer: open the latest draft first',
  },
  formDraftTooManyFiles: (max: number): Said => ({
    zh: `草稿引用的附件过多（最多 ${String(max)} 个）`,
    en: `The draft cites too many files (at most ${String(max)})`,
  }),
  formDraftChanged: (revision: number): Said => ({
    zh: `此草稿已在其他窗口或电脑上保存（第 ${String(revision)} 次保存），为免覆盖或误删，本次未执行：请先载入最新的草稿`,
    en: `This draft was saved in another window or on another computer (save no. ${String(revision)}); nothing was done, so as not to overwrite or delete it: open the latest draft first`,
  }),

  // Drafts and their publication (the designer).
  fillIn: (label: string, english: string): Said => ({ zh: `请填写「${label}」`, en: `Fill in ${english}` }),
  textTooLong: (label: string, english: string, max: number): Said => ({
    zh: `「${label}」不能超过 ${String(max)} 个字`,
    en: `${english} may have at most ${String(max)} characters`,
  }),
  /** `2025-02-30` is written right but is no day: said so, not called a format error. */
  dateForm: (label: string, english: string, written: unknown): Said =>
    typeof written === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(written)
      ? { zh: `「${label}」${written} 不存在（该月没有这一天）`, en: `${english} ${written} does not exist` }
      : { zh: `「${label}」应为 YYYY-MM-DD`, en: `${english} must be a date written YYYY-MM-DD` },
  issuedAfterEffective: (effectiveFrom: string): Said => ({
    zh: `「印发日期」不能晚于生效日期（${effectiveFrom}）`,
    en: `The issue date may not be after the effective date (${effectiveFrom})`,
  }),
  webAddress: {
    zh: '「发布网址」应以 http:// 或 https:// 开头',
    en: 'The web address must begin with http:// or https://',
  },
  fourEyes: {
    zh: '不能批准自己提交的发布申请：须由另一位政策管理人员或管理员批准（四眼原则）',
    en: 'You cannot approve your own request to publish: another policy officer or administrator must (four eyes)',
  },
  onlyRequesterWithdraws: (requester: string): Said => ({
    zh: `只有申请人（${requester}）可以撤回发布申请；其他人可以退回并说明理由`,
    en: `Only the one who asked (${requester}) may withdraw the request to publish; anyone else may return it, giving the reason`,
  }),
  /**
   * A draft file that cannot be read at all, refused with the rest of its save: the file by its path
   * in the version and why (the reader's own English words: where it stopped), never its content.
   */
  unreadableDraftFile: (path: string, refusal: { kind: 'json' | 'bpmn'; reason: string; place?: ReadPlace }): Said => {
    const where = readWhere(refusal);
    return refusal.kind === 'json'
      ? {
          zh: `文件 ${path} 不是有效的 JSON，${where.zh}：本次未保存任何文件，请改正后再保存`,
          en: `${path} is not valid JSON: ${where.en}; nothing was saved, correct it and save again`,
        }
      : {
          zh: `流程图文件 ${path} 不是可读取的 BPMN XML，${where.zh}：本次未保存任何文件，请改正后再保存`,
          en: `${path} is not readable BPMN XML: ${where.en}; nothing was saved, correct it and save again`,
        };
  },
  draftFileText: (path?: string): Said => ({
    zh: `${path === undefined ? '' : `${path}：`}「内容」应为文本或 null（删除文件）`,
    en: `${path === undefined ? 'The text' : `${path}: the text`} must be a string, or null to delete the file`,
  }),
  draftFiles: {
    zh: '「文件」应为 { 路径: 内容 } 的对象，至少一个文件',
    en: 'The files must be an object { path: text } with at least one file',
  },
  notVersionFile: (path: string): Said => ({
    zh: `文件 ${path} 不属于定义版本`,
    en: `${path} is not a file of a definition version`,
  }),
  draftManifestNotJson: (file: string, refusal: { reason: string; place?: ReadPlace }): Said => {
    const where = readWhere(refusal);
    return { zh: `${file} 不是有效的 JSON，${where.zh}`, en: `${file} is not valid JSON: ${where.en}` };
  },
  draftManifestNotObject: (file: string): Said => ({
    zh: `${file} 应为 JSON 对象`,
    en: `${file} must be a JSON object`,
  }),
  scenariosTooDeep: (depth: number): Said => ({
    zh: `「场景」嵌套超过 ${String(depth)} 层`,
    en: `The scenarios are nested more than ${String(depth)} levels deep`,
  }),
  noSuchDraft: (id: string): Said => ({ zh: `草稿 ${id} 不存在`, en: `No draft ${id}` }),
  draftPublished: (version: string): Said => ({
    zh: `草稿已发布为 ${version}，不能再修改`,
    en: `The draft was published as ${version} and cannot be changed`,
  }),
  draftAwaitingEdit: {
    zh: '草稿已提交发布，等待批准期间不能修改（撤回申请或被退回后可修改）',
    en: 'The draft awaits approval to publish and cannot be changed meanwhile (withdraw the request, or wait for it to be returned)',
  },
  draftChanged: (revision: number): Said => ({
    zh: `此草稿已在其他窗口或由他人修改（第 ${String(revision)} 次保存），请重新加载后再改`,
    en: `This draft was changed in another window or by someone else (save no. ${String(revision)}); reload it before changing it`,
  }),
  draftRevision: {
    zh: '「修订号」应为不小于 0 的整数',
    en: 'The revision must be a whole number from 0',
  },
  /**
   * A step on a draft deleted since the page loaded it: what happened, not what to do — the page
   * says that (whether it had unsaved edits, which way out fits), the server knows neither.
   */
  draftDeleted: {
    zh: '此草稿已在其他窗口或由他人删除，本次操作未执行',
    en: 'This draft was deleted in another window or by someone else; nothing was done',
  },
  draftDeletedBy: (by: string): Said => ({
    zh: `此草稿已被 ${by} 删除，本次操作未执行`,
    en: `This draft was deleted by ${by}; nothing was done`,
  }),
  /** A draft read again (not a step on it) after it was deleted: who deleted it. */
  draftGone: (title: string, by: string): Said => ({
    zh: `草稿「${title}」已被 ${by} 删除`,
    en: `The draft “${title}” was deleted by ${by}`,
  }),
  /** A request to publish made on a page showing an older revision than the draft's. */
  requestStale: (seen: number, now: number, by: string | undefined): Said => ({
    zh: `您打开此页后，此草稿已被${by === undefined ? '其他窗口或他人' : ` ${by} `}修改（您看到的是第 ${String(seen)} 次保存，现为第 ${String(now)} 次）：发布申请未提交。请重新加载，核对修改后再申请发布`,
    en: `This draft was changed ${by === undefined ? 'in another window or by someone else' : `by ${by}`} after you opened this page (you saw save no. ${String(seen)}; it is now at no. ${String(now)}): nothing was submitted. Reload it, check the changes, then ask to publish again`,
  }),
  /** An approval made on a page showing an earlier request than the one waiting now. */
  approvalStale: (seen: number, now: number, pending: { requester: string; version: string }): Said => ({
    zh: `您打开此页后，此发布申请已被撤回或退回，草稿可能已被修改；现在等待批准的是 ${pending.requester} 重新提交的申请（发布为 ${pending.version}，第 ${String(now)} 次保存；您看到的是第 ${String(seen)} 次）：为免批准未看过的内容，本次未批准。请重新加载，查看申请与差异后再批准`,
    en: `After you opened this page the request to publish was withdrawn or returned, and the draft may have changed; what awaits approval now is ${pending.requester}'s new request (to publish as ${pending.version}, save no. ${String(now)}; you saw no. ${String(seen)}). Nothing was approved, so as not to approve what you have not seen: reload, read the request and its changes, then approve`,
  }),
  /** A refusal made on a page showing an earlier request than the one waiting now. */
  refusalStale: (seen: number, now: number, pending: { requester: string; version: string }): Said => ({
    zh: `您打开此页后，此发布申请已被撤回或退回，草稿可能已被修改；现在等待批准的是 ${pending.requester} 重新提交的申请（发布为 ${pending.version}，第 ${String(now)} 次保存；您看到的是第 ${String(seen)} 次）：为免退回未看过的申请，本次未退回。请重新加载，查看申请与差异后再决定`,
    en: `After you opened this page the request to publish was withdrawn or returned, and the draft may have changed; what awaits approval now is ${pending.requester}'s new request (to publish as ${pending.version}, save no. ${String(now)}; you saw no. ${String(seen)}). Nothing was returned, so as not to return a request you have not seen: reload, read the request and its changes, then decide`,
  }),
  /** A withdrawal made on a page showing an earlier request than the one waiting now (asked for again in another window). */
  withdrawalStale: (seen: number, now: number, pending: { requester: string; version: string }): Said => ({
    zh: `您打开此页后，此发布申请已被撤回或退回，草稿可能已被修改；现在等待批准的是 ${pending.requester} 重新提交的申请（发布为 ${pending.version}，第 ${String(now)} 次保存；您看到的是第 ${String(seen)} 次）：为免撤回未看过的申请，本次未撤回。请重新加载，查看申请后再决定是否撤回`,
    en: `After you opened this page the request to publish was withdrawn or returned, and the draft may have changed; what awaits approval now is ${pending.requester}'s new request (to publish as ${pending.version}, save no. ${String(now)}; you saw no. ${String(seen)}). Nothing was withdrawn, so as not to withdraw a request you have not seen: reload, read the request, then decide whether to withdraw it`,
  }),
  draftAwaitingDelete: {
    zh: '草稿已提交发布，等待批准期间不能删除（先撤回申请）',
    en: 'The draft awaits approval to publish and cannot be deleted (withdraw the request first)',
  },
  draftAwaiting: (version: string): Said => ({
    zh: `草稿已提交发布为 ${version}，正在等待批准`,
    en: `The draft was submitted to publish as ${version} and awaits approval`,
  }),
  nothingAwaiting: { zh: '草稿没有等待批准的发布申请', en: 'The draft has no request to publish awaiting approval' },
  returnReason: { zh: '请填写退回理由', en: 'Give the reason for returning it' },
  publishedAgain: (version: string): Said => ({
    zh: `草稿已发布为 ${version}，不能再次发布`,
    en: `The draft was published as ${version} already`,
  }),
  versionExists: (version: string): Said => ({
    zh: `版本 ${version} 已存在，发布的版本不可修改`,
    en: `Version ${version} exists; a published version cannot be changed`,
  }),
  draftInvalid: { zh: '草稿未通过校验，不能发布', en: 'The draft fails its checks and cannot be published' },
  draftWarnings: (count: number): Said => ({
    zh: `草稿还有 ${String(count)} 条警告，不能发布：发布的版本须与其条文一致（如名称写的期限与取值相同），请先修改`,
    en: `The draft has ${englishCount(count, 'warning')} and cannot be published: a published version must agree with its own words (a title's period and its value, say); correct them first`,
  }),
  dateTaken: (version: string, effectiveFrom: string): Said => ({
    zh: `${effectiveFrom} 已有版本 ${version} 生效（或定于该日生效）：每个日期只能有一个版本`,
    en: `${version} takes effect on ${effectiveFrom}: one version per date`,
  }),
  versionName: {
    zh: '版本名称只能包含字母、数字、点、下划线和连字符',
    en: 'A version name may hold only letters, digits, dots, underscores and hyphens',
  },
  effectiveInPast: (today: string): Said => ({
    zh: `生效日期不能早于今日（${today}）：已经开始的案件不会改变规则版本`,
    en: `The effective date may not be before today (${today}): cases already started keep their rules`,
  }),
  draftTitleLong: {
    zh: '「草稿名称」不能超过 100 个字',
    en: 'The draft’s name may have at most 100 characters',
  },
  advanceToFormat: {
    zh: '「目标时间」应为 ISO 8601 时间，如 2025-04-02T09:00:00+08:00（未写时区的按北京时间）',
    en: '“advanceTo” must be an ISO 8601 time, such as 2025-04-02T09:00:00+08:00 (China time when it has no offset)',
  },
  advanceTooFar: (years: number, limit: string): Said => ({
    zh: `演练时钟一次最多前进 ${years} 年，且不能晚于北京时间 9999 年底：本次最晚可到 ${limit}（北京时间）`,
    en: `The sandbox clock moves at most ${years} years at once, and not past the end of 9999 in China: this time, to ${limit} (China time) at the latest`,
  }),
  noSuchSimulation: (id: string): Said => ({ zh: `模拟 ${id} 不存在`, en: `No simulation ${id}` }),
  simulationOver: { zh: '模拟已经结束，无法取消', en: 'The simulation has ended and cannot be cancelled' },
} as const;

/**
 * The notification e-mails' words (server/notify/email-channel.ts), Chinese: they go to the
 * programme's officials' addresses. The programme, subject and task names come from the definitions.
 */
export const MAIL_WORDS = {
  kinds: {
    'task.opened': '新待办',
    'task.returned': '案件已退回，请修改后重新提交',
    'task.reminded': '催办提醒',
    'task.dueSoon': '临近办理期限',
    'task.overdue': '已超过办理期限',
    'notice.opened': '公示已开始',
    'objection.received': '收到异议',
    'message.received': '案件收到新事项',
    'case.ended': '案件已办结',
    'status.changed': '案件进入新阶段',
    'branch.ended': '案件有新进展',
  } satisfies Record<NotificationKind, string>,
  subject: (programme: string, kind: string, about: string) => `【${programme}】${kind}：${about}`,
  caseId: (id: string) => `案件：${id}`,
  about: (title: string, name: string, id: string) => `${title}：${name}（${id}）`,
  task: (name: string) => `事项：${name}`,
  stage: (title: string) => `阶段：${title}`,
  outcome: (title: string) => `结果：${title}`,
  note: (text: string) => `说明：${text}`,
  due: (date: string, left: number | undefined) =>
    left === undefined ? `办理期限：${date}` : `办理期限：${date}（剩 ${String(left)} 个工作日）`,
  at: (time: string) => `时间：${time}（北京时间）`,
  link: (url: string) => `查看案件：${url}`,
} as const;

/** The statistics page's own words (the rest of its titles come from the definitions' catalogue). */
export const STATISTICS_WORDS = {
  unknownType: { zh: '未填写', en: 'Not given' },
} as const;

/**
 * The case list exported as a workbook (server/reports/case-export.ts): its columns' headings, its
 * sheet and file. The subject's and region's own titles come from the programme's manifest (Chinese);
 * in English, and in Chinese where the cases' programmes disagree, the neutral words here stand in.
 */
export const CASE_EXPORT_WORDS = {
  sheet: { zh: '案件', en: 'Cases' },
  fileName: (day: string): Said => ({ zh: `案件列表-${day}.xlsx`, en: `cases-${day}.xlsx` }),
  subject: { zh: '申报主体', en: 'Applicant' },
  region: { zh: '所属地区', en: 'Region' },
  code: (title: string): Said => ({ zh: `${title}代码`, en: `${title} code` }),
  id: { zh: '案件编号', en: 'Case number' },
  status: { zh: '状态', en: 'Status' },
  statusDate: { zh: '状态日期', en: 'Status date' },
  process: { zh: '流程', en: 'Process' },
  version: { zh: '版本', en: 'Rule version' },
  started: { zh: '发起日期', en: 'Started' },
  nextDate: { zh: '下一日期', en: 'Next date' },
  nextTitle: { zh: '下一日期名称', en: 'Next date is for' },
  ended: { zh: '办结日期', en: 'Closed' },
} as const;
