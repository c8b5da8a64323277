import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, fetchFile } from '../api/client.js';
import { downloadName } from './download-name.js';
import { useReportI18n } from './report-i18n.js';

/** The case list's filters the server's export honours (server/reports/case-query.ts). */
const FILTERS = ['status', 'process', 'province', 'q'] as const;

/** The export's address for the filters in the page's own address (the inbox keeps them there). */
export function exportPath(search: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const name of FILTERS) for (const value of search.getAll(name)) if (value !== '') query.append(name, value);
  const text = query.toString();
  return `/api/cases/export.xlsx${text === '' ? '' : `?${text}`}`;
}

/**
 * Downloads the case list as an .xlsx workbook, with the list's current filters. The server makes
 * the file (the same scope as the list); the browser only saves it, with the session's token.
 */
export function ExportCasesButton() {
  const { r } = useReportI18n();
  const { message } = App.useApp();
  const [search] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      // Headed in the page's language, as the list it exports.
      const response = await fetchFile(exportPath(search));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = downloadName(response.headers.get('content-disposition')) ?? 'cases.xlsx';
      link.click();
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 1000);
    } catch (error) {
      // The server's refusal as it says it (429: 导出 Excel 过于频繁，请 N 秒后再试); it read 导出失败 alone.
      void message.error(error instanceof ApiError ? error.message : r('exportFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    // The icon is not read: the name is the visible text (WCAG 2.5.3), not "download 导出 Excel".
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void download()}>
      {r('exportExcel')}
    </Button>
  );
}
