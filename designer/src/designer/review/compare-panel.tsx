import { Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Change, DiffEntry, VersionDiff } from '../designer-api.js';
import type { DesignerMessageKey } from '../designer-messages.js';
import { useDesignerI18n } from '../designer-i18n.js';
import type { ElementFocus } from '../diagram/diagram-hooks.js';
import { DiagramViewer } from '../diagram/diagram-viewer.js';
import { DIFF_GROUPS, diffWords, groupOf, type DiffGroup, type DiffNames } from './diff-words.js';
import { ExplainedButton } from './explained-button.js';

interface Props {
  diff: VersionDiff | undefined;
  running: boolean;
  /** Why 比较 cannot be used now (the draft was deleted); undefined: it can. */
  disabledReason?: string | undefined;
  onRun: () => void;
  draftXml: string;
  /** The diagram of the version compared against (loaded on demand). */
  loadBaseXml: (version: string) => Promise<string>;
  active: boolean;
  onOpenForm: (formKey: string) => void;
  /** Names of park types, dimensions, elements and rules, to say what changed in the officer's words. */
  names: DiffNames;
}

const GROUP_LABEL: Record<DiffGroup, DesignerMessageKey> = {
  periods: 'groupPeriods',
  indicators: 'groupIndicators',
  forms: 'groupForms',
  diagram: 'groupDiagram',
  manifest: 'groupManifest',
};
export const CHANGE_COLOR: Record<Change, string> = { added: 'green', removed: 'red', changed: 'orange' };

/** GET /api/drafts/:id/compare: the differences as lists and as coloured markers on the diagrams. */
export function ComparePanel({
  diff,
  running,
  disabledReason,
  onRun,
  draftXml,
  loadBaseXml,
  active,
  onOpenForm,
  names,
}: Props) {
  const { d, language } = useDesignerI18n();
  const [side, setSide] = useState<'draft' | 'base'>('draft');
  const [baseXml, setBaseXml] = useState<{ version: string; xml: string } | undefined>();
  const [focus, setFocus] = useState<ElementFocus | undefined>();
  const markers = useMemo<Record<string, readonly string[]> | undefined>(() => {
    if (diff === undefined) return undefined;
    const changed = { 'qbz-changed': diff.elements.changed };
    return side === 'draft'
      ? { ...changed, 'qbz-added': diff.elements.added }
      : { ...changed, 'qbz-removed': diff.elements.removed };
  }, [diff, side]);

  const showSide = (next: 'draft' | 'base') => {
    setSide(next);
    if (next === 'base' && diff !== undefined && baseXml?.version !== diff.against)
      void loadBaseXml(diff.against).then((xml) => {
        setBaseXml({ version: diff.against, xml });
      });
  };
  const locate = (entry: DiffEntry) => {
    if (entry.kind === 'form') onOpenForm(entry.key);
    if (entry.kind !== 'element' && entry.kind !== 'flow') return;
    const wanted = entry.change === 'removed' ? 'base' : side;
    showSide(wanted);
    setFocus({ id: entry.key, seq: Date.now() });
  };

  const xml = side === 'draft' ? draftXml : baseXml?.xml;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <ExplainedButton
          testId="run-compare"
          type="primary"
          loading={running}
          disabledReason={disabledReason}
          onClick={onRun}
        >
          {d('runCompare')}
        </ExplainedButton>
        {diff !== undefined && <Typography.Text>{d('compareAgainst', { version: diff.against })}</Typography.Text>}
      </Space>
      {diff !== undefined && diff.entries.length === 0 && <Empty description={d('noChanges')} />}
      {diff !== undefined &&
        DIFF_GROUPS.map((group) => {
          const entries = diff.entries.filter((entry) => groupOf(entry.kind) === group);
          if (entries.length === 0) return null;
          return (
            <Card key={group} size="small" title={d(GROUP_LABEL[group])} data-diff-group={group}>
              <List
                size="small"
                dataSource={entries}
                renderItem={(entry) => {
                  const words = diffWords(entry, names, language);
                  return (
                    <List.Item
                      data-diff={`${entry.kind}:${entry.key}`}
                      onClick={() => {
                        locate(entry);
                      }}
                      style={{ cursor: ['element', 'flow', 'form'].includes(entry.kind) ? 'pointer' : undefined }}
                    >
                      <Space orientation="vertical" size={0}>
                        <Space>
                          <Tag color={CHANGE_COLOR[entry.change]}>{d(entry.change)}</Tag>
                          <Typography.Text strong data-diff-title>
                            {words.title}
                          </Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                            <code>{entry.key}</code>
                          </Typography.Text>
                        </Space>
                        {words.lines.map((line) => (
                          <Typography.Text key={line} style={{ paddingLeft: 8 }} data-diff-line>
                            {line}
                          </Typography.Text>
                        ))}
                      </Space>
                    </List.Item>
                  );
                }}
              />
            </Card>
          );
        })}
      {diff !== undefined && (
        <Card
          size="small"
          title={
            <Segmented
              value={side}
              onChange={(value) => {
                showSide(value as 'draft' | 'base');
              }}
              options={[
                { value: 'draft', label: d('showDraftDiagram') },
                { value: 'base', label: d('showBaseDiagram') },
              ]}
            />
          }
          extra={
            <Space>
              {(['added', 'changed', 'removed'] as const).map((change) => (
                <span key={change}>
                  <span className={`qbz-legend qbz-legend-${change}`} style={{ borderColor: LEGEND[change] }} />
                  {d(change)} {diff.elements[change].length}
                </span>
              ))}
            </Space>
          }
        >
          {xml !== undefined && (
            <DiagramViewer key={side} xml={xml} markers={markers} focus={focus} active={active} height={520} />
          )}
        </Card>
      )}
    </Space>
  );
}

const LEGEND: Record<Change, string> = { added: '#389e0d', changed: '#d46b08', removed: '#cf1322' };
