/**
 * A .bpmn file's text, read in the encoding its bytes say: `File.text()` reads UTF-8 only, so a
 * diagram another tool saved as `encoding="GBK"` (or GB18030, ISO-8859-1…) opened with every Chinese
 * name turned to �, and bpmn-js said only, in English, “unsupported document encoding <GBK>,
 * falling back to UTF-8”. Decoded here, the text is Unicode, and its declaration says UTF-8 — what
 * the draft saves and the export writes. As XML 1.0 (Appendix F) reads a document: a byte order mark
 * wins over the declaration (a UTF-16 file, as Windows' “Unicode” saves it, read as UTF-8 was
 * nothing but NULs between letters and refused as unreadable), UTF-16 without one shows in its first
 * bytes (`<` `?` as two-byte units), and otherwise the declaration names the encoding — unless it
 * names UTF-16, which a declaration readable as ASCII cannot be (such a file is read as UTF-8; read
 * as UTF-16 it was one line of CJK nonsense). An encoding the browser does not know, or one that is
 * no text encoding (`x-user-defined`), is left to UTF-8 and to that warning (said in Chinese by
 * import-warnings.tsx).
 */

const DECLARATION = /^(\uFEFF?<\?xml[^>]*?\bencoding\s*=\s*)(["'])([A-Za-z][\w.:-]*)\2/;

/** The encoding the XML declaration at the start of these bytes names, if any. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every encoding a diagram is saved in: its first bytes read as Latin-1.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return DECLARATION.exec(head)?.[3];
}

/** The encoding the first bytes show whatever the declaration says: a byte order mark, or UTF-16's `<?`. */
function sniffedEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00)) return 'utf-16le';
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f)) return 'utf-16be';
  return undefined;
}

/** The decoder for the file's declared encoding; undefined when the browser knows none by that name. */
function declaredDecoder(declared: string | undefined): TextDecoder | undefined {
  try {
    const decoder = new TextDecoder(declared ?? 'utf-8');
    // Not an encoding of this text: UTF-16 declared in ASCII, or bytes mapped one by one to private use.
    return decoder.encoding.startsWith('utf-16') ? new TextDecoder('utf-8') : decoder;
  } catch {
    return undefined;
  }
}

/** The text of a diagram file's bytes, in its encoding; UTF-8 when it names none or one unknown. */
export function diagramText(bytes: Uint8Array): string {
  const sniffed = sniffedEncoding(bytes);
  const decoder = sniffed === undefined ? declaredDecoder(declaredEncoding(bytes)) : new TextDecoder(sniffed);
  if (decoder === undefined || decoder.encoding === 'x-user-defined') return new TextDecoder('utf-8').decode(bytes);
  // The byte order mark, if any, is taken off by the decoder (ignoreBOM false).
  const text = decoder.decode(bytes);
  const declared = DECLARATION.exec(text)?.[3];
  const saysSo = decoder.encoding === 'utf-8' && (declared === undefined || /^utf-?8$/i.test(declared));
  return saysSo ? text : text.replace(DECLARATION, '$1$2UTF-8$2');
}

/** A file chosen for 导入 .bpmn, as text. */
export async function readDiagramFile(file: File): Promise<string> {
  return diagramText(new Uint8Array(await file.arrayBuffer()));
}
