import { Descriptions, Typography } from 'antd';
import type { RevisionBasis } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';

/** The four parts of a revision's basis and their labels (issue 12: title, 文号, date, address). */
export const BASIS_FIELDS = [
  ['title', 'revisionTitle'],
  ['documentNumber', 'revisionNumber'],
  ['issuedOn', 'revisionIssuedOn'],
  ['url', 'revisionUrl'],
] as const;

/** The basis as the approver reads it. */
export function BasisDescriptions({ basis }: { basis: RevisionBasis }) {
  const { d } = useDesignerI18n();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="revision-basis"
      items={BASIS_FIELDS.map(([field, label]) => ({
        key: field,
        label: d(label),
        children:
          field === 'url' ? (
            <Typography.Link href={basis.url} target="_blank" rel="noreferrer">
              {basis.url}
            </Typography.Link>
          ) : (
            basis[field]
          ),
      }))}
    />
  );
}
