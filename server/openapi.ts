/** The OpenAPI 3.1 document of the HTTP API (served at /api/openapi.json). */
export function openApiDocument(simulatedClock: boolean): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: '全国质量品牌提升示范区 API', version: '0.1.0' },
    paths: {},
    'x-simulated-clock': simulatedClock,
  };
}
