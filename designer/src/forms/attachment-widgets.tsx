import { DeleteOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiError, uploadFile } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import {
  ACCEPTED_FILES,
  attachmentInfo,
  uploadLimit,
  downloadAttachment,
  formatSize,
  lookUpAttachment,
  rememberAttachment,
  shortId,
  type AttachmentInfo,
  type UploadLimit,
} from './attachments.js';
import type { SchemaFormContext } from './form-context.js';
import { whenLost } from '../focus-return.js';

interface Upload {
  key: number;
  name: string;
  percent: number;
}

/**
 * Uploads files one after another, reporting progress per file; resolves with the stored ids. A file
 * above the server's size limit is refused here, in the server's words, without being sent.
 */
function useUploads(uploadPath: string) {
  const { t } = useI18n();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [error, setError] = useState<string | undefined>();
  /**
   * What a screen reader hears when a file has arrived or was refused (the live region is there before
   * the text; the refusal shown at the field is not a second one, so it is not said twice).
   */
  const [announced, setAnnounced] = useState('');
  const counter = useRef(0);
  useEffect(() => {
    void uploadLimit();
  }, []);
  /**
   * Says at the field, and aloud, why a file was not taken, naming it as the server's messages do
   * (「name」) when the reason does not (附件为空, 附件不能超过 20 MB).
   */
  const refuse = (name: string, reason: string) => {
    const text = reason.includes(name)
      ? reason
      : t('fileRefused').replaceAll('{name}', name).replaceAll('{reason}', reason);
    setError(text);
    setAnnounced(text);
  };
  const upload = async (file: File): Promise<string | undefined> => {
    const limit = await uploadLimit();
    if (limit !== undefined && file.size > limit.maxBytes) {
      refuse(file.name, t('fileTooLarge').replaceAll('{size}', limit.maxSize));
      return undefined;
    }
    const key = (counter.current += 1);
    setUploads((list) => [...list, { key, name: file.name, percent: 0 }]);
    try {
      const meta = await uploadFile(uploadPath, file, (percent) => {
        setUploads((list) => list.map((item) => (item.key === key ? { ...item, percent } : item)));
      });
      rememberAttachment({ id: meta.id, name: meta.name, size: meta.size });
      setAnnounced(`${t('uploaded')}${t('colon')}${meta.name}`);
      return meta.id;
    } catch (caught) {
      refuse(file.name, caught instanceof ApiError ? caught.message : String(caught));
      return undefined;
    } finally {
      setUploads((list) => list.filter((item) => item.key !== key));
    }
  };
  return { uploads, error, setError, refuse, upload, announced };
}

/** One stored file: its name (when this browser uploaded it) or short id, a download link, remove. */
interface ItemProps {
  id: string;
  downloads: boolean;
  onRemove?: () => void;
  linkId?: string;
}

