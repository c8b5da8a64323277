/**
 * The largest JSON body a signed-in caller may send (`express.json` in app.ts; larger: 413). A plain
 * number in a file of its own, so that the designer, which imports no Node code, checks against the
 * same figure (a diagram's import, designer/src/designer/diagram/import-limit.ts).
 */
export const SIGNED_IN_JSON_BODY_BYTES = 1024 * 1024;
