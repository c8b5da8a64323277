import type { MessageKey } from '../i18n/messages.js';

/** A role an admin may give (GET /api/roles). */
export interface AssignableRole {
  group: string;
  title?: string;
  scope?: { title: string; values?: { code: string; name: string }[] };
  /** A subject's role: its account must name its region (CONTRACT §6). */
  regionRequired?: true;
}

const SYSTEM_TITLES: Record<string, MessageKey> = { admin: 'roleAdmin', 'policy-admin': 'rolePolicyAdmin' };

/** `province:320000` as people read it: 省级市场监管部门 · 江苏省. */
export function roleTitle(text: string, roles: readonly AssignableRole[], t: (key: MessageKey) => string): string {
  const [group = '', scope] = text.split(':');
  const role = roles.find((candidate) => candidate.group === group);
  const system = SYSTEM_TITLES[group];
  const title = role?.title ?? (system === undefined ? group : t(system));
  if (scope === undefined) return title;
  return `${title} · ${role?.scope?.values?.find((value) => value.code === scope)?.name ?? scope}`;
}
