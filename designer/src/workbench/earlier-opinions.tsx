import { Card, Collapse, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import type { CaseBundle } from './case-data.js';
import { chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import { documentIndicators, useActorName } from './review-parts.js';
import { SubmissionDocument } from './submission-document.js';
import { loadSubmissionForm, numberedName, outcomeOf, scoreSummaryOf, type NamedSubmission } from './submissions.js';
import { useAsync } from './use-async.js';

/**
 * What others sent on the document since it was submitted — the province's review, the ministries'
 * opinions (Art. 17, 21), the experts' evaluation, an objection — each with who, when and its
 * decision, the whole document on opening. A reviewer decides with these in view beside the form, not
 * by leaving it for the case page. `except` is the submission already shown as the one under review.
 */
export function EarlierOpinions(props: {
  bundle: CaseBundle;
  since: NamedSubmission;
  except?: NamedSubmission | undefined;
}) {
  const { t } = useI18n();
  const { bundle, since, except } = props;
  const actorName = useActorName(bundle);
  const numbered = (title: string, number: number) => fill(t('originNumber'), { title, number });
  const later = bundle.submissions.filter(
    (submission) => submission.seq > since.seq && submission.seq !== except?.seq && submission.kind !== 'start',
  );
  const forms = useAsync(
    () => Promise.all(later.map((submission) => loadSubmissionForm(bundle, submission))),
    `${bundle.view.id}/${later.map((submission) => submission.seq).join(',')}/${bundle.language ?? ''}`,
  );
  if (later.length === 0) return null;
  const items = later.map((submission, index) => {
    const schema = forms.data?.[index];
    // Its form read first: without it a decision showed as its code (upheld) until the form came.
    const outcome = schema === undefined ? undefined : outcomeOf(schema, submission.data);
    // A scoring has no decision to show: its total against the pass mark, and its vetoes, are its result.
    const scored = outcome === undefined ? scoreSummaryOf(schema, submission.data) : undefined;
    return {
      key: String(submission.seq),
      label: (
        <span data-earlier-opinion={submission.seq}>
          {numberedName(bundle, submission, numbered)}
          <Typography.Text type="secondary">
            {' · '}
            {actorName(submission)} · {chinaTime(submission.at)}
          </Typography.Text>
          {outcome !== undefined && <Tag style={{ marginInlineStart: 8 }}>{outcome.title}</Tag>}
          {scored !== undefined && (
            <Tag style={{ marginInlineStart: 8 }} data-score-summary>
              {fill(t('scoreSummary'), { total: scored.total, pass: bundle.version.indicators.passScore })}
              {scored.vetoes > 0 && `${t('semicolon')}${fill(t('scoreSummaryVetoes'), { count: scored.vetoes })}`}
            </Tag>
          )}
        </span>
      ),
      children: schema !== undefined && (
        <SubmissionDocument schema={schema} data={submission.data} indicators={documentIndicators(bundle)} />
      ),
    };
  });
  return (
    <Card
      size="small"
      data-earlier-opinions={later.length}
      style={{ marginTop: 16 }}
      title={<h4 style={{ fontSize: 15, margin: 0 }}>{fill(t('earlierOpinions'), { count: later.length })}</h4>}
    >
      <Collapse size="small" items={items} />
    </Card>
  );
}
