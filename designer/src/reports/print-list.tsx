import { PrinterOutlined } from '@ant-design/icons';
import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseBundle } from '../workbench/case-data.js';
import { loadFormTitles } from '../workbench/catalog.js';
import { chinaTime } from '../workbench/format.js';
import { useAsync } from '../workbench/use-async.js';
import { useActorName } from '../workbench/review-parts.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import { submissionFormKey } from './submission-form.js';
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
  // The documents print as written; the list names them in the reader's language, as the page does.
  const translate = useDefinitionText()(view.process);
  const printable = bundle.submissions.flatMap((submission) => {
    const formKey = submission.kind === 'start' ? undefined : submissionFormKey(bundle, submission);
    return formKey === undefined ? [] : [{ submission, formKey }];
  });
  const titles = useAsync(
    () => loadFormTitles(printable.map(({ formKey }) => ({ process: view.process, version: view.version, formKey }))),
    `${view.id}/${printable.length}`,
  );
  if (printable.length === 0) return null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{r('printForms')}</h2>}>
      <Typography.Paragraph type="secondary">{r('printHint')}</Typography.Paragraph>
      <List
        size="small"
        dataSource={printable}
        renderItem={({ submission, formKey }) => {
          const title = titles.data?.get(`${view.process}@${view.version}/${formKey}`);
          const described = `${title === undefined ? formKey : translate(title)} · ${actorName(submission)} · ${chinaTime(submission.at)}`;
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
