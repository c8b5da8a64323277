import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import { useActorName } from '../workbench/review-parts.js';
import { useSession } from '../auth/session.js';
import { loadCase } from '../workbench/case-data.js';
import { loadForm, provinceName } from '../workbench/catalog.js';
import { chinaTime } from '../workbench/format.js';
import { useAsync } from '../workbench/use-async.js';
import { formDocument, type DocumentRow } from './print-document.js';
import { useReportI18n } from './report-i18n.js';
import { submissionFormKey } from './submission-form.js';
import './print.css';

async function loadPrint(id: string, seq: number, admin: boolean) {
  const bundle = await loadCase(id, admin);
  const submission = bundle.submissions.find((item) => item.seq === seq);
  const formKey = submission === undefined ? undefined : submissionFormKey(bundle, submission);
  const schema = formKey === undefined ? undefined : await loadForm(bundle.view.process, bundle.view.version, formKey);
  return { bundle, submission, schema };
}

function Rows({ rows }: { rows: readonly DocumentRow[] }) {
  return (
    <>
      {rows.map((row, index) => (
        <tr key={`${row.label}-${index}`}>
          <th scope="row">{row.label}</th>
          <td>
            {row.value}
            {row.children !== undefined && (
              <table className="print-form-fields nested">
                <tbody>
                  <Rows rows={row.children} />
                </tbody>
              </table>
            )}
            {row.table !== undefined && (
              <table className="print-form-list">
                <thead>
                  <tr>
                    {row.table.columns.map((column) => (
                      <th key={column}>{column}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {row.table.rows.map((cells, line) => (
                    <tr key={line}>
                      {cells.map((cell, column) => (
                        <td key={column}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

function AttachmentName({ id }: { id: string }) {
  const meta = useAsync(() => api<{ name: string }>('GET', `/api/attachments/${encodeURIComponent(id)}/meta`), id);
  return <>{meta.data?.name ?? `${id.slice(0, 12)}…`}</>;
}

/**
 * A submitted application or decision as an official form to print (or save as PDF): title, case
 * number, park, the fields by their titles, the attachments list and the date. The server's read path
 * decides what may be read: an objection's personal data (Art. 22) comes redacted to those who may not.
 */
export function PrintPage() {
  const { r, t } = useReportI18n();
  const { hasGroup } = useSession();
  const actorName = useActorName();
  const { id = '', seq = '' } = useParams();
  const loaded = useAsync(() => loadPrint(id, Number(seq), hasGroup('admin')), `${id}/${seq}`);
  if (loaded.error !== undefined) return <Alert type="error" showIcon title={loaded.error.message} />;
  if (loaded.data === undefined) return <Spin style={{ display: 'block', margin: 64 }} />;
  const { bundle, submission, schema } = loaded.data;
  const { view } = bundle;
  const back = (
    <Link to={`/cases/${encodeURIComponent(view.id)}`}>
      <ArrowLeftOutlined /> {r('back')}
    </Link>
  );
  if (submission === undefined || schema === undefined)
    return <Result status="404" title={r('notFound')} extra={back} />;
  const document = formDocument(schema, submission.data, {
    yes: r('yes'),
    no: r('no'),
    empty: r('empty'),
    seeAttachments: r('seeAttachments'),
  });
  return (
    <div className="print-page">
      <Space className="print-actions">
        {back}
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => {
            window.print();
          }}
        >
          {r('print')}
        </Button>
      </Space>
      <article className="print-form" aria-label={document.title}>
        <h1>{document.title}</h1>
        <table className="print-form-head">
          <tbody>
            <tr>
              <th scope="row">{r('caseNumber')}</th>
              <td>{view.id}</td>
              <th scope="row">{r('province')}</th>
              <td>{provinceName(String(view.province))}</td>
            </tr>
            <tr>
              <th scope="row">{r('park')}</th>
              <td colSpan={3}>{`${view.subjectName ?? ''}（${String(view.park)}）`}</td>
            </tr>
            <tr>
              {/* Which ministry gave this opinion, which province reviewed: four 相关部门意见表 read alike. */}
              <th scope="row">{r('submittedBy')}</th>
              <td colSpan={3}>{actorName(submission)}</td>
            </tr>
          </tbody>
        </table>
        {submission.redacted === true ? (
          <p className="print-form-redacted">{r('redacted')}</p>
        ) : (
          <table className="print-form-fields">
            <tbody>
              <Rows rows={document.rows} />
            </tbody>
          </table>
        )}
        <h2>{r('attachments')}</h2>
        {/* A withheld objection's files are withheld too: 无附件 would say there were none. */}
        {submission.redacted === true ? (
          <p>{r('attachmentsWithheld')}</p>
        ) : document.attachments.length === 0 ? (
          <p>{r('noAttachments')}</p>
        ) : (
          <ol className="print-form-attachments">
            {document.attachments.map((file) => (
              <li key={`${file.field}-${file.id}`}>
                {file.field}
                {t('colon')}
                <AttachmentName id={file.id} />
              </li>
            ))}
          </ol>
        )}
        <p className="print-form-date">
          {r('submittedOn')}
          {t('colon')}
          {chinaTime(submission.at)}
        </p>
      </article>
    </div>
  );
}
