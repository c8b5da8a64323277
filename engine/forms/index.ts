export { ATTACHMENT_ID_PATTERN, attachmentIds, attachmentRefs } from './attachment-refs.js';
export { createFormAjv, INDICATORS_KEYWORD, NOT_AFTER_KEYWORD, type IndicatorRole } from './form-ajv.js';
export { FormValidator, type CheckOptions, type FieldError } from './form-validator.js';
export { applyMergePatch } from './merge-patch.js';
