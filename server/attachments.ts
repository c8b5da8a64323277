import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ATTACHMENT_ID_PATTERN, EngineError, type Store } from '../engine/index.js';
import { cleanName, contentType } from './attachment-types.js';
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
    const type = await contentType(content, name);
    const sha256 = createHash('sha256').update(content).digest('hex');
    await mkdir(join(this.dataDir, 'attachment-files'), { recursive: true });
    const temporary = `${this.#file(sha256)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, this.#file(sha256));
    const id = randomBytes(32).toString('hex');
    const meta: AttachmentMeta = {
      id,
      sha256,
      name: cleanName(name, type),
      type,
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
