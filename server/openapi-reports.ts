/**
 * The OpenAPI part for exports and statistics (server/routes/reports.ts). Functions, not constants:
 * openapi.ts imports this module and this one its helpers, so nothing here runs at load time.
 */
import { arrayOf, DATE, type Json, object, schema, text } from './openapi-builders.js';
import { caseFilters } from './openapi-requests.js';
import { ok, operation, type ProgrammeTerms } from './openapi.js';

const COUNT = { type: 'integer', minimum: 1 };

export function reportSchemas(): Json {
  return {
    Statistics: object(
      '统计（调用者可见范围内的案件）/ figures over the cases the caller may see',
      ['today', 'total', 'byRegionStatus', 'stagesOverTime', 'overdue', 'designatedByType'],
      {
        today: DATE,
        total: { type: 'integer', minimum: 0 },
        byRegionStatus: arrayOf(
          object(
            '按地区（流程声明的 region）和状态 / by region and status',
            ['region', 'regionName', 'status', 'statusTitle', 'count'],
            {
              region: text('地区代码'),
              regionName: text('地区名称'),
              status: text('状态'),
              statusTitle: text('状态名称'),
              count: COUNT,
            },
          ),
        ),
        stagesOverTime: arrayOf(
          object(
            '每月进入各阶段的案件数 / cases entering a status, by month',
            ['month', 'status', 'statusTitle', 'count'],
            {
              month: text('月份 YYYY-MM', { pattern: '^\\d{4}-\\d{2}$' }),
              status: text('状态'),
              statusTitle: text('状态名称'),
              count: COUNT,
            },
          ),
        ),
        overdue: arrayOf(
          object('逾期待办 / open tasks past their due date, by region', ['region', 'regionName', 'count'], {
            region: text('地区代码'),
            regionName: text('地区名称'),
            count: COUNT,
          }),
        ),
        designatedByType: arrayOf(
          object(
            '已认定的主体按类型（manifest statistics）/ subjects holding the designation, by type',
            ['type', 'title', 'count'],
            {
              type: text('主体类型（statistics.subjectTypeField 的取值）'),
              title: text('主体类型名称'),
              count: COUNT,
            },
          ),
        ),
      },
    ),
  };
}

export function reportPaths(terms: ProgrammeTerms): Json {
  return {
    '/api/cases/export.xlsx': {
      get: operation({
        id: 'exportCases',
        tag: 'reports',
        summary: '导出案件列表（Excel）/ the case list as an .xlsx workbook',
        description:
          '范围与 GET /api/cases 相同，按同样的筛选条件；中文列标题 / scoped like GET /api/cases, with its filters',
        auth: 'user',
        parameters: caseFilters(terms.regions),
        ok: {
          200: {
            description: 'Excel 工作簿 / the workbook',
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', contentMediaType: 'application/octet-stream' },
              },
            },
          },
        },
        errors: {
          422: '筛选条件格式不正确 / a malformed filter',
          429: '本账号导出过于频繁（默认每分钟 20 次）/ too many exports by this account (20 a minute by default)',
        },
      }),
    },
    '/api/statistics': {
      get: operation({
        id: 'statistics',
        tag: 'reports',
        summary: '统计：按省、状态、阶段、逾期、园区类型 / statistics in the caller’s scope',
        description:
          '省级单位只见本省；状态、地区与类型的名称按 Accept-Language（en 时取流程的英文译文）/ a province sees its own cases only; status, region and type titles in the language asked for (`Accept-Language: en`: the programme’s English catalogue)',
        auth: 'user',
        parameters: caseFilters(terms.regions),
        ok: { 200: ok('统计', schema('Statistics')) },
        errors: { 422: '筛选条件格式不正确 / a malformed filter' },
      }),
    },
  };
}
