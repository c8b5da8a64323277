import { Button, Checkbox, Input, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useClearChoice } from '../forms/clear-choice.js';
import { useI18n } from '../i18n/i18n.js';
import { fill } from '../i18n/fill.js';
import type { TaskRow } from './inbox-data.js';
import type { Vocabulary } from './vocabulary.js';
import { facetCounts, writeFilter, type FilterChange, type InboxFilter, type InboxSort } from './inbox-filter.js';

interface Props {
  rows: readonly TaskRow[];
  filter: InboxFilter;
  /** What the programmes call the subject and region (the region filter, the sort by subject). */
  words: Vocabulary;
  onChange: (query: URLSearchParams) => void;
}

/** Options of one facet: every value among the rows, labelled with how many rows it would keep. */
function options(
  rows: readonly TaskRow[],
  key: (row: TaskRow) => string,
  label: (row: TaskRow) => string,
  counts: Map<string, number>,
) {
  const seen = new Map<string, string>();
  for (const row of rows) seen.set(key(row), label(row));
  return [...seen].map(([value, text]) => ({ value, label: `${text} (${String(counts.get(value) ?? 0)})` }));
}

/** The inbox's search box, filters (with counts) and sort; every change goes to the address. */
export function InboxFilters({ rows, filter, words, onChange }: Props) {
  const { t } = useI18n();
  const clearChoice = useClearChoice();
  const counts = facetCounts(rows, filter);
  const set = (change: FilterChange) => {
    onChange(writeFilter({ ...filter, ...change }));
  };
  // The box follows the address (清除筛选, Back) but is never made again: it was keyed by the query, and
  // a search by Enter or by 搜索 dropped the keyboard's focus to the page's top (found by the walk).
  const [text, setText] = useState(filter.q);
  useEffect(() => {
    setText(filter.q);
  }, [filter.q]);
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        // A button named in words: antd's own is an icon whose name is "search".
        enterButton={t('searchButton')}
        placeholder={t('searchInbox')}
        aria-label={t('searchInbox')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onSearch={(q) => {
          set({ q });
        }}
        style={{ width: 240 }}
      />
      <Select
        allowClear={clearChoice}
        aria-label={t('filterTask')}
        placeholder={t('filterTask')}
        value={filter.task}
        options={options(
          rows,
          (row) => row.taskId,
          (row) => row.taskName,
          counts.task,
        )}
        onChange={(task?: string) => {
          set({ task });
        }}
        style={{ minWidth: 180 }}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear={clearChoice}
        aria-label={t('filterStatus')}
        placeholder={t('filterStatus')}
        value={filter.status}
        options={options(
          rows,
          (row) => row.status,
          (row) => row.statusTitle,
          counts.status,
        )}
        onChange={(status?: string) => {
          set({ status });
        }}
        style={{ minWidth: 140 }}
      />
      <Select
        allowClear={clearChoice}
        aria-label={words.region ?? t('regionAny')}
        placeholder={words.region ?? t('regionAny')}
        value={filter.province}
        options={options(
          rows,
          (row) => row.province,
          (row) => row.provinceName,
          counts.province,
        )}
        onChange={(province?: string) => {
          set({ province });
        }}
        style={{ minWidth: 140 }}
      />
      <InputNumber
        min={0}
        max={365}
        aria-label={t('filterWithin')}
        placeholder={t('filterWithin')}
        value={filter.within ?? null}
        onChange={(value) => {
          set({ within: typeof value === 'number' ? value : undefined });
        }}
        style={{ width: 190 }}
      />
      <Checkbox
        checked={filter.overdue}
        onChange={(event) => {
          set({ overdue: event.target.checked });
        }}
      >
        {t('filterOverdue')} ({counts.overdue})
      </Checkbox>
      <Select<InboxSort>
        aria-label={t('sortBy')}
        value={filter.sort}
        options={[
          { value: 'due', label: t('sortDue') },
          { value: 'received', label: t('sortReceived') },
          {
            value: 'park',
            label: fill(t('sortSubject'), { subject: words.subject ?? t('subjectAny') }),
          },
        ]}
        onChange={(sort) => {
          set({ sort });
        }}
        style={{ width: 130 }}
      />
      <Button
        onClick={() => {
          onChange(new URLSearchParams());
        }}
      >
        {t('clearFilters')}
      </Button>
    </Space>
  );
}
