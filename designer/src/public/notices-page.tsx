import { noticeIntro } from './notice-text.js';
import { usePublicProgrammes } from './programmes.js';
import { Alert, Button, Card, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import { provinceName } from '../workbench/catalog.js';
import { useAsync } from '../workbench/use-async.js';
import { loadNotices, type PublicNotice } from './notices-data.js';
import { ObjectionForm, objectionUnderWay } from './objection-form.js';
import { useKeptReceipt } from './objection-receipt.js';
import { fill } from '../i18n/fill.js';
import { periodWords } from '../designer/periods/period-words.js';

function NoticeCard({ notice, version }: { notice: PublicNotice; version: string | undefined }) {
  const { t, language } = useI18n();
  const [objecting, setObjecting] = useState(() => objectionUnderWay(notice.caseId));
  const [receipt, setReceipt] = useKeptReceipt(notice.caseId);
  // Folded by the receipt's own button, the keyboard goes to the one that shows it again: the one it
  // was on went with the receipt.
  const toggle = useRef<HTMLButtonElement>(null);
  const folded = useRef(false);
  useEffect(() => {
    if (objecting || !folded.current) return;
    folded.current = false;
    toggle.current?.focus();
  }, [objecting]);
  const formId = `objection-form-${notice.caseId}`;
  const { subject, region } = notice.about;
  const name = subject.name ?? subject.code;
  // Its code aside only beside its name: a subject no form has named yet read C-001（C-001）.
  const named =
    subject.name === undefined ? subject.code : `${subject.name}${fill(t('aside'), { text: subject.code })}`;
  // The status and the province as the definitions name them in the reader's language (in English they
  // stayed 公示中 and 江苏省); the park's name is the park's own.
  const translate = useDefinitionText()(notice.process);
  const result = notice.result === undefined ? undefined : translate(notice.result);
  const opens = receipt === undefined ? t('objection') : t('viewReceipt');
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{name}</h2>}
      extra={result !== undefined && <Tag color="gold">{result}</Tag>}
      data-notice={notice.caseId}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          // Which notice this is (a park is on notice for its acceptance, later for its re-review).
          ...(notice.title === undefined
            ? []
            : [{ key: 'subject', label: t('noticeSubject'), children: translate(notice.title) }]),
          {
            key: 'park',
            label: translate(subject.title),
            children: named,
          },
          {
            key: 'province',
            label: translate(region.title),
            children: translate(region.name ?? provinceName(region.code)),
          },
          // The status titled is the card's tag: said once (it read 公示中 twice).
          ...(result === undefined ? [{ key: 'result', label: t('status'), children: notice.status }] : []),
          {
            key: 'period',
            label: t('noticePeriod'),
            // An end not yet known (the holiday calendar of its year not entered) is said, not left as a dash.
            // A known one says how many working days the notice runs and that its last day still counts
            // (Art. 22: no fewer than five working days; two dates alone left both to be guessed).
            children:
              notice.closesOn === undefined
                ? notice.workingDays === undefined
                  ? fill(t('noticeOpenEnd'), { from: notice.opensOn ?? '—' })
                  : fill(t('noticeOpenEndDays'), {
                      from: notice.opensOn ?? '—',
                      days: periodWords(notice.workingDays, language, { compact: true }),
                    })
                : `${notice.opensOn ?? '—'} — ${notice.closesOn}${
                    notice.workingDays === undefined
                      ? ''
                      : fill(t('noticeWorkingDays'), {
                          days: periodWords(notice.workingDays, language, { compact: true }),
                          closesOn: notice.closesOn,
                        })
                  }`,
          },
        ]}
      />
      {version === undefined ? (
        <Alert type="warning" showIcon title={t('objectionFormMissing')} />
      ) : (
        <div style={{ marginTop: 16 }}>
          {/* A receipt shown brings its own fold, after it: this one, above, would be read before it. */}
          {!(objecting && receipt !== undefined) && (
            <Button
              ref={toggle}
              type={objecting ? 'default' : 'primary'}
              aria-expanded={objecting}
              aria-controls={formId}
              // Heard with the park's code: two parks of one name had buttons of one name in a list of buttons.
              aria-label={`${objecting ? t('closeObjection') : opens}${t('colon')}${named}`}
              onClick={() => {
                setObjecting(!objecting);
              }}
            >
              {objecting ? t('closeObjection') : `${opens}${t('colon')}${name}`}
            </Button>
          )}
          {objecting && (
            <section id={formId} style={{ marginTop: 16 }} aria-label={`${t('objection')}${t('colon')}${named}`}>
              <ObjectionForm
                notice={notice}
                version={version}
                receipt={receipt}
                setReceipt={setReceipt}
                onFold={() => {
                  folded.current = true;
                  setObjecting(false);
                }}
              />
            </section>
          )}
        </div>
      )}
    </Card>
  );
}

/**
 * The public notice list (no login): each park on notice with its result and notice period, and an
 * objection form with written evidence (Art. 22).
 */
export function NoticesPage() {
  const { t, language } = useI18n();
  const notices = useAsync(loadNotices, 'notices');
  // Introduced in the programme's own words (its manifest's publicNotice), or the page's own.
  const known = usePublicProgrammes();
  return (
    <Space
      orientation="vertical"
      size="large"
      style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }}
    >
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 30 }}>
          {t('noticeList')}
        </Typography.Title>
        <Typography.Paragraph>
          {known.failed ? t('noticeIntroAll') : noticeIntro(known.programmes, t, language)}
        </Typography.Paragraph>
      </div>
      {notices.error !== undefined && <Alert type="error" showIcon title={notices.error.message} />}
      {notices.data === undefined && notices.error === undefined && <Spin />}
      {notices.data?.notices.length === 0 && <Empty description={t('noNotices')} />}
      {notices.data?.notices.map((notice) => (
        <NoticeCard key={notice.caseId} notice={notice} version={notices.data?.versions.get(notice.caseId)} />
      ))}
    </Space>
  );
}
