import { Alert, Typography } from 'antd';
import { bpmnReadPlace } from '../../../../engine/definitions/moddle.js';
import type { DesignerText } from '../designer-i18n.js';
import { readPlaceText } from '../unreadable-file.js';
import { detailOf } from './import-failure.js';
import { DIAGRAM_MAX_BYTES, fittingFileBytes, megabytes } from './import-limit.js';

/** A `.bpmn` file the officer chose to import that could not be opened: its name, its text and the reason. */
export interface RefusedImport {
  file: string;
  text: string;
  error: unknown;
  /** Bytes, when it was refused by its size (unread when `saved` is not given). */
  size?: number;
  /** The bytes its save would send, when it was read and refused by them. */
  saved?: number;
}

/**
 * Why the file could not be opened, in the page's words: empty, where moddle stopped reading it (the
 * words the damaged-file card and the server's refusal use), no layout, or no BPMN. moddle says an
 * empty file is `missing start tag`, which tells an officer nothing.
 */
function reasonOf({ text, error, size, saved }: RefusedImport, d: DesignerText): string {
  const limit = megabytes(DIAGRAM_MAX_BYTES);
  if (size !== undefined && saved !== undefined)
    return d('importTooLargeSaved', {
      size: megabytes(size),
      saved: megabytes(saved),
      limit,
      fit: `${String(fittingFileBytes(size, saved) / 1024)} KB`,
    });
  if (size !== undefined) return d('importTooLarge', { size: megabytes(size), limit });
  if (text.trim() === '') return d('importEmpty');
  const place = bpmnReadPlace(error);
  if (place !== undefined) return d('importUnreadable', { place: readPlaceText(d, place) });
  return d(/no diagram to display/i.test(detailOf(error)) ? 'importWhyNoLayout' : 'importWhyNotBpmn');
}

/**
 * A refused import, kept above the diagram until closed or the next import: a toast was gone after a
 * few seconds, before an officer had read which file and why. The parser's English stays in small
 * print for whoever mends the file (not for an empty one: there is nothing more to say).
 */
export function ImportRefusal({
  refused,
  d,
  onClose,
}: {
  refused: RefusedImport;
  d: DesignerText;
  onClose: () => void;
}) {
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose, 'aria-label': d('closeImportRefusal') }}
      data-testid="import-refused"
      style={{ marginBottom: 8 }}
      title={d('importRefused', { file: refused.file })}
      description={
        <>
          {reasonOf(refused, d)}
          {refused.text.trim() !== '' && (
            <>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d('importDetail', { detail: detailOf(refused.error) })}
              </Typography.Text>
            </>
          )}
        </>
      }
    />
  );
}
