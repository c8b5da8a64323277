/**
 * The accounts a first start without ADMIN_PASSWORD creates: one per role, two parks in two provinces
 * (a park's account names its province: it starts cases only there, CONTRACT §6).
 * `organisation` is how the case history names who acted (CONTRACT: accounts' optional organisation).
 */
export const DEMO_ACCOUNTS: readonly {
  username: string;
  roles: string[];
  displayName: string;
  organisation: string;
  province?: string;
}[] = [
  { username: 'admin', roles: ['admin'], displayName: '系统管理员', organisation: '系统管理员' },
  { username: 'policy', roles: ['policy-admin'], displayName: '政策管理人员', organisation: '市场监管总局质量发展局' },
  {
    username: 'park-js',
    roles: ['park:P-JS-001'],
    displayName: '江苏·示范园区管委会',
    organisation: '苏州云澜湖智能装备产业园区管理委员会',
    province: '320000',
  },
  {
    username: 'park-zj',
    roles: ['park:P-ZJ-001'],
    displayName: '浙江·示范园区管委会',
    organisation: '杭州星河湾现代服务业集聚区管理委员会',
    province: '330000',
  },
  {
    username: 'province-js',
    roles: ['province:320000'],
    displayName: '江苏省市场监督管理局',
    organisation: '江苏省市场监督管理局',
  },
  {
    username: 'province-zj',
    roles: ['province:330000'],
    displayName: '浙江省市场监督管理局',
    organisation: '浙江省市场监督管理局',
  },
  {
    username: 'group-js',
    roles: ['province-leading-group:320000'],
    displayName: '江苏省质量强省工作领导小组',
    organisation: '江苏省质量强省工作领导小组',
  },
  {
    username: 'group-zj',
    roles: ['province-leading-group:330000'],
    displayName: '浙江省质量强省工作领导小组',
    organisation: '浙江省质量强省工作领导小组',
  },
  { username: 'samr', roles: ['samr'], displayName: '市场监管总局', organisation: '国家市场监督管理总局' },
  { username: 'moa', roles: ['ministry:moa'], displayName: '农业农村部', organisation: '农业农村部' },
  { username: 'mofcom', roles: ['ministry:mofcom'], displayName: '商务部', organisation: '商务部' },
  { username: 'mct', roles: ['ministry:mct'], displayName: '文化和旅游部', organisation: '文化和旅游部' },
  { username: 'cnipa', roles: ['ministry:cnipa'], displayName: '国家知识产权局', organisation: '国家知识产权局' },
  { username: 'expert', roles: ['expert'], displayName: '专家评审组', organisation: '示范区评估验收专家组' },
];

/**
 * The demo accounts a first start makes on the definitions it runs: those whose roles they declare
 * (`check` throws for any other, RoleCatalogue.check). A server running another programme
 * (test/programmes/county-brand declares no park, province or ministry) made all of them anyway, with
 * roles that granted nothing; those are left out and named, for the start to say so.
 */
export function demoAccountsFor(check: (roles: readonly string[]) => void): {
  made: (typeof DEMO_ACCOUNTS)[number][];
  leftOut: string[];
} {
  const declared = (roles: readonly string[]) => {
    try {
      check(roles);
      return true;
    } catch {
      return false;
    }
  };
  return {
    made: DEMO_ACCOUNTS.filter((account) => declared(account.roles)),
    leftOut: DEMO_ACCOUNTS.filter((account) => !declared(account.roles)).map((account) => account.username),
  };
}
