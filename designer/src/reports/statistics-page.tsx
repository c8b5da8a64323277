import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Grid, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { api } from '../api/client.js';
import type { Statistics } from '../../../server/reports/statistics.js';
import { useAsync } from '../workbench/use-async.js';
import { EChart } from './echart.js';
import { useReportI18n } from './report-i18n.js';
import { loadStatisticsWords, OWN_WORDS } from './statistics-words.js';
import { overdueChart, subjectTypeChart, regionStatusChart, stagesChart, type Chart } from './statistics-charts.js';

function ChartCard({ title, chart, empty }: { title: string; chart: Chart; empty: boolean }) {
  const { r } = useReportI18n();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} data-chart-card={title}>
      {empty ? (
        <Empty description={r('noData')} />
      ) : (
        <EChart option={chart.option} height={chart.height} label={title} />
      )}
    </Card>
  );
}

/**
 * Statistics for SAMR and the provinces over the cases the caller may see (the server scopes them: a
 * province sees its own): cases by province and status, stages entered by month, overdue tasks,
 * recognised zones by park type, titled in the page's language (statuses, provinces and types from the
 * programme's catalogue). Loaded on demand with ECharts, so other pages do not carry it.
 */
export function StatisticsPage() {
  const { r, t, language } = useReportI18n();
  // Titled by the server in the page's language (Accept-Language): asked again when it is switched.
  const figures = useAsync(() => api<Statistics>('GET', '/api/statistics'), `statistics/${language}`);
  // The charts' titles in the programmes' words (statistics-words.ts); the page's own if they cannot be read.
  const vocabulary = useAsync(
    () => loadStatisticsWords(language, { subject: t('subjectAny'), region: t('regionAny') }).catch(() => OWN_WORDS),
    `statistics-words/${language}`,
  );
  const words = vocabulary.data;
  const titles =
    words === undefined
      ? undefined
      : {
          byRegion: words.region === undefined ? r('byProvinceStatus') : r('byRegionStatus', { region: words.region }),
          overdue: words.region === undefined ? r('overdue') : r('overdueByRegion', { region: words.region }),
          designated: words.subject === undefined ? r('recognised') : r('designatedByType', { subject: words.subject }),
          designatedTotal:
            words.subject === undefined ? r('recognised') : r('designatedTotal', { subject: words.subject }),
        };
  const data = figures.data;
  const narrow = Grid.useBreakpoint().md !== true;
  const charts = useMemo(
    () =>
      data === undefined
        ? undefined
        : {
            regions: regionStatusChart(data, narrow),
            stages: stagesChart(data, narrow),
            overdue: overdueChart(data, r('overdueTotal')),
            subjectTypes: subjectTypeChart(data, titles?.designated ?? r('recognised'), t('colon')),
          },
    [data, r, t, narrow, titles?.designated],
  );
  if (data === undefined || charts === undefined || words === undefined || titles === undefined)
    return figures.error === undefined ? (
      <Spin style={{ display: 'block', margin: 64 }} />
    ) : (
      <Alert type="error" showIcon title={figures.error.message} />
    );
  const overdue = data.overdue.reduce((sum, row) => sum + row.count, 0);
  const recognised = data.designatedByType.reduce((sum, row) => sum + row.count, 0);
  // Two figures or three fill the top row: without designations to count there is no third to leave room for.
  const figureSpan = words.designations ? 8 : 12;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {r('statisticsTitle')}
        </Typography.Title>
        <Button icon={<ReloadOutlined spin={figures.loading} />} onClick={figures.reload} aria-label={t('reload')} />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={figureSpan}>
          <Card>
            <Statistic title={r('total')} value={data.total} />
          </Card>
        </Col>
        <Col xs={24} sm={figureSpan}>
          <Card>
            <Statistic
              title={r('overdueTotal')}
              value={overdue}
              styles={{ content: { color: overdue > 0 ? '#b7202e' : undefined } }}
            />
          </Card>
        </Col>
        {words.designations && (
          <Col xs={24} sm={figureSpan}>
            <Card>
              <Statistic title={titles.designatedTotal} value={recognised} />
            </Card>
          </Col>
        )}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ChartCard title={titles.byRegion} chart={charts.regions} empty={data.byRegionStatus.length === 0} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={r('stagesOverTime')} chart={charts.stages} empty={data.stagesOverTime.length === 0} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={titles.overdue} chart={charts.overdue} empty={data.overdue.length === 0} />
        </Col>
        {words.designations && (
          <Col xs={24} lg={12}>
            <ChartCard
              title={titles.designated}
              chart={charts.subjectTypes}
              empty={data.designatedByType.length === 0}
            />
          </Col>
        )}
      </Row>
    </Space>
  );
}
