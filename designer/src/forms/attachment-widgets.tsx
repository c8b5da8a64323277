import { DeleteOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiError, uploadFile } from '../api/client.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import {
  ACCEPTED_FILES,
  attachmentInfo,
  exampleFile,
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

/** What became of a file sent: its stored id, or why it was not taken (naming the file). */
type Sent = { id: string; name: string } | { refusal: string };

/**
 * Uploads files one after another, reporting progress per file; hands each stored id to the field. A
 * file above the server's size limit is refused here, in the server's words, without being sent.
 * Every file refused of those chosen together is said on its own line (a single line, overwritten by
 * each refusal, said only the last of them), and aloud with what was uploaded once all were tried.
 */
function useUploads(uploadPath: string) {
  const { t } = useI18n();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [refusals, setRefusals] = useState<readonly string[]>([]);
  /**
   * What a screen reader hears when the files chosen have arrived or were refused (the live region is
   * there before the text; the refusals shown at the field are not a second one, so not said twice).
   */
  const [announced, setAnnounced] = useState('');
  const counter = useRef(0);
  useEffect(() => {
    void uploadLimit();
  }, []);
  /** Why a file was not taken, naming it as the server's messages do (「name」) when the reason does not. */
  const refusal = (name: string, reason: string) =>
    reason.includes(name) ? reason : t('fileRefused').replaceAll('{name}', name).replaceAll('{reason}', reason);
  const upload = async (file: File): Promise<Sent> => {
    const limit = await uploadLimit();
    if (limit !== undefined && file.size > limit.maxBytes)
      return { refusal: refusal(file.name, t('fileTooLarge').replaceAll('{size}', limit.maxSize)) };
    const key = (counter.current += 1);
    setUploads((list) => [...list, { key, name: file.name, percent: 0 }]);
    try {
      const meta = await uploadFile(uploadPath, file, (percent) => {
        setUploads((list) => list.map((item) => (item.key === key ? { ...item, percent } : item)));
      });
      rememberAttachment({ id: meta.id, name: meta.name, size: meta.size });
      return { id: meta.id, name: meta.name };
    } catch (caught) {
      return { refusal: refusal(file.name, caught instanceof ApiError ? caught.message : String(caught)) };
    } finally {
      setUploads((list) => list.filter((item) => item.key !== key));
    }
  };
  /**
   * Sends the files chosen together; `take` gets each stored id and returns why the field will not
   * have it (already there), or nothing when taken.
   */
  const send = async (
    files: readonly File[],
    take: (id: string) => string | undefined,
    /** Files chosen but not sent, and why (more than the field takes): said with the rest. */
    skipped: readonly { name: string; reason: string }[] = [],
  ) => {
    const refused: string[] = skipped.map((file) => refusal(file.name, file.reason));
    setRefusals([...refused]);
    const uploaded: string[] = [];
    for (const file of files) {
      const sent = await upload(file);
      const reason = 'refusal' in sent ? sent.refusal : take(sent.id);
      if (reason === undefined && 'name' in sent) uploaded.push(sent.name);
      else if (reason !== undefined) {
        refused.push('refusal' in sent ? reason : refusal(file.name, reason));
        setRefusals([...refused]);
      }
    }
    const arrived = uploaded.length === 0 ? [] : [`${t('uploaded')}${t('colon')}${uploaded.join(t('listSeparator'))}`];
    setAnnounced([...arrived, ...refused].join(t('semicolon')));
  };
  return { uploads, refusals, send, announced };
}

/** The files of one choice that were not taken, one line each. */
function Refusals({ refusals }: { refusals: readonly string[] }) {
  return (
    <>
      {refusals.map((text, index) => (
        <Typography.Text key={index} type="danger" style={{ display: 'block' }}>
          {text}
        </Typography.Text>
      ))}
    </>
  );
}

/** One stored file: its name (when this browser uploaded it) or short id, a download link, remove. */
interface ItemProps {
  id: string;
  downloads: boolean;
  /** In a preview: an id not uploaded here is an example's placeholder (exampleFile). */
  preview?: boolean | undefined;
  onRemove?: () => void;
  linkId?: string;
}

