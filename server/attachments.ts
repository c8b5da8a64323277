import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_ID_PATTERN, EngineError, type Store } from '../engine/index.js';

const ATTACHMENTS = 'attachments';

export interface AttachmentMeta {
  id: string;
  name: string;
  type: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  /** Uploaded by the public (objection evidence): only national groups and admins may download it. */
  restricted?: boolean;
  /** Cases whose form data refers to it: whoever may see one of them may download it. */
  cases: string[];
}

/**
 * What may be uploaded, told by content (magic bytes), never by the name or the declared type:
 * documents and scans a creation plan, a report or written evidence comes as.
 */
const ALLOWED = new Map<string, string>([
  ['application/pdf', 'PDF'],
  ['image/png', 'PNG'],
  ['image/jpeg', 'JPEG'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCX'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'],
  ['application/vnd.ms-excel', 'XLS'],
  ['application/x-cfb', 'DOC/XLS'],
  ['application/zip', 'ZIP'],
]);

export const ALLOWED_TYPES_TEXT = [...new Set(ALLOWED.values())].join('、');

/** A file name safe to show and to send back in Content-Disposition. */
function cleanName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'attachment' : clean;
}

/**
 * Attachments stored by content address under `<dataDir>/attachments/<sha256>`: the same file
 * uploaded twice is stored once, and an id in form data names exactly one content.
 */
export class AttachmentStore {
  constructor(
    private readonly dataDir: string,
    private readonly store: Store,
    readonly maxBytes: number,
  ) {}

  #file(id: string): string {
    return join(this.dataDir, 'attachment-files', id);
  }

  async save(
    content: Buffer,
    name: string,
    uploadedBy: string,
    now: Date,
    restricted = false,
  ): Promise<AttachmentMeta> {
    if (content.length === 0) throw new EngineError('validation', '附件为空', { field: 'file' });
    if (content.length > this.maxBytes) {
      throw new EngineError('validation', `附件不能超过 ${Math.floor(this.maxBytes / 1024 / 1024)} MB`, {
        field: 'file',
      });
    }
    const detected = await fileTypeFromBuffer(content);
    if (detected === undefined || !ALLOWED.has(detected.mime)) {
      throw new EngineError('validation', `附件类型不支持：只接受 ${ALLOWED_TYPES_TEXT} 文件（按文件内容识别）`, {
        field: 'file',
        detected: detected?.mime ?? 'unknown',
      });
    }
    const id = createHash('sha256').update(content).digest('hex');
    const existing = await this.store.get<AttachmentMeta>(ATTACHMENTS, id);
    if (existing !== undefined) return existing;
    await mkdir(join(this.dataDir, 'attachment-files'), { recursive: true });
    const temporary = `${this.#file(id)}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, this.#file(id));
    const meta: AttachmentMeta = {
      id,
      name: cleanName(name),
      type: detected.mime,
      size: content.length,
      uploadedBy,
      uploadedAt: now.toISOString(),
      cases: [],
      ...(restricted && { restricted }),
    };
    await this.store.put(ATTACHMENTS, id, meta);
    return meta;
  }

  async meta(id: string): Promise<AttachmentMeta | undefined> {
    if (!ATTACHMENT_ID_PATTERN.test(id)) return undefined;
    return this.store.get<AttachmentMeta>(ATTACHMENTS, id);
  }

  async content(id: string): Promise<Buffer> {
    await stat(this.#file(id));
    return readFile(this.#file(id));
  }

  /** Links every known attachment id found in submitted data to the case. */
  async link(caseId: string, data: unknown): Promise<void> {
    for (const id of attachmentIds(data)) {
      const meta = await this.meta(id);
      if (meta !== undefined && !meta.cases.includes(caseId)) {
        await this.store.put(ATTACHMENTS, id, { ...meta, cases: [...meta.cases, caseId] });
      }
    }
  }
}

/** Strings shaped like attachment ids anywhere in form data. */
export function attachmentIds(data: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (ATTACHMENT_ID_PATTERN.test(value)) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) visit(item);
    }
  };
  visit(data);
  return found;
}
