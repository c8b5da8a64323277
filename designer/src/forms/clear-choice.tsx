import { CloseCircleFilled } from '@ant-design/icons';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * A drop-down's `allowClear`, its × named in the reader's language (清除 / Clear): antd's `allowClear`
 * alone names the button Clear, in English on a Chinese page (the inbox's filters, an account's
 * province). Given as an object, the icon is left to the caller: antd's own, as `allowClear` shows.
 */
export function useClearChoice() {
  const { t } = useI18n();
  return useMemo(() => ({ clearIcon: <CloseCircleFilled />, label: t('clearChoice') }), [t]);
}
