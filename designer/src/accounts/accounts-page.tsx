import { LoadingOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { CardTable } from '../card-table.js';
import { useFocusReturn } from '../focus-return.js';
import { useClearChoice } from '../forms/clear-choice.js';
import { useI18n } from '../i18n/i18n.js';
import { hiddenColumnTitle } from '../hidden-column-title.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import { useAsync } from '../workbench/use-async.js';
import { AccountChanges } from './account-changes.js';
import { accountRegion, regionName, roleTitle, translateRoles, type AssignableRole } from './role-title.js';
import { fill } from '../i18n/fill.js';

/** An account as GET /api/users gives it (never its password hash). */
interface Account {
  username: string;
  roles: string[];
  displayName?: string;
  organisation?: string;
  province?: string;
  disabled?: boolean;
}

/** An account whose stored file cannot be read (GET /api/users lists it so): it cannot sign in or be changed. */
interface DamagedAccount {
  username: string;
  damaged: string;
}

type Listed = Account | DamagedAccount;
const isDamaged = (row: Listed): row is DamagedAccount => 'damaged' in row;

/** One role as the dialog edits it: its group, and its scope when the group has one. */
interface RoleRow {
  group?: string;
  scope?: string;
}

interface AccountForm {
  username: string;
  password?: string;
  displayName?: string;
  organisation?: string;
  province?: string;
  disabled?: boolean;
  roles: RoleRow[];
}

const rowsOf = (roles: readonly string[]): RoleRow[] =>
  roles.map((role) => {
    const [group, scope] = role.split(':');
    return { ...(group !== undefined && { group }), ...(scope !== undefined && { scope }) };
  });

/** Each row as a role; a typed scope without the spaces a paste brings (`P-JS-020 ` was refused as malformed). */
const textOf = (rows: readonly RoleRow[]): string[] =>
  rows
    .filter((row) => row.group !== undefined && row.group !== '')
    .map((row) => {
      const scope = row.scope?.trim() ?? '';
      return scope === '' ? String(row.group) : `${String(row.group)}:${scope}`;
    });

/** True when one of the rows is a subject's role, whose account must name its region. */
const needsRegion = (rows: readonly RoleRow[] | undefined, roles: readonly AssignableRole[]): boolean =>
  (rows ?? []).some((row) => roles.find((role) => role.group === row.group)?.regionRequired === true);

/** Empty texts left out: an optional field left blank is not sent as "". */
function present<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== ''),
  ) as Partial<T>;
}

