import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Space, Spin } from 'antd';
import { Link, useParams } from 'react-router';
import { documentIndicators, useActorName } from '../workbench/review-parts.js';
import { useSession } from '../auth/session.js';
import { subjectRegionOfView } from '../../../engine/cases/case-view.js';
import { loadCase } from '../workbench/case-data.js';
import { loadForm, provinceName } from '../workbench/catalog.js';
import { chinaTime } from '../workbench/format.js';
import { useAsync } from '../workbench/use-async.js';
import { fieldValues } from '../workbench/submission-values.js';
import { attachmentsOf } from './print-document.js';
import { AttachmentName, Rows } from './print-values.js';
import { useReportI18n } from './report-i18n.js';
import { InLanguage } from '../i18n/i18n.js';
import { formKeyOf } from '../workbench/submissions.js';
import './print.css';

async function loadPrint(id: string, seq: number, admin: boolean) {
  const bundle = await loadCase(id, admin);
  const submission = bundle.submissions.find((item) => item.seq === seq);
  const formKey = submission === undefined ? undefined : formKeyOf(bundle, submission);
  const schema = formKey === undefined ? undefined : await loadForm(bundle.view.process, bundle.view.version, formKey);
  return { bundle, submission, schema };
}

/**
 * A submitted application or decision as an official form to print (or save as PDF): title, case
 * number, park, the fields by their titles, the attachments list and the date. The server's read path
 * decides what may be read: an objection's personal data (Art. 22) comes redacted to those who may not.
 * The document is Chinese whatever the page's language (an official document; in English it read Case
 * number and none beside Chinese fields); the way back and 打印 follow the reader's.
 */
export function PrintPage() {
  const { r } = useReportI18n();
  const { hasGroup } = useSession();
  const { id = '', seq = '' } = useParams();
  const loaded = useAsync(() => loadPrint(id, Number(seq), hasGroup('admin')), `${id}/${seq}`);
  if (loaded.error !== undefined) return <Alert type="error" showIcon title={loaded.error.message} />;
  if (loaded.data === undefined) return <Spin style={{ display: 'block', margin: 64 }} />;
  const { bundle, submission, schema } = loaded.data;
  const back = (
    <Link to={`/cases/${encodeURIComponent(bundle.view.id)}`}>
      <ArrowLeftOutlined /> {r('back')}
    </Link>
  );
  if (submission === undefined || schema === undefined)
    return <Result status="404" title={r('notFound')} extra={back} />;
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
      <InLanguage language="zh">
        <PrintDocument bundle={bundle} submission={submission} schema={schema} />
      </InLanguage>
    </div>
  );
}

type Loaded = Awaited<ReturnType<typeof loadPrint>>;

function PrintDocument({
  bundle,
  submission,
  schema,
}: {
  bundle: Loaded['bundle'];
  submission: NonNullable<Loaded['submission']>;
  schema: NonNullable<Loaded['schema']>;
}) {
  const { r, t } = useReportI18n();
  const actorName = useActorName();
  const { view } = bundle;
  // The subject and region under the names and titles the case's programme declares (园区 · 省级单位,
  // 申报县 · 设区的市); the region named from its version's directory.
  const { subject, region } = subjectRegionOfView(view, bundle.version.manifest);
  const titles = bundle.version.manifest;
  // The values as the read-back reads them (indicators by name, files by name), laid out for paper.
  const fields = fieldValues(schema, submission.data, documentIndicators(bundle));
  const attachments = attachmentsOf(fields);
  const numberOf = (fileId: string) => attachments.findIndex((file) => file.id === fileId) + 1;
  const title = typeof schema.title === 'string' ? schema.title : '';
  return (
    <article className="print-form" aria-label={title} lang="zh-CN">
      <h1>{title}</h1>
      <table className="print-form-head">
        <tbody>
          <tr>
            <th scope="row">{r('caseNumber')}</th>
            <td>{view.id}</td>
            <th scope="row">{titles.region.title}</th>
            <td>{provinceName(region, bundle.regions)}</td>
          </tr>
          <tr>
            <th scope="row">{titles.subject.title}</th>
            <td colSpan={3}>{`${view.subjectName ?? ''}（${subject}）`}</td>
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
            <Rows fields={fields} numberOf={numberOf} />
          </tbody>
        </table>
      )}
      <h2>{r('attachments')}</h2>
      {/* A withheld objection's files are withheld too: 无附件 would say there were none. */}
      {submission.redacted === true ? (
        <p>{r('attachmentsWithheld')}</p>
      ) : attachments.length === 0 ? (
        <p>{r('noAttachments')}</p>
      ) : (
        <ol className="print-form-attachments">
          {attachments.map((file) => (
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
  );
}
