import { Alert, App, Button, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../auth/session.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { draftPath } from '../routes.js';
import type { Conflict, Workspace } from '../workspace.js';

/**
 * What the banner says to do, below the server's message (which says only who deleted the draft and
 * that nothing was done): unsaved edits are mentioned only when the page has some.
 */
function deletedAdvice(workspace: Workspace, keep: boolean) {
  if (!keep) return 'draftDeletedGone';
  return workspace.dirty.size > 0 ? 'draftDeletedKeep' : 'draftDeletedKeepUnedited';
}

/**
 * A step refused because the draft changed under the page: 重新加载 shows it as saved now. Deleted
 * instead, there is nothing to reload: the officer keeps their work as a new draft or goes back to
 * the list (asked first, the edits being unsaved). A second officer reading someone else's request
 * has no work of theirs on the page: only the list (the 发布 tab's buttons are gone meanwhile).
 */
export function ConflictBanner({ workspace, conflict }: { workspace: Workspace; conflict: Conflict }) {
  const { d } = useDesignerI18n();
  const { message } = App.useApp();
  const { me } = useSession();
  const navigate = useNavigate();
  const pending = workspace.draft?.pendingPublication;
  const keep = pending === undefined || pending.requestedBy === me?.username;
  const [saving, setSaving] = useState(false);
  const title = workspace.draft?.title ?? workspace.draft?.id ?? '';
  const saveAsNew = () => {
    setSaving(true);
    workspace.saveAsNew(d('copyTitle', { title })).then(
      (created) => {
        if (created !== undefined) void navigate(draftPath(created.process, created.id));
      },
      (error: unknown) => {
        setSaving(false);
        void message.error((error as Error).message);
      },
    );
  };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="draft-conflict"
      title={conflict.message}
      description={d(conflict.deleted === undefined ? 'reloadLoses' : deletedAdvice(workspace, keep))}
      action={
        conflict.deleted === undefined ? (
          <Button type="primary" onClick={() => void workspace.reload()}>
            {d('reload')}
          </Button>
        ) : (
          <Space orientation="vertical">
            {keep && (
              <Button type="primary" data-testid="save-as-new-draft" loading={saving} onClick={saveAsNew}>
                {d('saveAsNewDraft')}
              </Button>
            )}
            <Link to="/designer">{d('backToVersions')}</Link>
          </Space>
        )
      }
    />
  );
}
