import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The value a local `#/a/b` reference points at, or undefined. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let value = document;
  for (const raw of ref.slice(2).split('/')) {
    if (raw === '' && ref === '#') break;
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    value = isObject(value) ? value[part] : Array.isArray(value) ? value[Number(part)] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Calls `found` for every object in `value`, with its JSON Pointer (`#/…`, keys escaped). */
function visit(value: unknown, at: string, found: (node: Json, at: string) => void): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) visit(item, `${at}/${index}`, found);
  } else if (isObject(value)) {
    found(value, at);
    for (const [key, inner] of Object.entries(value)) visit(inner, `${at}/${escape(key)}`, found);
  }
}

/**
 * The problems that make `document` not a usable OpenAPI 3.1 document (empty: none): the version,
 * info, every operation with responses that have descriptions, path parameters declared for every
 * template variable, each parameter listed once, unique operation ids, declared tags and security
 * schemes, every local `$ref` resolving, and every schema a valid JSON Schema 2020-12 (Ajv's
 * meta-schema check).
 */
export function openApiProblems(document: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(document)) return ['the document is not an object'];
  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) {
    problems.push(`openapi is ${JSON.stringify(document.openapi)}, not 3.1.x`);
  }
  const info = document.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') {
    problems.push('info needs a title and a version');
  }
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const tags = new Set(
    Array.isArray(document.tags) ? document.tags.map((tag) => (tag as { name?: unknown }).name) : [],
  );
  const operationIds = new Set<string>();
  const checkSecurity = (security: unknown, at: string) => {
    if (security === undefined) return;
    if (!Array.isArray(security)) problems.push(`${at}: security is not a list`);
    else
      for (const requirement of security as unknown[]) {
        for (const name of Object.keys(isObject(requirement) ? requirement : {})) {
          if (!(name in schemes)) problems.push(`${at}: unknown security scheme ${name}`);
        }
      }
  };
  checkSecurity(document.security, '#/security');

  const paths = document.paths;
  if (!isObject(paths)) return [...problems, 'no paths'];
  for (const [template, item] of Object.entries(paths)) {
    if (!template.startsWith('/')) problems.push(`path ${template} does not start with /`);
    if (!isObject(item)) {
      problems.push(`${template}: not a path item`);
      continue;
    }
    const variables = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
    for (const method of Object.keys(item).filter((key) => OPERATIONS.includes(key))) {
      const at = `${method.toUpperCase()} ${template}`;
      const operation = item[method];
      if (!isObject(operation)) {
        problems.push(`${at}: not an operation`);
        continue;
      }
      if (typeof operation.operationId === 'string') {
        if (operationIds.has(operation.operationId)) problems.push(`${at}: duplicate operationId`);
        operationIds.add(operation.operationId);
      }
      for (const tag of Array.isArray(operation.tags) ? operation.tags : []) {
        if (!tags.has(tag)) problems.push(`${at}: undeclared tag ${String(tag)}`);
      }
      checkSecurity(operation.security, at);
      const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []) as Json[];
      const inPath = parameters.filter((parameter) => parameter.in === 'path');
      for (const variable of variables) {
        if (!inPath.some((parameter) => parameter.name === variable && parameter.required === true)) {
          problems.push(`${at}: path parameter {${variable}} is not declared (required)`);
        }
      }
      for (const parameter of inPath) {
        if (!variables.includes(String(parameter.name)))
          problems.push(`${at}: parameter ${String(parameter.name)} not in the path`);
      }
      // OpenAPI 3.1: a parameter (a name in a location) is listed once.
      const listed = parameters.map((parameter) => `${String(parameter.in)} ${String(parameter.name)}`);
      for (const twice of new Set(listed.filter((key, index) => listed.indexOf(key) !== index)))
        problems.push(`${at}: parameter ${twice} listed twice`);
      const responses = operation.responses;
      if (!isObject(responses) || Object.keys(responses).length === 0) {
        problems.push(`${at}: no responses`);
        continue;
      }
      for (const [status, response] of Object.entries(responses)) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) problems.push(`${at}: response key ${status}`);
        const resolved =
          isObject(response) && typeof response.$ref === 'string' ? resolvePointer(document, response.$ref) : response;
        if (!isObject(resolved) || typeof resolved.description !== 'string') {
          problems.push(`${at} ${status}: a response needs a description`);
        }
      }
    }
  }

  visit(document, '#', (node, at) => {
    if (typeof node.$ref === 'string' && resolvePointer(document, node.$ref) === undefined) {
      problems.push(`${at}: $ref ${node.$ref} does not resolve`);
    }
  });
  problems.push(...schemaProblems(document));
  return problems;
}

/** Every schema (components and media types) must be a valid JSON Schema 2020-12 whose refs compile. */
function schemaProblems(document: Json): string[] {
  const problems: string[] = [];
  const ajv = new Ajv2020({ strict: false, validateSchema: true });
  addFormats.default(ajv);
  const base = 'https://openapi.invalid/document.json';
  const rebased = JSON.parse(JSON.stringify(document).replaceAll('"$ref":"#/', `"$ref":"${base}#/`)) as Json;
  const schemas = new Map<string, unknown>();
  const components = isObject(rebased.components) ? rebased.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
    schemas.set(`#/components/schemas/${escape(name)}`, schema);
  }
  const inMediaTypes = (node: Json, at: string) => {
    if (isObject(node.schema) && /\/(content\/[^/]+|parameters\/\d+|headers\/[^/]+)$/.test(at)) {
      schemas.set(`${at}/schema`, node.schema);
    }
  };
  visit(rebased.paths, '#/paths', inMediaTypes);
  visit(components.responses, '#/components/responses', inMediaTypes);
  try {
    ajv.addSchema(rebased, base);
  } catch (error) {
    return [`the document does not load as schemas: ${(error as Error).message}`];
  }
  for (const [at, schema] of schemas) {
    if (!ajv.validateSchema(schema as Json)) problems.push(`${at}: not a JSON Schema 2020-12: ${ajv.errorsText()}`);
    else {
      try {
        ajv.compile({ $ref: `${base}${at}` });
      } catch (error) {
        problems.push(`${at}: does not compile: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}
