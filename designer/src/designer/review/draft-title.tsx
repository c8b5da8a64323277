import { App, Typography } from 'antd';
import { designerApi, type DraftSummary } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';

/** A draft's title as people call it (issue 12: never its id); drafts from before titles read as their base. */
export function draftTitleOf(draft: DraftSummary, d: ReturnType<typeof useDesignerI18n>['d']): string {
  return draft.title ?? d('draftTitleDefault', { version: draft.baseVersion });
}

/** The draft's title, editable in place (saved on Enter or when the field is left). */
export function DraftTitle({ draft, onRenamed }: { draft: DraftSummary; onRenamed: () => void }) {
  const { d } = useDesignerI18n();
  const { message } = App.useApp();
  return (
    <Typography.Title
      level={5}
      style={{ margin: 0 }}
      data-testid="draft-title"
      editable={{
        tooltip: d('rename'),
        triggerType: ['icon', 'text'],
        text: draftTitleOf(draft, d),
        onChange: (title) => {
          if (title.trim() === '' || title === draftTitleOf(draft, d)) return;
          designerApi.renameDraft(draft.id, title.trim()).then(
            () => {
              void message.success(d('renamed'));
              onRenamed();
            },
            (error: unknown) => void message.error((error as Error).message),
          );
        },
      }}
    >
      {draftTitleOf(draft, d)}
    </Typography.Title>
  );
}
