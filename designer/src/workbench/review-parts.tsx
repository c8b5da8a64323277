import { Button, Typography } from 'antd';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import './review-parts.css';
import { useI18n } from '../i18n/i18n.js';
import { actorNameOf, type ActorContext, type NamedActor } from './actor-name.js';
import { latestField, type CaseBundle } from './case-data.js';
import type { DocumentIndicators } from './submission-values.js';
import type { Outcome } from './submissions.js';

/**
 * Who acted, as the server names them (organisation), in the case's language; never the login.
 * Without a case, as the server sent them (a print view: a document in the definitions' words).
 */
export function useActorName(context?: ActorContext): (item: NamedActor) => string {
  const { t } = useI18n();
  const words = { public: t('actorPublic'), system: t('actorSystem') };
  return (item) => actorNameOf(context, item, words);
}

/** The indicators of the case's park type, for reading scores as a table. */
export function documentIndicators(bundle: CaseBundle): DocumentIndicators | undefined {
  const { indicators } = bundle.version;
  const variant = latestField(bundle.submissions, indicators.variantField);
  const items = typeof variant === 'string' ? indicators.variants[variant] : undefined;
  return items === undefined
    ? undefined
    : { items, dimensions: indicators.dimensions ?? [], vetoes: indicators.vetoes, passScore: indicators.passScore };
}

/**
 * A comment stands folded to its first lines (review-parts.css) where it has more, until unfolded: a
 * ministry's opinion of 2,000 characters filled 25 lines of the history.
 */
export function OutcomeLines({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  const [unfolded, setUnfolded] = useState(false);
  const [long, setLong] = useState(false);
  const paragraph = useRef<HTMLDivElement>(null);
  const commentId = useId();
  const { comment } = outcome;
  // Measured folded: a comment of three lines or fewer has nothing to unfold. One not laid out (in a
  // hidden panel) cannot be measured: it keeps the button, never a fold without a way to open it.
  useLayoutEffect(() => {
    const element = paragraph.current;
    if (element !== null) setLong(element.clientHeight === 0 || element.scrollHeight > element.clientHeight + 1);
  }, [comment]);
  const folded = !unfolded;
  return (
    <div data-outcome={outcome.decision}>
      <div>
        {t('outcomeDecision')}
        {t('colon')}
        <Typography.Text strong>{outcome.title}</Typography.Text>
      </div>
      {comment !== undefined && (
        <Typography.Paragraph
          id={commentId}
          ref={paragraph}
          className={folded ? 'qbz-folded-comment' : undefined}
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
        >
          {t('outcomeComment')}
          {t('colon')}
          {comment}
        </Typography.Paragraph>
      )}
      {long && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          aria-expanded={unfolded}
          aria-controls={commentId}
          onClick={() => {
            setUnfolded(!unfolded);
          }}
        >
          {unfolded ? t('foldComment') : t('unfoldComment')}
        </Button>
      )}
    </div>
  );
}
