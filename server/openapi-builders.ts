/**
 * The JSON Schema builders the OpenAPI document is written with. A module of their own so that the
 * request shapes (openapi-requests.ts), which the routes import, need not import openapi.ts: its
 * constants would then be read before they are defined, as openapi.ts imports the request shapes.
 */

export type Json = Record<string, unknown>;

/** A closed object's properties, as the routes read them (`onlyFieldsOf` in request-context.ts). */
export interface ClosedObject extends Json {
  type: 'object';
  required: string[];
  properties: Record<string, Json>;
  additionalProperties: false;
}

export const schema = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (items: Json): Json => ({ type: 'array', items });
export const text = (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra });
export const DATE = {
  type: 'string',
  format: 'date',
  description: '中国标准时间的日期 / a local date (Asia/Shanghai)',
};

/** An object with these required properties; further properties the server may add are allowed. */
export function object(description: string, required: string[], properties: Json, extra: Json = {}): Json {
  return { type: 'object', description, required, properties, ...extra };
}

/**
 * A request body: these properties and no other — the route refuses any other with 422 naming it
 * (`onlyFieldsOf` in request-context.ts reads this object's properties), so a misspelt field is not
 * dropped without a word.
 */
export function requestBody(description: string, required: string[], properties: Record<string, Json>): ClosedObject {
  return { type: 'object', description, required, properties, additionalProperties: false };
}
