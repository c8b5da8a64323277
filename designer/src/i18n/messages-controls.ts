/** Names of antd's own controls, which antd leaves in English or to an icon's name (zh, en). */
export const CONTROL_MESSAGES = {
  zh: {
    // A number field's step buttons (antd: "Increase Value", "Decrease Value").
    stepUp: '增加',
    stepDown: '减少',
    // A control whose only content is an icon (antd named it by the icon: close-circle, left).
    'icon.close': '关闭',
    'icon.close-circle': '清除',
    'icon.left': '上一页',
    'icon.right': '下一页',
    'icon.delete': '删除',
    'icon.search': '搜索',
    'icon.ellipsis': '更多',
  },
  en: {
    stepUp: 'Increase',
    stepDown: 'Decrease',
    'icon.close': 'Close',
    'icon.close-circle': 'Clear',
    'icon.left': 'Previous page',
    'icon.right': 'Next page',
    'icon.delete': 'Delete',
    'icon.search': 'Search',
    'icon.ellipsis': 'More',
  },
} as const;