function AttachmentItem({ id, downloads: stored, preview = false, onRemove, linkId }: ItemProps) {
  const { t } = useI18n();
  // An example's file is neither looked up nor downloaded: there is none.
  const example = exampleFile(id, preview);
  const downloads = stored && !example;
  // Read for the id shown now: a field whose file is replaced keeps this component (it showed the
  // first file's name after 重新上传 sent another).
  const [lookedUp, setLookedUp] = useState<{ id: string; info: AttachmentInfo | undefined } | undefined>();
  const info = attachmentInfo(id) ?? (lookedUp?.id === id ? lookedUp.info : undefined);
  useEffect(() => {
    if (info !== undefined || !downloads) return;
    let current = true;
    void lookUpAttachment(id).then((found) => {
      if (current) setLookedUp({ id, info: found });
    });
    return () => {
      current = false;
    };
  }, [id, info, downloads]);
  const name = example ? t('exampleAttachment') : (info?.name ?? `${t('attachment')} ${shortId(id)}`);
  // Until its name has loaded the buttons say what they do, not an id (下载：附件 06998a3a…, and
  // 删除文件：附件 06998a3a…); a file whose name cannot be had is named by its id.
  const looking = downloads && info === undefined && lookedUp?.id !== id;
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
          aria-label={looking ? t('downloadFile') : `${t('download')}${t('colon')}${name}`}
          onClick={() => {
            setFailed(undefined);
            downloadAttachment(id).catch((caught: unknown) => {
              setFailed((caught as Error).message);
            });
          }}
        >
          {looking ? t('downloadFile') : name}
        </Button>
      )}
      {info?.size !== undefined && <Typography.Text type="secondary">{formatSize(info.size)}</Typography.Text>}
      {onRemove !== undefined && (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={looking ? t('removeFile') : `${t('removeFile')}${t('colon')}${name}`}
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

/** Files on their way, and a live region saying which of those chosen arrived and which were refused (there before its text). */
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
  const { uploads, refusals, send, announced } = useUploads(context.uploadPath);
  const current = typeof value === 'string' && value !== '' ? value : undefined;
  if (readonly) {
    return current === undefined ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <AttachmentItem id={current} linkId={id} downloads={context.downloads} preview={context.preview} />
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {current !== undefined && (
        <AttachmentItem
          id={current}
          downloads={context.downloads}
          preview={context.preview}
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
        onFiles={(files) => {
          void send(files.slice(0, 1), (stored) => {
            onChange(stored);
            return undefined;
          });
        }}
      />
      <UploadProgress uploads={uploads} announced={announced} />
      <Refusals refusals={refusals} />
    </Space>
  );
}

/** An array of `attachment-id`s: upload several files, list them, remove any. */
export function AttachmentsWidget(props: WidgetProps) {
  const { id, onChange, disabled, readonly, label, registry } = props;
  const value = props.value as unknown;
  const { t } = useI18n();
  const context = registry.formContext as SchemaFormContext;
  const { uploads, refusals, send, announced } = useUploads(context.uploadPath);
  const ids = Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item !== '')
    : [];
  const maxItems = typeof props.schema.maxItems === 'number' ? props.schema.maxItems : undefined;
  // Uploads finish one by one after this render: add each to the latest list, not to a stale copy.
  const latest = useRef(ids);
  latest.current = ids;
  if (readonly) {
    return ids.length === 0 ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Space orientation="vertical">
        {ids.map((item, index) => (
          <AttachmentItem
            key={item}
            id={item}
            downloads={context.downloads}
            preview={context.preview}
            {...(index === 0 && { linkId: id })}
          />
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
          preview={context.preview}
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
          // No more than the field takes (an objection's evidence: 20) is sent: the 21st of 21 chosen was
          // uploaded, counted against the public's uploads an hour, and only then found one too many.
          const room = maxItems === undefined ? files.length : Math.max(0, maxItems - latest.current.length);
          const over = fill(t('filesOverLimit'), { limit: maxItems ?? 0 });
          void send(
            files.slice(0, room),
            (stored) => {
              if (latest.current.includes(stored)) return t('alreadyUploaded');
              latest.current = [...latest.current, stored];
              onChange(latest.current);
              return undefined;
            },
            files.slice(room).map((file) => ({ name: file.name, reason: over })),
          );
        }}
      />
      <UploadProgress uploads={uploads} announced={announced} />
      <Refusals refusals={refusals} />
    </Space>
  );
}
