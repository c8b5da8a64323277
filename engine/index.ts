/**
 * The engine's public face: everything outside `engine/` (the server, its tools) imports from here,
 * never from the modules behind it (an ESLint rule holds `server/` to this).
 */
export {
  WorkflowEngine,
  type CalendarPublication,
  type CalendarYearSummary,
  type DataCheck,
  type EngineOptions,
  type IncidentEvent,
  type IncidentListener,
  type PublicWindow,
  type StartCaseInput,
} from './workflow-engine.js';
export {
  anyoneGroup,
  declaredSubjectRegion,
  holderName,
  readSubjectRegion,
  regionDirectory,
  scopeKind,
  type SubjectRegion,
} from './definitions/subject-region.js';
export { programmeName } from './definitions/programme-name.js';
export { subjectRegionOfNotification } from './notifications/notification.js';
export type {
  Clock,
  IdGenerator,
  RateCounter,
  RateCounterChange,
  RateCounters,
  SharedCases,
  Store,
  StoreExpectation,
  StoreWrite,
} from './ports.js';
export { SimulatedClock, SystemClock } from './clock.js';
export {
  LowdbStore,
  MemoryCounters,
  MemoryStore,
  PostgresStore,
  damageOf,
  openStore,
  type OpenedStore,
  type StoreDamage,
} from './store/index.js';
export { EngineError, isEngineError, type ErrorCode, type Said } from './errors.js';
export { ENGINE_SAYS, shownKey } from './messages.js';
export { englishCount } from './english-count.js';
export { parseRole, type Actor, type Role } from './cases/actors.js';
export { RedactionPolicy, REDACTED_ACTOR, type AuditView } from './redaction/redaction-policy.js';
export { chainEntries, GENESIS_HASH, type AuditEntry } from './audit/audit-chain.js';
export {
  chinaDateOf,
  chinaMinuteOf,
  compareDates,
  isLocalDate,
  parseChinaInstant,
  type CalendarFile,
  type CalendarYearEntry,
  type EntryError,
} from './legal-time/pure.js';
export { ATTACHMENT_ID_PATTERN, attachmentIds, attachmentRefs } from './forms/attachment-refs.js';
export { freeTextProblem, hasControlText, hasUnsafeText, isBlankText, stripUnsafeText } from './forms/text-safety.js';
export { trimEnds } from './forms/text-ends.js';
export { beyondShape, nestedDeeperThan } from './forms/json-depth.js';
export type { FieldError } from './forms/form-validator.js';
export type { Directory, Indicators, Manifest, RevisionBasis, Rules } from './definitions/types.js';
export type { Problem } from './definitions/problems.js';
export { checkVersion } from './definitions/check-version.js';
export { parseBpmn } from './definitions/moddle.js';
export { unreadable, unreadableFile, type Unreadable } from './definitions/readable.js';
export { jsonSyntaxReason } from './definitions/json-syntax.js';
export { jsonPlace, type ReadPlace } from './definitions/json-place.js';
export { buildProcessModel, type ProcessModel } from './definitions/process-model.js';
export { readVersionSource } from './definitions/read-definitions.js';
export {
  FORMS_DIR,
  FORM_FILE_SUFFIX,
  VERSION_FILES,
  type DefinitionContext,
  type VersionSource,
} from './definitions/version-source.js';
export { parseScenario } from './scenario/scenario.js';
export {
  ScenarioRunner,
  type ScenarioIncident,
  type ScenarioIncidentEvent,
  type ScenarioResult,
  type TimelineEntry,
} from './scenario/run-scenario.js';
export type {
  Audience,
  Delivery,
  Notification,
  NotificationChannel,
  NotificationKind,
  NotificationSubject,
  NotificationView,
} from './notifications/notification.js';
export { NOTIFICATION_KINDS } from './notifications/notification.js';
export { INCIDENT_KINDS } from './cases/case-record.js';
export type { NotificationCenter } from './notifications/notification-center.js';
export { REMINDER_NOTE_MAX } from './cases/remind-task.js';
export type { CaseView, TaskView } from './cases/case-view.js';
export type { StatusChange } from './cases/history-digest.js';
export { nextDue, type NextDue } from './cases/next-due.js';
