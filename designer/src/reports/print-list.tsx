import { PrinterOutlined } from '@ant-design/icons';
import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseBundle } from '../workbench/case-data.js';
import { fill } from '../i18n/fill.js';
import { chinaTime } from '../workbench/format.js';
import { useActorName } from '../workbench/review-parts.js';
import { formKeyOf, numberedName } from '../workbench/submissions.js';
import { useReportI18n } from './report-i18n.js';

const ROW = {
  display: 'flex',
  gap: 12,
  width: '100%',
  justifyContent: 'space-between',
  alignItems: 'baseline',
} as const;

/** The case's submitted applications and decisions, each with a link to its print view. */
export function PrintList({ bundle }: { bundle: CaseBundle }) {
  const { r, t } = useReportI18n();
  const actorName = useActorName(bundle);
  const { view } = bundle;
  const numbered = (title: string, number: number) => fill(t('originNumber'), { title, number });
  const printable = bundle.submissions.filter((submission) => formKeyOf(bundle, submission) !== undefined);
  if (printable.length === 0) return null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{r('printForms')}</h2>}>
      <Typography.Paragraph type="secondary">{r('printHint')}</Typography.Paragraph>
      <List
        size="small"
        dataSource={printable}
        renderItem={(submission) => {
          // Named as the history names it, by its step as drawn: one form serves several steps (the
          // ministries' opinions on creation, acceptance and re-review read alike by the form's title).
          const described = `${numberedName(bundle, submission, numbered)} · ${actorName(submission)} · ${chinaTime(submission.at)}`;
          return (
            // The link beside the title in a row of its own, not as antd's item action: on a phone a
            // long title wrapped and the action slid down over the next row.
            <List.Item data-print-item>
              <span style={ROW}>
                <span style={{ minWidth: 0 }}>{described}</span>
                {/* Named with its row: a screen reader's list of links read 打印 sixteen times. */}
                <Link
                  to={`/cases/${encodeURIComponent(view.id)}/print/${submission.seq}`}
                  aria-label={`${r('print')}${t('colon')}${described}`}
                  style={{ flex: 'none', whiteSpace: 'nowrap' }}
                >
                  <PrinterOutlined /> {r('print')}
                </Link>
              </span>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
