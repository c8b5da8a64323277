type Json = Record<string, unknown>;

/** Ajv's English messages (ajv-i18n replaces them by keyword and params). */
export function messageOf(keyword: string, params: Json): string {
  const limit = String(params.limit);
  switch (keyword) {
    case 'type':
      return `must be ${String(params.type)}`;
    case 'required':
      return `must have required property '${String(params.missingProperty)}'`;
    case 'additionalProperties':
      return 'must NOT have additional properties';
    case 'enum':
      return 'must be equal to one of the allowed values';
    case 'const':
      return 'must be equal to constant';
    case 'minLength':
      return `must NOT have fewer than ${limit} characters`;
    case 'maxLength':
      return `must NOT have more than ${limit} characters`;
    case 'minItems':
      return `must NOT have fewer than ${limit} items`;
    case 'maxItems':
      return `must NOT have more than ${limit} items`;
    case 'minProperties':
      return `must NOT have fewer than ${limit} properties`;
    case 'maxProperties':
      return `must NOT have more than ${limit} properties`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(params.comparison)} ${limit}`;
    case 'multipleOf':
      return `must be multiple of ${String(params.multipleOf)}`;
    case 'pattern':
      return `must match pattern "${String(params.pattern)}"`;
    case 'format':
      return `must match format "${String(params.format)}"`;
    case 'uniqueItems':
      return `must NOT have duplicate items (items ## ${String(params.j)} and ${String(params.i)} are identical)`;
    case 'oneOf':
      return 'must match exactly one schema in oneOf';
    case 'anyOf':
      return 'must match a schema in anyOf';
    case 'not':
      return 'must NOT be valid';
    case 'if':
      return `must match "${String(params.failingKeyword)}" schema`;
    case 'propertyNames':
      return 'property name must be valid';
    case 'dependentRequired':
      return `must have property ${String(params.deps)} when property ${String(params.property)} is present`;
    case 'contains':
      return 'must contain at least 1 valid item';
    default:
      return `must pass "${keyword}" keyword validation`;
  }
}
