import { fileTypeFromBuffer } from 'file-type';
import { EngineError, isBlankText, stripUnsafeText } from '../engine/index.js';
import { looksWhole } from './file-integrity.js';
import { SAY } from './messages.js';

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
export const ALLOWED_TYPE_NAMES = [...new Set([...ALLOWED.values()].flatMap((name) => name.split('/')))];

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
export function shownName(name: string): string {
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
  return new EngineError('validation', SAY.fileDamaged(shownName(name)), {
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
  const named = fits ? clean.slice(0, -suffix.length) : clean;
  // A stem that shows nothing (zero-width characters, spaces) is no name: a reviewer saw “.pdf”.
  const stem = isBlankText(named) ? 'attachment' : named;
  // Cut to 200 UTF-16 units without leaving half a surrogate pair.
  return stem.slice(0, 200 - suffix.length).replace(/[\ud800-\udbff]$/, '') + suffix;
}

/**
 * The type of an upload, told by its content, or the refusal at the field: empty and too large are the
 * caller's to say; here, a type not accepted, and a file damaged or incomplete (see `damaged`).
 */
export async function contentType(content: Buffer, name: string): Promise<string> {
  const detected = await fileTypeFromBuffer(content);
  if (detected === undefined || !ALLOWED.has(detected.mime)) {
    if (namedAccepted(name)) throw damaged(name);
    throw new EngineError('validation', SAY.fileType(ALLOWED_TYPE_NAMES), {
      field: 'file',
      reason: 'unsupported',
      detected: detected?.mime ?? 'unknown',
    });
  }
  if (!looksWhole(content, detected.mime)) throw damaged(name);
  return detected.mime;
}
