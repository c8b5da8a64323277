import { Form, Input, Space, Typography } from 'antd';
import { useId, type Dispatch, type SetStateAction } from 'react';
import { DateInput, isDate } from '../../forms/date-input.js';
import type { RevisionBasis } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { BASIS_FIELDS } from './basis-descriptions.js';
import { ExplainedButton } from './explained-button.js';

export const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

interface Props {
  today: string;
  effectiveFrom: string;
  onEffectiveFrom: (date: string) => void;
  name: string;
  /** A published version of the process already has this name. */
  nameTaken: boolean;
  onName: (name: string) => void;
  basis: RevisionBasis;
  onBasis: Dispatch<SetStateAction<RevisionBasis>>;
  /** Why it cannot be sent yet (undefined: it can). */
  reason: string | undefined;
  running: boolean;
  onRequest: () => void;
}

/**
 * The publication request as the requester fills it in: effective date, version name, the revision's
 * basis, and the button that says why it cannot be sent yet. Its values live in the panel, so that a
 * withdrawn request comes back as it was sent.
 */
export function RequestForm(props: Props) {
  const { today, effectiveFrom, name, basis, reason, running } = props;
  const { d } = useDesignerI18n();
  const helpId = useId();
  // What is wrong with the date typed, said at the field as well as beside the button below (a day
  // before today, greyed in the calendar, typed and left by Tab, went back to the date before unsaid).
  const dateProblem =
    effectiveFrom === ''
      ? undefined
      : !isDate(effectiveFrom)
        ? d('whyNotADate', { field: d('effectiveFrom') })
        : effectiveFrom < today
          ? d('whyPastDate', { today })
          : undefined;
  return (
    <>
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Space wrap align="start">
          <Form.Item
            label={d('effectiveFrom')}
            required
            {...(dateProblem !== undefined && {
              validateStatus: 'error' as const,
              help: <span id={helpId}>{dateProblem}</span>,
            })}
          >
            <DateInput
              aria-label={d('effectiveFrom')}
              {...(dateProblem !== undefined && { 'aria-describedby': helpId })}
              today={today}
              notBefore={today}
              value={effectiveFrom === '' ? undefined : effectiveFrom}
              status={dateProblem !== undefined ? 'error' : ''}
              onChange={(text) => {
                props.onEffectiveFrom(text ?? '');
              }}
            />
          </Form.Item>
          <Form.Item label={d('versionName')} required>
            <Input
              aria-label={d('versionName')}
              value={name}
              status={VERSION_NAME.test(name) && !props.nameTaken ? '' : 'error'}
              onChange={(event) => {
                props.onName(event.target.value.trim());
              }}
            />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{d('revisionBasis')}</Typography.Title>
        {BASIS_FIELDS.map(([field, label]) => {
          const onText = (text: string) => {
            props.onBasis((before) => ({ ...before, [field]: text }));
          };
          return (
            <Form.Item key={field} label={d(label)} required>
              {field === 'issuedOn' ? (
                <DateInput
                  aria-label={d(label)}
                  today={today}
                  value={basis.issuedOn === '' ? undefined : basis.issuedOn}
                  status={basis.issuedOn !== '' && !isDate(basis.issuedOn) ? 'error' : ''}
                  onChange={(text) => {
                    onText(text ?? '');
                  }}
                />
              ) : (
                <Input
                  aria-label={d(label)}
                  value={basis[field]}
                  onChange={(event) => {
                    onText(event.target.value);
                  }}
                />
              )}
            </Form.Item>
          );
        })}
      </Form>
      <ExplainedButton
        type="primary"
        danger
        testId="request-publish"
        loading={running}
        disabledReason={reason}
        onClick={props.onRequest}
      >
        {d('requestPublish')}
      </ExplainedButton>
    </>
  );
}
