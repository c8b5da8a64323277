import { App, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { asked } from '../../forms/submit-guard.js';
import { useMemo, useState } from 'react';
import type { Manifest, Rule, Rules } from '../../../../engine/definitions/types.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { focusedRow, type FileFocus } from '../focus.js';
import { removeColumns } from '../remove-column.js';
import { FILES, jsonText, parseJson, type Workspace } from '../workspace.js';
import { UnreadableFile, unreadableReason } from '../unreadable-file.js';
import { PERIOD_UNITS, periodValue, periodWords, simplePeriod, unitWords, type PeriodUnit } from './period-words.js';
import { rulesCountedByTimers, rulesReadAsParameters } from './timer-rules.js';
import { cellLabel } from '../cell-label.js';
import { ExplainedButton } from '../review/explained-button.js';
import { whyNotNewName } from '../new-name.js';
import { CardTable } from '../../card-table.js';

interface Props {
  workspace: Workspace;
  focus: FileFocus | undefined;
}

/** rules.json in words (CONTRACT §3): each period as a number and a unit, with its article and title. */
export function PeriodsEditor({ workspace, focus }: Props) {
  const { d, t, language } = useDesignerI18n();
  const { modal } = App.useApp();
  const [newName, setNewName] = useState('');
  const text = workspace.text(FILES.rules);
  const parsed = useMemo(() => parseJson<unknown>(text), [text]);
  // Not an object of rules (`[]`, or not JSON at all): said, never shown as 暂无数据.
  const usable = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  const rules = (usable ? parsed : {}) as Rules;
  const xml = workspace.text(FILES.process);
  const counted = useMemo(() => rulesCountedByTimers(xml ?? ''), [xml]);
  const parameters = useMemo(() => rulesReadAsParameters(xml ?? ''), [xml]);
  const manifestText = workspace.text(FILES.manifest);
  // Codes in lists read as names where the manifest's groups name them (moa → 农业农村部).
  const codeNames = useMemo(() => {
    const groups = parseJson<Manifest>(manifestText)?.groups ?? {};
    return new Map(Object.values(groups).flatMap((group) => Object.entries(group.members ?? {})));
  }, [manifestText]);
  const readOnly = workspace.readOnly;
  const focused = focusedRow(focus, FILES.rules);

  const update = (name: string, change: Partial<Rule>) => {
    const current = rules[name];
    if (current === undefined) return;
    workspace.edit(FILES.rules, jsonText({ ...rules, [name]: { ...current, ...change } }));
  };
  const remove = (name: string) => {
    workspace.edit(FILES.rules, jsonText(Object.fromEntries(Object.entries(rules).filter(([key]) => key !== name))));
  };
  // A rule the diagram uses is asked about first: without it the draft fails validation until the
  // diagram is changed too (a timer's deleted period went unnoticed until 校验).
  const removeAsked = async (name: string, title: string) => {
    const use = counted.has(name) ? d('removeTimerRule') : parameters.has(name) ? d('removeReadRule') : undefined;
    const sure =
      use === undefined ||
      (await asked(modal, {
        title: d('removeRuleTitle', { title: title.trim() === '' ? name : title }),
        content: use,
        okText: d('remove'),
        okButtonProps: { danger: true },
        cancelText: d('keepRule'),
      }));
    if (sure) remove(name);
  };
  const add = () => {
    workspace.edit(FILES.rules, jsonText({ ...rules, [newName]: { value: 'P1M', article: 'Art. ', title: '' } }));
    setNewName('');
  };
  // Why 添加规则 cannot be pressed yet, beside it: a name in Chinese or with _ was refused in silence.
  const nameProblem = whyNotNewName(newName, rules, {
    empty: d('ruleNameEmpty'),
    invalid: d('ruleNameInvalid'),
    taken: d('ruleExists', { name: newName }),
  });

  const rows = Object.entries(rules).map(([name, rule]) => ({ name, ...rule }));
  if (text !== undefined && !usable) {
    const reason = unreadableReason(FILES.rules, text);
    return (
      <UnreadableFile
        workspace={workspace}
        path={FILES.rules}
        reason={reason ?? { reason: d('rulesNotObject') }}
        shape={reason === undefined}
      />
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {/* On a phone each period is a card, each value under its column's name: as a table the titles
          were squeezed to a character a line and the values ran off the screen. */}
      <CardTable<(typeof rows)[number]>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={rows}
        rowClassName={(row) => (row.name === focused ? 'qbz-focused' : '')}
        columns={[
          {
            title: d('ruleName'),
            dataIndex: 'name',
            width: 220,
            render: (name: string) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text code>{name}</Typography.Text>
                {counted.has(name) && <Tag color="purple">{d('usedByTimers')}</Tag>}
              </Space>
            ),
          },
          {
            title: d('ruleTitle'),
            dataIndex: 'title',
            render: (title: string, row) => (
              <Input.TextArea
                value={title}
                autoSize
                disabled={readOnly}
                aria-label={cellLabel(row.name, d('ruleTitle'))}
                onChange={(event) => {
                  update(row.name, { title: event.target.value });
                }}
              />
            ),
          },
          {
            title: d('article'),
            dataIndex: 'article',
            width: 110,
            render: (article: string, row) => (
              <Input
                value={article}
                disabled={readOnly}
                aria-label={cellLabel(row.name, d('article'))}
                onChange={(event) => {
                  update(row.name, { article: event.target.value });
                }}
              />
            ),
          },
          {
            title: d('ruleValue'),
            dataIndex: 'value',
            width: 260,
            render: (_, row) => (
              <ValueEditor
                name={row.name}
                value={row.value}
                parameter={parameters.has(row.name)}
                saves={workspace.draft?.revision ?? 0}
                readOnly={readOnly}
                onChange={(value) => {
                  update(row.name, { value });
                }}
              />
            ),
          },
          {
            title: d('inWords'),
            key: 'words',
            width: 160,
            render: (_, row) => (
              <Typography.Text strong data-words={row.name}>
                {typeof row.value === 'number' && parameters.has(row.name)
                  ? String(row.value)
                  : periodWords(
                      Array.isArray(row.value) ? row.value.map((code) => codeNames.get(code) ?? code) : row.value,
                      language,
                    )}
              </Typography.Text>
            ),
          },
          ...removeColumns<(typeof rows)[number]>(
            readOnly,
            d('remove'),
            (row) => {
              void removeAsked(row.name, row.title);
            },
            (row) => `${d('remove')}${t('colon')}${row.name}`,
          ),
        ]}
      />
      {!readOnly && (
        <Space wrap>
          <Input
            placeholder={d('ruleNameHint')}
            value={newName}
            style={{ width: 360, maxWidth: '100%' }}
            onChange={(event) => {
              setNewName(event.target.value.trim());
            }}
            status={newName !== '' && nameProblem !== undefined ? 'error' : ''}
          />
          <ExplainedButton onClick={add} disabledReason={nameProblem} testId="add-rule">
            {d('addRule')}
          </ExplainedButton>
        </Space>
      )}
    </Space>
  );
}

interface ValueProps {
  name: string;
  value: Rule['value'];
  /** A number conditions read (a pass mark), not a period. */
  parameter: boolean;
  /** How many times the draft was saved: a save shows each number as stored (see PeriodAmount). */
  saves: number;
  readOnly: boolean;
  onChange: (value: Rule['value']) => void;
}

/** A period as amount + unit; a list as tags; a parameter as a number; anything else as ISO text. */
function ValueEditor({ name, value, parameter, saves, readOnly, onChange }: ValueProps) {
  const { d, language } = useDesignerI18n();
  if (Array.isArray(value))
    return (
      <Select
        mode="tags"
        value={value}
        disabled={readOnly}
        style={{ width: '100%' }}
        aria-label={cellLabel(name, d('ruleValue'))}
        onChange={(next: string[]) => {
          onChange(next);
        }}
      />
    );
  if (typeof value === 'number' && parameter)
    return (
      <Space>
        <InputNumber
          value={value}
          disabled={readOnly}
          aria-label={cellLabel(name, d('ruleValue'))}
          onChange={(next) => {
            if (next !== null) onChange(next);
          }}
        />
        <Typography.Text type="secondary">{d('parameter')}</Typography.Text>
      </Space>
    );
  const period = simplePeriod(value);
  if (period === undefined)
    return (
      <Input
        value={String(value)}
        disabled={readOnly}
        suffix={d('isoDuration')}
        aria-label={cellLabel(name, d('ruleValue'))}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    );
  return (
    <Space.Compact>
      <PeriodAmount
        // A number not taken (-3) stayed typed beside 没有未保存的修改 after a save that kept the
        // period as it was: a save starts the field afresh from what was stored.
        // (The revision, not updatedAt: a sandbox clock may stand still between two saves.)
        key={saves}
        name={name}
        amount={period.amount}
        readOnly={readOnly}
        onAmount={(amount) => {
          onChange(periodValue({ ...period, amount }));
        }}
      />
      <Select<PeriodUnit>
        value={period.unit}
        disabled={readOnly}
        aria-label={cellLabel(name, d('ruleValue'), d('periodUnit'))}
        style={{ width: 130 }}
        options={PERIOD_UNITS.map((unit) => ({ value: unit, label: unitWords(unit, language) }))}
        onChange={(unit) => {
          onChange(periodValue({ ...period, unit }));
        }}
      />
    </Space.Compact>
  );
}

const wholeAndPositive = (amount: number | null): amount is number =>
  amount !== null && Number.isInteger(amount) && amount >= 1;

/**
 * A period's number. Typed as it is (antd's bounds turned -2 into 1 without a word); a number that is
 * not a whole one of at least 1 is marked, said, and not taken — the period keeps its last value.
 */
function PeriodAmount({
  name,
  amount,
  readOnly,
  onAmount,
}: {
  name: string;
  amount: number;
  readOnly: boolean;
  onAmount: (amount: number) => void;
}) {
  const { d } = useDesignerI18n();
  const [typed, setTyped] = useState<number | null>(amount);
  const [given, setGiven] = useState(amount);
  // A new value from outside (a reload, another tab's save) replaces what was typed.
  if (given !== amount) {
    setGiven(amount);
    setTyped(amount);
  }
  const invalid = !wholeAndPositive(typed);
  const errorId = `period-amount-error-${name}`;
  return (
    <Space orientation="vertical" size={0}>
      <InputNumber
        value={typed}
        disabled={readOnly}
        status={invalid ? 'error' : undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        aria-label={cellLabel(name, d('ruleValue'), d('periodAmount'))}
        style={{ width: 90 }}
        onChange={(next) => {
          setTyped(next);
          if (wholeAndPositive(next)) onAmount(next);
        }}
      />
      {invalid && (
        <Typography.Text id={errorId} type="danger" style={{ fontSize: 12 }}>
          {d('periodAmountInvalid', { amount })}
        </Typography.Text>
      )}
    </Space>
  );
}
