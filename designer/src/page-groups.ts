/**
 * Who each signed-in page is for, by group: the menu offers a page only to them, and the page itself
 * tells anyone else it is not for their role (the server refuses them its data in any case).
 */
export const PAGE_GROUPS = {
  statistics: ['samr', 'province', 'province-leading-group', 'admin'],
  overdue: ['samr', 'province'],
  accounts: ['admin'],
  designer: ['policy-admin', 'admin'],
  calendars: ['policy-admin', 'admin'],
  clock: ['admin'],
} as const satisfies Record<string, readonly string[]>;

export type PageName = keyof typeof PAGE_GROUPS;
