import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_ID_PATTERN, EngineError, stripUnsafeText, type Store } from '../engine/index.js';
import { looksWhole } from './file-integrity.js';
import { sizeText } from './http-errors.js';

const ATTACHMENTS = 'attachments';

export interface AttachmentMeta {
  /** One upload: random, so knowing a file's content tells no one its id. */
  id: string;
  /** The content's SHA-256: identical uploads share the bytes (one file), never the record. Absent on
   * records from before, whose id was the content hash. */
  sha256?: string;
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

/** The accepted types as people name them, each once (`DOC/XLS` is how old Office files are detected). */
export const ALLOWED_TYPES_TEXT = [...new Set([...ALLOWED.values()].flatMap((name) => name.split('/')))].join('、');

/** Extensions a detected type may be named with (the first is given when the name has none of them). */
const EXTENSIONS = new Map<string, string[]>([
  ['application/pdf', ['pdf']],
  ['image/png', ['png']],
  ['image/jpeg', ['jpg', 'jpeg']],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', ['docx']],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ['xlsx']],
  ['application/vnd.ms-excel', ['xls']],
  ['application/x-cfb', ['doc', 'xls']],
  ['application/zip', ['zip']],
]);

/** The name as sent, without path parts, control or bidi characters, or characters no file name has. */
function shownName(name: string): string {
  const base = stripUnsafeText(name.replace(/\\/g, '/').split('/').pop() ?? '');
  const clean = base.replace(/["<>|:*?]/g, '').trim();
  return clean === '' || clean === '.' || clean === '..' ? 'attachment' : clean;
}

/** Whether a file's name says it is of a type accepted here (`.pdf`, `.docx`, …). */
function namedAccepted(name: string): boolean {
  const extension = /\.([^.]+)$/.exec(shownName(name))?.[1]?.toLowerCase();
  return extension !== undefined && [...EXTENSIONS.values()].some((names) => names.includes(extension));
}

/**
 * Refused as damaged: a file whose content is cut off, or one named as an accepted type whose content
 * is no accepted type (a PDF whose first bytes were lost reads as nothing at all). Said apart from an
 * unsupported type, so the sender exports the file again instead of converting it.
 */
function damaged(name: string): EngineError {
  return new EngineError('validation', `文件「${shownName(name)}」已损坏或不完整，请重新导出后上传`, {
    field: 'file',
    reason: 'damaged',
  });
}

/**
 * A file name safe to show and to send back in Content-Disposition: no path, no control or bidi
 * characters (`\u202Efdp.exe` would show as `exe.pdf`), and an extension that says what the content is
 * (a PDF named `.html` becomes `.html.pdf`).
 */
export function cleanName(name: string, type: string): string {
  const clean = shownName(name);
  const allowed = EXTENSIONS.get(type) ?? [];
  const given = /\.[^.]+$/.exec(clean)?.[0];
  const fits = given !== undefined && allowed.includes(given.slice(1).toLowerCase());
  const suffix = fits ? given : `.${allowed[0] ?? 'bin'}`;
  const stem = fits ? clean.slice(0, -suffix.length) : clean;
  // Cut to 200 UTF-16 units without leaving half a surrogate pair.
  return stem.slice(0, 200 - suffix.length).replace(/[\ud800-\udbff]$/, '') + suffix;
}

/**
 * Attachments: one record per upload (its uploader, name, time and cases), the bytes stored by content
 * address under `<dataDir>/attachment-files/<sha256>`, so the same file uploaded twice is stored once.
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
      throw new EngineError('validation', `附件不能超过 ${sizeText(this.maxBytes)}`, { field: 'file' });
    }
    const detected = await fileTypeFromBuffer(content);
    if (detected === undefined || !ALLOWED.has(detected.mime)) {
      if (namedAccepted(name)) throw damaged(name);
      throw new EngineError('validation', `附件类型不支持：只接受 ${ALLOWED_TYPES_TEXT} 文件（按文件内容识别）`, {
        field: 'file',
        reason: 'unsupported',
        detected: detected?.mime ?? 'unknown',
      });
    }
    if (!looksWhole(content, detected.mime)) throw damaged(name);
    const sha256 = createHash('sha256').update(content).digest('hex');
    await mkdir(join(this.dataDir, 'attachment-files'), { recursive: true });
    const temporary = `${this.#file(sha256)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, this.#file(sha256));
    const id = randomBytes(32).toString('hex');
    const meta: AttachmentMeta = {
      id,
      sha256,
      name: cleanName(name, detected.mime),
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

  async content(meta: AttachmentMeta): Promise<Buffer> {
    const file = this.#file(meta.sha256 ?? meta.id);
    await stat(file);
    return readFile(file);
  }

  /**
   * Links every known attachment id found in submitted data to the case; `restricted` when it came with
   * a message from the public (evidence with an objection: the redaction policy's readers only — fresh
   * uploads only, referenceCheck refuses a file already on a case).
   */
  async link(caseId: string, data: unknown, restricted = false): Promise<void> {
    for (const id of attachmentIds(data)) {
      const meta = await this.meta(id);
      if (meta === undefined || (meta.cases.includes(caseId) && (meta.restricted === true || !restricted))) continue;
      const cases = meta.cases.includes(caseId) ? meta.cases : [...meta.cases, caseId];
      await this.store.put(ATTACHMENTS, id, { ...meta, cases, ...(restricted && { restricted }) });
    }
  }
}

/** Strings shaped like attachment ids anywhere in form data, with the JSON Pointer of each. */
export function attachmentRefs(data: unknown): { id: string; path: string }[] {
  const found: { id: string; path: string }[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (ATTACHMENT_ID_PATTERN.test(value)) found.push({ id: value, path });
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, `${path}/${index}`);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value))
        visit(item, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  };
  visit(data, '');
  return found;
}

/** Strings shaped like attachment ids anywhere in form data. */
export function attachmentIds(data: unknown): Set<string> {
  return new Set(attachmentRefs(data).map((ref) => ref.id));
}
