import { Typography } from 'antd';
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

/** A completed review's decision (its title) and full comment, under its line in the history. */
export function OutcomeLines({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  return (
    <div data-outcome={outcome.decision}>
      <div>
        {t('outcomeDecision')}
        {t('colon')}
        <Typography.Text strong>{outcome.title}</Typography.Text>
      </div>
      {outcome.comment !== undefined && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {t('outcomeComment')}
          {t('colon')}
          {outcome.comment}
        </Typography.Paragraph>
      )}
    </div>
  );
}
