import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

const DOC = 'openapi.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/** What the checker needs of a response, from supertest or fetch alike. */
export interface ObservedResponse {
  status: number;
  contentType: string | undefined;
  /** The parsed JSON body, or undefined when there is none (or it is not JSON). */
  body: unknown;
  /** The raw body length (0: no body). */
  length: number;
}

export type RequestMode = 'valid' | 'invalid' | 'unchecked';

interface Route {
  method: Method;
  template: string;
  segments: string[];
  operation: Json;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const pointer = (parts: readonly string[]) =>
  parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** `#/components/...` refs of the document, pointed at the document as registered in Ajv. */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#') ? `${DOC}${inner}` : rebase(inner),
    ]),
  );
}

/**
 * Checks exchanges against the OpenAPI document the server serves: finds the operation by method and
 * path template, and validates the status and body against the documented response (and a request
 * body against the documented request schema) with Ajv's draft 2020-12 validator. Anything not
 * documented is a failure. Paths the document does not list answer the NotFound response.
 */
export class OpenApiChecker {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #routes: Route[] = [];
  /** Operations and statuses seen, `METHOD template status`. */
  readonly seen = new Set<string>();

  constructor(readonly document: Json) {
    addFormats.default(this.#ajv);
    this.#ajv.addSchema(rebase(document) as Json, DOC);
    const paths = document.paths;
    if (!isObject(paths)) throw new Error('OpenAPI document has no paths');
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      for (const method of METHODS) {
        const operation = item[method];
        if (isObject(operation)) this.#routes.push({ method, template, segments: template.split('/'), operation });
      }
    }
  }

  /** The documented route for a request path as sent (percent-encoded, query allowed), or undefined. */
  find(method: string, path: string): Route | undefined {
    const segments = (path.split('?')[0] ?? '').split('/');
    const candidates = this.#routes.filter(
      (route) =>
        route.method === method.toLowerCase() &&
        route.segments.length === segments.length &&
        route.segments.every((segment, index) => {
          const actual = segments[index] ?? '';
          return /^\{.+\}$/.test(segment) ? actual !== '' : segment === actual;
        }),
    );
    const literals = (route: Route) => route.segments.filter((segment) => !segment.startsWith('{')).length;
    return candidates.sort((a, b) => literals(b) - literals(a))[0];
  }

  /** Validates a JSON request body: `valid` must match the documented schema, `invalid` must not. */
  checkRequest(method: string, path: string, body: unknown, mode: RequestMode): void {
    if (mode === 'unchecked') return;
    const route = this.find(method, path);
    const label = `${method.toUpperCase()} ${path}`;
    const requestBody = route?.operation.requestBody;
    if (route === undefined || !isObject(requestBody)) {
      if (mode === 'valid' && body !== undefined) throw new Error(`${label}: the document has no request body here`);
      return;
    }
    // A body the document makes optional may be left out.
    if (body === undefined && requestBody.required !== true && mode === 'valid') return;
    const content = requestBody.content;
    if (!isObject(content) || !isObject(content['application/json'])) return;
    const validate = this.#validator([
      'paths',
      route.template,
      route.method,
      'requestBody',
      'content',
      'application/json',
      'schema',
    ]);
    const valid = validate(body);
    if (mode === 'valid' && !valid) {
      throw new Error(`${label}: request body does not match the document: ${describe(validate.errors)}`);
    }
    if (mode === 'invalid' && valid) throw new Error(`${label}: request body meant to be invalid matches the document`);
  }

  /** Throws unless the response's status and body are what the document says this route answers. */
  checkResponse(method: string, path: string, response: ObservedResponse, options: { allow5xx?: boolean } = {}): void {
    const label = `${method.toUpperCase()} ${path} → ${response.status}`;
    // A 503 is an answer the document may name (a case that cannot be read now), not a crash.
    if (response.status >= 500 && response.status !== 503 && options.allow5xx !== true) {
      throw new Error(`${label}: a 5xx answer: ${JSON.stringify(response.body)}`);
    }
    const route = this.find(method, path);
    let at: string[];
    let spec: unknown;
    if (route === undefined) {
      // Undocumented paths (and methods) under /api fall through to the NotFound answer.
      if (response.status !== 404) throw new Error(`${label}: not a documented operation`);
      at = ['components', 'responses', 'NotFound'];
      spec = this.#at(at);
      this.seen.add(`${method.toUpperCase()} (undocumented) 404`);
    } else {
      at = ['paths', route.template, route.method, 'responses', String(response.status)];
      spec = this.#at(at);
      if (spec === undefined) {
        throw new Error(`${label}: status not documented for ${route.method.toUpperCase()} ${route.template}`);
      }
      this.seen.add(`${route.method.toUpperCase()} ${route.template} ${response.status}`);
    }
    if (isObject(spec) && typeof spec.$ref === 'string') {
      at = spec.$ref.replace(/^#\//, '').split('/');
      spec = this.#at(at);
    }
    if (!isObject(spec)) throw new Error(`${label}: response spec not found at ${at.join('/')}`);
    this.#checkContent(label, at, spec, response);
  }

  #checkContent(label: string, at: string[], spec: Json, response: ObservedResponse): void {
    const content = spec.content;
    const type = response.contentType?.split(';')[0]?.trim().toLowerCase();
    if (!isObject(content)) {
      if (response.length > 0) throw new Error(`${label}: documented without a body, got ${type ?? '?'}`);
      return;
    }
    if (type === undefined) throw new Error(`${label}: no Content-Type; documented ${Object.keys(content).join(', ')}`);
    if (isObject(content[type]) && type === 'application/json') {
      const validate = this.#validator([...at, 'content', 'application/json', 'schema']);
      if (!validate(response.body)) {
        throw new Error(
          `${label}: body does not match the document: ${describe(validate.errors)}\n${JSON.stringify(response.body).slice(0, 2000)}`,
        );
      }
      return;
    }
    if (!isObject(content[type]) && !isObject(content['*/*'])) {
      throw new Error(`${label}: Content-Type ${type} not documented (${Object.keys(content).join(', ')})`);
    }
  }

  #at(parts: readonly string[]): unknown {
    let value: unknown = this.document;
    for (const part of parts) value = isObject(value) ? value[part] : undefined;
    return value;
  }

  #validator(parts: readonly string[]): ValidateFunction {
    const ref = `${DOC}#/${pointer(parts)}`;
    let validate = this.#validators.get(ref);
    if (validate === undefined) {
      validate = this.#ajv.compile({ $ref: ref });
      this.#validators.set(ref, validate);
    }
    return validate;
  }
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 8)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`)
    .join('; ');
}
