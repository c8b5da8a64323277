import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import type { DesignerText } from '../designer-i18n.js';

/** Resolves once the browser has painted what was rendered before it was called. */
const afterPaint = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });

/**
 * 导入 .bpmn: chooses a file and hands it to `onFile`. While that reads and checks it (a file near the
 * size limit takes a moment) the button is busy and says so, and a status region tells a screen
 * reader which file — the page said nothing while a large file was read.
 */
export function ImportButton(props: { disabled: boolean; d: DesignerText; onFile: (file: File) => Promise<void> }) {
  const { d } = props;
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState<string | undefined>();
  const busy = reading !== undefined;
  const read = async (file: File) => {
    setReading(file.name);
    try {
      // Shown before the file is read: its parsing holds the page, and a file read at once left no
      // frame between the two in which the busy button was painted.
      await afterPaint();
      await props.onFile(file);
    } finally {
      setReading(undefined);
    }
  };
  return (
    <>
      <Button
        icon={<UploadOutlined />}
        loading={busy}
        aria-busy={busy}
        onClick={() => input.current?.click()}
        disabled={props.disabled}
      >
        {busy ? d('importReading') : d('importBpmn')}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".bpmn,.xml"
        hidden
        data-testid="bpmn-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file !== undefined && !busy) void read(file);
        }}
      />
      {/* There before its words, so that a screen reader reads them when they come. */}
      <span role="status" className="qbz-sr-only" data-import-status>
        {reading === undefined ? '' : d('importReadingFile', { file: reading })}
      </span>
    </>
  );
}
