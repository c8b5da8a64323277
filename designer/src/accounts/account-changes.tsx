import { Alert, Collapse, Typography } from 'antd';
import type { AccountChange } from '../../../server/accounts/account-log.js';
import { api } from '../api/client.js';
import { CardTable } from '../card-table.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { chinaTime } from '../workbench/format.js';
import { useAsync } from '../workbench/use-async.js';
import { accountRegion, regionName, roleTitle, type AssignableRole } from './role-title.js';

type Translate = (key: MessageKey) => string;

/** Each recorded change of one entry as a line people read: 角色：省级市场监管部门 · 江苏省 → 市场监管总局. */
function linesOf(change: AccountChange, roles: readonly AssignableRole[], t: Translate): string[] {
  const { fields } = change;
  const none = t('accountChangeNone');
  const shown = (value: unknown, as: (text: string) => string = (text) => text): string => {
    if (Array.isArray(value)) return value.length === 0 ? none : value.map((item) => as(String(item))).join('、');
    return typeof value === 'string' && value !== '' ? as(value) : none;
  };
  const lines: string[] = [];
  if (change.action === 'created') lines.push(t('accountChangeCreated'));
  // A new account's values are said as set; a change's from what to what.
  const pair = (
    key: MessageKey,
    field: { from?: unknown; to?: unknown },
    as?: (text: string) => string,
    values: Record<string, string> = {},
  ) =>
    lines.push(
      fill(t(change.action === 'created' ? 'accountChangeSet' : 'accountChangeFromTo'), {
        field: fill(t(key), values),
        from: shown(field.from, as),
        to: shown(field.to, as),
      }),
    );
  if (fields.roles !== undefined) pair('accountChangeRoles', fields.roles, (role) => roleTitle(role, roles, t));
  // The region as the programmes call it (所在设区的市), else the workbench's own word (所在省级单位).
  if (fields.province !== undefined)
    pair('accountChangeProvince', fields.province, (code) => regionName(code, roles), {
      region: accountRegion(roles).title ?? t('province'),
    });
  if (fields.organisation !== undefined) pair('accountChangeOrganisation', fields.organisation);
  if (fields.displayName !== undefined) pair('accountChangeDisplayName', fields.displayName);
  if (fields.disabled !== undefined)
    lines.push(t(fields.disabled.to === true ? 'accountChangeDisabled' : 'accountChangeEnabled'));
  if (change.passwordSet === true) lines.push(t('accountChangePassword'));
  return lines;
}

/**
 * Who created or changed which account, newest first (GET /api/account-changes): what an auditor
 * asks of a system's account management. Folded until opened (it is read now and then, and only then
 * asked for); `round` reloads it after the page saves an account.
 */
export function AccountChanges({ roles, round }: { roles: readonly AssignableRole[]; round: number }) {
  const { t } = useI18n();
  return (
    <Collapse
      style={{ marginTop: 24 }}
      items={[
        {
          key: 'changes',
          label: t('accountChanges'),
          children: <ChangeList roles={roles} round={round} />,
        },
      ]}
    />
  );
}

function ChangeList({ roles, round }: { roles: readonly AssignableRole[]; round: number }) {
  const { t } = useI18n();
  const changes = useAsync(() => api<AccountChange[]>('GET', '/api/account-changes'), `account-changes-${round}`);
  return (
    <section aria-label={t('accountChanges')} data-account-changes>
      <Typography.Paragraph type="secondary">{t('accountChangesHelp')}</Typography.Paragraph>
      {changes.error !== undefined && <Alert type="error" showIcon title={changes.error.message} />}
      <CardTable<AccountChange>
        rowKey={(change) => `${change.at}|${change.username}|${change.by}`}
        size="small"
        loading={changes.loading}
        dataSource={changes.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('accountChangeAt'), key: 'at', render: (_, change) => chinaTime(change.at) },
          {
            title: t('accountChangeBy'),
            key: 'by',
            render: (_, change) => (change.by === 'system' ? t('accountChangeSystem') : change.by),
          },
          { title: t('accountUsername'), dataIndex: 'username', key: 'username' },
          {
            title: t('accountChangeWhat'),
            key: 'what',
            render: (_, change) => (
              <div data-account-change={change.username}>
                {linesOf(change, roles, t).map((line) => (
                  <div key={line}>{line}</div>
                ))}
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}
