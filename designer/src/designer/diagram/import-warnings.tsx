import { Alert, Typography } from 'antd';
import type { DesignerText } from '../designer-i18n.js';
import { detailOf } from './import-failure.js';

/** Shown one by one; the rest counted. */
const LISTED = 8;

/**
 * What bpmn-js left out of a diagram it opened, in the page's words: moddle's warnings are English
 * and name XML (`unparsable content <bpmn:x> detected … line: 0`, counted from 0). Undefined for a
 * warning not known here: its own words then, in small print.
 */
function warningText(message: string, d: DesignerText): string | undefined {
  const unparsable = /^unparsable content (<[^>\s]+>)?.*?detected\s+line: (\d+)\s+column: (\d+)/s.exec(message);
  if (unparsable !== null) {
    const [, content = '', line = '0', column = '0'] = unparsable;
    return d('warnUnparsable', { content, line: Number(line) + 1, column: Number(column) + 1 });
  }
  const encoding = /^unsupported document encoding <([^>]*)>/.exec(message);
  if (encoding !== null) return d('warnEncoding', { encoding: encoding[1] ?? '' });
  const named = /^(unresolved reference|unknown attribute|multiple DI elements defined for) <([^>]*)>?/.exec(message);
  if (named === null) return undefined;
  const [, kind, name = ''] = named;
  const key =
    kind === 'unresolved reference'
      ? 'warnUnresolved'
      : kind === 'unknown attribute'
        ? 'warnAttribute'
        : 'warnDrawnTwice';
  return d(key, { name: name.replace(/\s.*$/, '') });
}

/**
 * What an opened diagram had that bpmn-js could not take, kept above it until closed or the next
 * import: a toast said only how many (导入时有 1 条警告), and was gone before an officer knew what to
 * look at in the file.
 */
export function ImportWarnings({
  warnings,
  d,
  onClose,
}: {
  warnings: readonly string[];
  d: DesignerText;
  onClose: () => void;
}) {
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose, 'aria-label': d('closeImportRefusal') }}
      data-testid="import-warnings"
      style={{ marginBottom: 8 }}
      title={d('importWarnings', { count: warnings.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {warnings.slice(0, LISTED).map((warning, index) => {
            const text = warningText(warning, d);
            return (
              <li key={index}>
                {text ?? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {detailOf(new Error(warning))}
                  </Typography.Text>
                )}
              </li>
            );
          })}
          {warnings.length > LISTED && <li>{d('importWarningsMore', { count: warnings.length - LISTED })}</li>}
        </ul>
      }
    />
  );
}
