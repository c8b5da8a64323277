import { api, fetchFile } from '../api/client.js';

/** What the browser knows about an uploaded file: the server answers only with its id in form data. */
export interface AttachmentInfo {
  id: string;
  name: string;
  size?: number;
}

const known = new Map<string, AttachmentInfo>();
/** Look-ups of files someone else uploaded, asked of the server once each. */
const asked = new Map<string, Promise<AttachmentInfo | undefined>>();
/**
 * Also kept in the tab (sessionStorage, gone when it closes): a form's unsent work restored after a
 * reload names the files uploaded for it — the public's evidence too, whose names no one else may
 * look up.
 */
const TAB_KEY = 'qbz.attachment.';

/** Remembers a file uploaded in this session so forms show its name instead of its hash. */
export function rememberAttachment(info: AttachmentInfo): void {
  known.set(info.id, info);
  try {
    sessionStorage.setItem(`${TAB_KEY}${info.id}`, JSON.stringify(info));
  } catch {
    // A full storage: the name is known until the page is left, as before.
  }
}

/**
 * Forgets the names of the files uploaded in this tab (an explicit logout, with the user's unsent work
 * they were kept for): the next person at the computer does not read them, in storage or on a page.
 * Those `kept` says are still cited (by the public's objection, kept signed in or not) stay.
 */
export function forgetAttachments(kept: (id: string) => boolean = () => false): void {
  for (const id of known.keys()) if (!kept(id)) known.delete(id);
  for (const id of asked.keys()) if (!kept(id)) asked.delete(id);
  try {
    for (let index = sessionStorage.length - 1; index >= 0; index--) {
      const key = sessionStorage.key(index);
      if (key?.startsWith(TAB_KEY) === true && !kept(key.slice(TAB_KEY.length))) sessionStorage.removeItem(key);
    }
  } catch {
    // No storage: nothing was kept there.
  }
}

export function attachmentInfo(id: string): AttachmentInfo | undefined {
  const info = known.get(id);
  if (info !== undefined) return info;
  try {
    const kept = JSON.parse(sessionStorage.getItem(`${TAB_KEY}${id}`) ?? 'null') as AttachmentInfo | null;
    if (kept?.id === id && typeof kept.name === 'string') {
      known.set(id, kept);
      return kept;
    }
  } catch {
    // Unreadable: asked of the server, where the reader may.
  }
  return undefined;
}

/**
 * Whether a file in a form is an example's: in a preview (the designer's, filled with the form's
 * example) an id is a placeholder, not a stored file — asking its details failed for each and it read
 * 附件 a87b2530… — unless this browser uploaded it there.
 */
export function exampleFile(id: string, preview: boolean): boolean {
  return preview && attachmentInfo(id) === undefined;
}

export function shortId(id: string): string {
  return `${id.slice(0, 8)}…`;
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The name in `Content-Disposition: attachment; filename*=UTF-8''…`. */
function fileNameOf(disposition: string | null): string | undefined {
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (match?.[1] === undefined) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/**
 * Downloads an attachment with the session's token (a plain link would carry none) and hands it to
 * the browser as a file. Throws an ApiError (the server's refusal, or no answer) in the page's language.
 */
export async function downloadAttachment(id: string): Promise<void> {
  const response = await fetchFile(`/api/attachments/${encodeURIComponent(id)}`);
  const name = fileNameOf(response.headers.get('content-disposition')) ?? attachmentInfo(id)?.name ?? id;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/** The name and size of a stored file someone else uploaded; undefined when it may not be seen. */
export function lookUpAttachment(id: string): Promise<AttachmentInfo | undefined> {
  const known = attachmentInfo(id);
  if (known !== undefined) return Promise.resolve(known);
  let pending = asked.get(id);
  if (pending === undefined) {
    pending = api<{ id: string; name: string; size: number }>(
      'GET',
      `/api/attachments/${encodeURIComponent(id)}/meta`,
    ).then(
      (meta) => {
        const info = { id, name: meta.name, ...(meta.size > 0 && { size: meta.size }) };
        rememberAttachment(info);
        return info;
      },
      () => undefined,
    );
    asked.set(id, pending);
  }
  return pending;
}

/** The server's size limit, in bytes and as it reads in a refusal (`20 MB`), and the types it accepts. */
export interface UploadLimit {
  maxBytes: number;
  maxSize: string;
  /** As people name them (PDF, DOCX…); absent from a server that does not say. */
  types?: string[];
}

let limit: Promise<UploadLimit | undefined> | undefined;

/**
 * The server's upload size limit (GET /api/attachments/limits), asked once per page: a file above it is
 * refused before it is sent. Undefined when the server did not say (the server still refuses it).
 */
export function uploadLimit(): Promise<UploadLimit | undefined> {
  limit ??= api<UploadLimit>('GET', '/api/attachments/limits').catch(() => {
    limit = undefined;
    return undefined;
  });
  return limit;
}

/** What the server accepts (told by content; the picker only narrows the choice). */
export const ACCEPTED_FILES = '.pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.zip';