/** The roles of an account, each a group and (for a scoped group) its scope: chosen from a list, or typed. */
function RoleRows({ roles }: { roles: readonly AssignableRole[] }) {
  const { t } = useI18n();
  const groupOptions = roles.map((role) => ({ value: role.group, label: roleTitle(role.group, roles, t) }));
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Form.Item key={field.key} noStyle shouldUpdate>
              {(form) => {
                const group = form.getFieldValue(['roles', field.name, 'group']) as string | undefined;
                const scope = roles.find((role) => role.group === group)?.scope;
                return (
                  <Space align="baseline" wrap style={{ display: 'flex' }}>
                    <Form.Item
                      name={[field.name, 'group']}
                      label={t('accountRole')}
                      // A choice to make, not text to type (antd said 请输入角色).
                      rules={[{ required: true, message: t('accountRoleNeeded') }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={groupOptions}
                        style={{ minWidth: 240 }}
                      />
                    </Form.Item>
                    {scope !== undefined && (
                      <Form.Item
                        name={[field.name, 'scope']}
                        label={scope.title}
                        rules={[{ required: true, whitespace: true }]}
                      >
                        {scope.values === undefined ? (
                          <Input style={{ minWidth: 160 }} />
                        ) : (
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            options={scope.values.map((value) => ({ value: value.code, label: value.name }))}
                            style={{ minWidth: 160 }}
                          />
                        )}
                      </Form.Item>
                    )}
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('removeRole')}
                      onClick={() => {
                        remove(field.name);
                      }}
                    />
                  </Space>
                );
              }}
            </Form.Item>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              add({});
            }}
          >
            {t('addRole')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The dialog's fields a server refusal may name (`error.field`): said under the field, not above the form. */
const REFUSABLE = ['username', 'password', 'displayName', 'organisation', 'province', 'roles'] as const;
type Refusable = (typeof REFUSABLE)[number];
const isRefusable = (field: string | undefined): field is Refusable =>
  (REFUSABLE as readonly (string | undefined)[]).includes(field);

/** A subject's account that names no region, as the programmes call it and starting a case (startTitle). */
function regionMissing(region: ReturnType<typeof accountRegion>, t: ReturnType<typeof useI18n>['t']): string {
  const title = region.title ?? t('province');
  return region.start === undefined
    ? fill(t('accountProvinceMissing'), { region: title })
    : fill(t('accountProvinceMissingTo'), { region: title, start: region.start });
}

/** Creates an account, or changes one (`editing`): the server checks everything and says what is wrong. */
function AccountDialog({
  editing,
  roles,
  onClose,
}: {
  editing: Account | 'new';
  roles: readonly AssignableRole[];
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const clearChoice = useClearChoice();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountForm>();
  /** The server's refusal of the last save, and the field it is about where it names one. */
  const [failure, setFailure] = useState<{ message: string; field?: string | undefined } | undefined>();
  const [busy, setBusy] = useState(false);
  // A second press (or Enter in a field) while the first save is on its way waits for it.
  const sending = useRef(false);
  const isNew = editing === 'new';
  // The region a subject's account names, as the programmes call it (设区的市 and its cities, 省级单位).
  const region = accountRegion(roles);
  const words = { region: region.title ?? t('province'), subject: region.subject ?? t('park') };
  // As the programmes call starting a case (manifest startTitle: 发起命名申报), where they say so alike.
  const regionNeeded =
    region.start === undefined
      ? fill(t('accountProvinceNeeded'), words)
      : fill(t('accountProvinceNeededTo'), { ...words, start: region.start });
  const initial: AccountForm = isNew
    ? { username: '', roles: [{}] }
    : {
        username: editing.username,
        roles: rowsOf(editing.roles),
        ...present({
          displayName: editing.displayName,
          organisation: editing.organisation,
          province: editing.province,
        }),
        disabled: editing.disabled === true,
      };
  const save = async (values: AccountForm) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setFailure(undefined);
    const common = {
      roles: textOf(values.roles),
      ...present({ displayName: values.displayName, organisation: values.organisation, password: values.password }),
    };
    try {
      if (isNew) {
        await api('POST', '/api/users', {
          username: values.username,
          ...common,
          ...present({ province: values.province }),
        });
      } else {
        await api('PATCH', `/api/users/${encodeURIComponent(editing.username)}`, {
          ...common,
          province: values.province ?? null,
          disabled: values.disabled === true,
        });
      }
      void message.success(t(isNew ? 'accountCreated' : 'accountSaved'));
      onClose(true);
    } catch (caught) {
      setFailure(
        caught instanceof ApiError ? { message: caught.message, field: caught.field } : { message: String(caught) },
      );
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  // A refusal naming a field stands under it, as the form's own checks do (it was above the form, away
  // from what to change); said at once (the keyboard stays on 保存).
  const refusalAt = (field: Refusable) =>
    failure !== undefined && failure.field === field
      ? {
          validateStatus: 'error' as const,
          help: (
            <span role="alert" data-refused-field={field}>
              {failure.message}
            </span>
          ),
        }
      : {};
  return (
    <Modal
      open
      title={t(isNew ? 'newAccount' : 'editAccount')}
      okText={t('accountSave')}
      cancelText={t('cancel')}
      // Not `confirmLoading`: antd's spinner could stay after its leave motion and rename the button
      // (「loading 保存」) for screen readers, and for a test looking for 保存 (one CI run). Not disabled
      // while saving either: the button has the keyboard, and a disabled one dropped it to the page,
      // where a refusal (a weak password) left it. A second press waits (`sending`).
      okButtonProps={{ 'aria-disabled': busy || undefined, icon: busy ? <LoadingOutlined /> : undefined }}
      onOk={() => {
        if (!sending.current) form.submit();
      }}
      onCancel={() => {
        onClose(false);
      }}
      width={720}
      destroyOnHidden
    >
      {failure !== undefined && !isRefusable(failure.field) && (
        <Alert type="error" showIcon role="alert" title={failure.message} style={{ marginBottom: 16 }} />
      )}
      <Form<AccountForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void save(values)}
        // The dialog's own checks take the keyboard to the first field at fault, as the calendar
        // editor's do: it stayed on 保存, the messages above it out of reach (a server's refusal keeps it there).
        scrollToFirstError={{ focus: true, block: 'nearest' }}
        // A refusal about one field (the password) goes once that field is changed, as the form's own
        // checks do; it stayed until the next save, saying a password no longer there was too short.
        onValuesChange={(changed: Partial<AccountForm>) => {
          if (failure?.field !== undefined && failure.field in changed) setFailure(undefined);
        }}
      >
        <Form.Item
          name="username"
          label={t('accountUsername')}
          rules={[{ required: true, whitespace: true }]}
          {...refusalAt('username')}
        >
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t(isNew ? 'accountPassword' : 'accountNewPassword')}
          // A new account has no sessions to end.
          extra={t(isNew ? 'accountPasswordRule' : 'accountPasswordHint')}
          rules={isNew ? [{ required: true }] : []}
          {...refusalAt('password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accountDisplayName')} {...refusalAt('displayName')}>
          <Input />
        </Form.Item>
        <Form.Item name="organisation" label={t('accountOrganisation')} {...refusalAt('organisation')}>
          <Input />
        </Form.Item>
        {/* The API takes a park account without a province (it then starts no case); the dialog does not. */}
        <Form.Item
          noStyle
          shouldUpdate={(before, after) => (before as AccountForm).roles !== (after as AccountForm).roles}
        >
          {({ getFieldValue }) => (
            <Form.Item
              name="province"
              label={fill(t('accountProvince'), words)}
              required={needsRegion(getFieldValue('roles') as RoleRow[] | undefined, roles)}
              rules={[
                ({ getFieldValue: current }) => ({
                  required: needsRegion(current('roles') as RoleRow[] | undefined, roles),
                  message: regionNeeded,
                }),
              ]}
              {...refusalAt('province')}
            >
              <Select
                allowClear={clearChoice}
                showSearch={{ optionFilterProp: 'label' }}
                options={region.values.map((entry) => ({
                  value: entry.code,
                  label: regionName(entry.code, roles),
                }))}
              />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item label={t('accountRoles')} required {...refusalAt('roles')}>
          <RoleRows roles={roles} />
        </Form.Item>
        {!isNew && (
          <Form.Item name="disabled" valuePropName="checked">
            <Checkbox>{t('accountDisable')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * The admin's account page: every account with its roles (titled as the definitions title them) and
 * whether it may sign in; new accounts, changed roles, a new password or a disabled account. The
 * server decides what is allowed (names, password policy, roles the definitions know, the last admin).
 */
export function AccountsPage() {
  const { t } = useI18n();
  const accounts = useAsync(() => api<Listed[]>('GET', '/api/users'), 'accounts');
  const roles = useAsync(() => api<AssignableRole[]>('GET', '/api/roles'), 'roles');
  const [editing, setEditing] = useState<Account | 'new' | undefined>();
  const [saves, setSaves] = useState(0);
  const opener = useFocusReturn();
  // Titled by the definitions: in the reader's language from the catalogue of the process declaring each.
  const definitionText = useDefinitionText();
  const known = useMemo(() => translateRoles(roles.data ?? [], definitionText), [roles.data, definitionText]);
  return (
    <Card
      title={<h1 style={{ fontSize: 16, margin: 0 }}>{t('accounts')}</h1>}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={roles.data === undefined}
          onClick={() => {
            opener.remember();
            setEditing('new');
          }}
        >
          {t('newAccount')}
        </Button>
      }
    >
      {(accounts.error ?? roles.error) !== undefined && (
        <Alert type="error" showIcon title={(accounts.error ?? roles.error)?.message} style={{ marginBottom: 16 }} />
      )}
      <CardTable<Listed>
        rowKey="username"
        size="middle"
        loading={accounts.loading}
        dataSource={accounts.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('accountUsername'), dataIndex: 'username', key: 'username' },
          {
            title: t('accountDisplayName'),
            key: 'name',
            render: (_, row) =>
              isDamaged(row) ? (
                '—'
              ) : (
                // A name or organisation of 100 letters without a space breaks anywhere: unbroken, it
                // widened its column until 修改 stood past the card's right edge.
                <div style={{ overflowWrap: 'anywhere' }}>
                  <div>{row.displayName ?? '—'}</div>
                  {row.organisation !== undefined && (
                    <Typography.Text type="secondary">{row.organisation}</Typography.Text>
                  )}
                </div>
              ),
          },
          {
            title: t('accountRoles'),
            key: 'roles',
            render: (_, row) =>
              isDamaged(row) ? (
                '—'
              ) : (
                <Space size={[4, 4]} wrap>
                  {row.roles.map((role) => (
                    <Tag key={role}>{roleTitle(role, known, t)}</Tag>
                  ))}
                  {row.province !== undefined && (
                    <Typography.Text type="secondary">{regionName(row.province, known)}</Typography.Text>
                  )}
                  {row.province === undefined && needsRegion(rowsOf(row.roles), known) && (
                    <Tag color="warning">{regionMissing(accountRegion(known), t)}</Tag>
                  )}
                </Space>
              ),
          },
          {
            title: t('accountStatus'),
            key: 'status',
            render: (_, row) =>
              isDamaged(row) ? (
                <Space orientation="vertical" size={2} data-damaged-account={row.username}>
                  <Tag color="error">{t('accountDamaged')}</Tag>
                  <Typography.Text type="secondary">{`${row.damaged}${t('accountDamagedHelp')}`}</Typography.Text>
                </Space>
              ) : row.disabled === true ? (
                <Tag color="red">{t('accountDisabled')}</Tag>
              ) : (
                <Tag color="green">{t('accountActive')}</Tag>
              ),
          },
          {
            title: hiddenColumnTitle(t('columnActions')),
            key: 'edit',
            render: (_, row) =>
              // The server cannot change what it cannot read; the damaged file is restored from a backup.
              isDamaged(row) ? null : (
                <Button
                  size="small"
                  aria-label={`${t('accountEdit')}${t('colon')}${row.username}`}
                  disabled={roles.data === undefined}
                  onClick={() => {
                    opener.remember();
                    setEditing(row);
                  }}
                >
                  {t('accountEdit')}
                </Button>
              ),
          },
        ]}
      />
      {editing !== undefined && (
        <AccountDialog
          editing={editing}
          roles={known}
          onClose={(saved) => {
            setEditing(undefined);
            opener.restore();
            if (saved) {
              accounts.reload();
              setSaves((count) => count + 1);
            }
          }}
        />
      )}
      <AccountChanges roles={known} round={saves} />
    </Card>
  );
}