function AttachmentItem({ id, downloads, onRemove, linkId }: ItemProps) {
  const { t } = useI18n();
  // Read for the id shown now: a field whose file is replaced keeps this component (it showed the
  // first file's name after 重新上传 sent another).
  const [lookedUp, setLookedUp] = useState<{ id: string; info: AttachmentInfo } | undefined>();
  const info = attachmentInfo(id) ?? (lookedUp?.id === id ? lookedUp.info : undefined);
  useEffect(() => {
    if (info !== undefined || !downloads) return;
    let current = true;
    void lookUpAttachment(id).then((found) => {
      if (current && found !== undefined) setLookedUp({ id, info: found });
    });
    return () => {
      current = false;
    };
  }, [id, info, downloads]);
  const name = info?.name ?? `${t('attachment')} ${shortId(id)}`;
  const [failed, setFailed] = useState<string | undefined>();
  return (
    <Space size="small" wrap className="qbz-attachment">
      <PaperClipOutlined aria-hidden />
      {!downloads && <Typography.Text id={linkId}>{name}</Typography.Text>}
      {downloads && (
        <Button
          type="link"
          size="small"
          id={linkId}
          className="qbz-attachment-name"
          style={{ padding: 0 }}
          title={id}
          aria-label={`${t('download')}${t('colon')}${name}`}
          onClick={() => {
            setFailed(undefined);
            downloadAttachment(id).catch((caught: unknown) => {
              setFailed((caught as Error).message);
            });
          }}
        >
          {name}
        </Button>
      )}
      {info?.size !== undefined && <Typography.Text type="secondary">{formatSize(info.size)}</Typography.Text>}
      {onRemove !== undefined && (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={`${t('removeFile')}${t('colon')}${name}`}
          onClick={onRemove}
        />
      )}
      {failed !== undefined && (
        <Typography.Text type="danger" role="alert">
          {failed}
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * A file removed by its button takes the button with it: the keyboard goes to the field's upload
 * button (it fell to the page, and Tab started again from the top of a long form).
 */
function uploadButtonWhenLost(fieldId: string): void {
  whenLost(() => document.getElementById(fieldId)?.focus());
}

/** Upload buttons (by field id) whose file is on its way: the focus returns to them when it arrives. */
const choosing = new Set<string>();

interface PickerProps {
  id: string;
  label: string;
  multiple: boolean;
  busy: boolean;
  disabled: boolean;
  hasFile: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * A button that opens the file picker. The field's label points at the button (a labelable
 * element); its accessible name says what it does and for which field. While a file uploads it says
 * so (aria-disabled) but stays focusable: a disabled button would drop the keyboard's focus to the page.
 */
function FilePicker({ id, label, multiple, busy, disabled, hasFile, onFiles }: PickerProps) {
  const { t } = useI18n();
  const limit = useUploadLimit();
  const hintId = `${id}-accepts`;
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const action = hasFile && !multiple ? t('replaceFile') : t('upload');
  // Whoever chose a file with this button gets the focus back when it has arrived: the form renders
  // the field afresh with the new file, and the button that had the focus is gone (so the wish is
  // kept by field id, not in this component).
  useEffect(() => {
    if (busy || !choosing.has(id)) return;
    choosing.delete(id);
    if (document.activeElement === null || document.activeElement === document.body) button.current?.focus();
  }, [busy, id]);
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        aria-hidden
        accept={ACCEPTED_FILES}
        multiple={multiple}
        data-testid={`${id}-file`}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <Button
        id={id}
        icon={busy ? <LoadingOutlined /> : <UploadOutlined />}
        disabled={disabled}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        // The name starts with the visible text (WCAG 2.5.3), then says which field the file is for.
        aria-label={`${action}${t('colon')}${label}`}
        {...(limit !== undefined && { 'aria-describedby': hintId })}
        ref={button}
        onClick={() => {
          if (busy) return;
          choosing.add(id);
          input.current?.click();
        }}
      >
        {action}
      </Button>
      {limit !== undefined && (
        // What may be sent is said before anything is chosen, not only in a refusal.
        <Typography.Text type="secondary" id={hintId} className="qbz-upload-hint">
          {t(limit.types === undefined ? 'uploadSizeHint' : 'uploadHint')
            .replaceAll('{types}', (limit.types ?? []).join(t('listSeparator')))
            .replaceAll('{size}', limit.maxSize)}
        </Typography.Text>
      )}
    </>
  );
}

/** The server's upload limit and types, once the page has asked (undefined until then, or if it did not say). */
function useUploadLimit(): UploadLimit | undefined {
  const [limit, setLimit] = useState<UploadLimit | undefined>();
  useEffect(() => {
    let current = true;
    void uploadLimit().then((known) => {
      if (current) setLimit(known);
    });
    return () => {
      current = false;
    };
  }, []);
  return limit;
}

/** Files on their way, and a live region saying which one arrived or was refused last (there before its text). */
function UploadProgress({ uploads, announced }: { uploads: Upload[]; announced: string }) {
  const { t } = useI18n();
  return (
    <>
      {uploads.map((item) => (
        <div key={item.key}>
          <Typography.Text type="secondary">
            {t('uploading')} {item.name}
          </Typography.Text>
          <Progress percent={item.percent} size="small" aria-label={`${t('uploading')} ${item.name}`} />
        </div>
      ))}
      <span className="qbz-sr-only" role="status">
        {announced}
      </span>
    </>
  );
}

/** `format: "attachment-id"`: upload one file, keep its id. */
export function AttachmentWidget(props: WidgetProps) {
  const { id, onChange, disabled, readonly, label, registry } = props;
  const value = props.value as unknown;
  const context = registry.formContext as SchemaFormContext;
  const { uploads, error, setError, upload, announced } = useUploads(context.uploadPath);
  const current = typeof value === 'string' && value !== '' ? value : undefined;
  if (readonly) {
    return current === undefined ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <AttachmentItem id={current} linkId={id} downloads={context.downloads} />
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {current !== undefined && (
        <AttachmentItem
          id={current}
          downloads={context.downloads}
          onRemove={() => {
            uploadButtonWhenLost(id);
            onChange(undefined);
          }}
        />
      )}
      <FilePicker
        id={id}
        label={label}
        multiple={false}
        busy={uploads.length > 0}
        disabled={disabled === true}
        hasFile={current !== undefined}
        onFiles={([file]) => {
          if (file === undefined) return;
          setError(undefined);
          void upload(file).then((stored) => {
            if (stored !== undefined) onChange(stored);
          });
        }}
      />
      <UploadProgress uploads={uploads} announced={announced} />
      {error !== undefined && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

/** An array of `attachment-id`s: upload several files, list them, remove any. */
export function AttachmentsWidget(props: WidgetProps) {
  const { id, onChange, disabled, readonly, label, registry } = props;
  const value = props.value as unknown;
  const { t } = useI18n();
  const context = registry.formContext as SchemaFormContext;
  const { uploads, error, setError, refuse, upload, announced } = useUploads(context.uploadPath);
  const ids = Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item !== '')
    : [];
  // Uploads finish one by one after this render: add each to the latest list, not to a stale copy.
  const latest = useRef(ids);
  latest.current = ids;
  if (readonly) {
    return ids.length === 0 ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Space orientation="vertical">
        {ids.map((item, index) => (
          <AttachmentItem key={item} id={item} downloads={context.downloads} {...(index === 0 && { linkId: id })} />
        ))}
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {ids.map((item) => (
        <AttachmentItem
          key={item}
          id={item}
          downloads={context.downloads}
          onRemove={() => {
            uploadButtonWhenLost(id);
            onChange(latest.current.filter((other) => other !== item));
          }}
        />
      ))}
      <FilePicker
        id={id}
        label={label}
        multiple
        busy={uploads.length > 0}
        disabled={disabled === true}
        hasFile={ids.length > 0}
        onFiles={(files) => {
          setError(undefined);
          void (async () => {
            for (const file of files) {
              const stored = await upload(file);
              if (stored === undefined) continue;
              if (latest.current.includes(stored)) refuse(file.name, t('alreadyUploaded'));
              else {
                latest.current = [...latest.current, stored];
                onChange(latest.current);
              }
            }
          })();
        }}
      />
      <UploadProgress uploads={uploads} announced={announced} />
      {error !== undefined && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
