import { App, Button, Input, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { DraftSummary } from '../designer-api.js';
import { useDesignerI18n, type DesignerText } from '../designer-i18n.js';
import { ExplainedButton } from './explained-button.js';

/** A draft's title as people call it (issue 12: never its id); drafts from before titles read as their base. */
export function draftTitleOf(draft: DraftSummary, d: DesignerText): string {
  return draft.title ?? d('draftTitleDefault', { version: draft.baseVersion });
}

/**
 * The draft's title, with 改名 opening a field to change it — while the draft may change: not once
 * published, nor while a second officer is asked to approve it (they approve what they read).
 */
export function DraftTitle({
  draft,
  editable,
  onRename,
}: {
  draft: DraftSummary;
  editable: boolean;
  /** Renames the draft as of the revision the page shows (a stale page is refused, 409). */
  onRename: (title: string) => Promise<void>;
}) {
  const { d } = useDesignerI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<string | undefined>();
  // By keyboard the focus went to the page with the button 改名 replaced: it goes to the field, and
  // back to 改名 once the title is saved or the change given up (Escape too).
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing === undefined && wasEditing.current) renameButton.current?.focus();
    wasEditing.current = editing !== undefined;
  }, [editing]);
  const title = draftTitleOf(draft, d);
  // No longer editable while being renamed (the draft deleted, or asked to be approved, meanwhile): read only.
  if (editing === undefined || !editable)
    return (
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="draft-title">
          {title}
        </Typography.Title>
        {editable && (
          <Button
            ref={renameButton}
            size="small"
            type="link"
            data-testid="rename-draft"
            onClick={() => {
              setEditing(title);
            }}
          >
            {d('rename')}
          </Button>
        )}
      </Space>
    );
  const save = () => {
    onRename(editing.trim()).then(
      () => {
        setEditing(undefined);
        void message.success(d('renamed'));
      },
      (error: unknown) => void message.error((error as Error).message),
    );
  };
  return (
    <Space>
      <Input
        aria-label={d('draftTitle')}
        autoFocus
        onFocus={(event) => {
          event.target.select();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setEditing(undefined);
        }}
        value={editing}
        maxLength={100}
        style={{ width: 360 }}
        onChange={(event) => {
          setEditing(event.target.value);
        }}
        onPressEnter={() => {
          if (editing.trim() !== '') save();
        }}
      />
      <ExplainedButton
        size="small"
        type="primary"
        testId="save-draft-title"
        disabledReason={editing.trim() === '' ? d('whyNoTitle') : undefined}
        onClick={save}
      >
        {d('save')}
      </ExplainedButton>
      <Button
        size="small"
        onClick={() => {
          setEditing(undefined);
        }}
      >
        {d('cancel')}
      </Button>
    </Space>
  );
}
