/**
 * A .bpmn file's text, read in the encoding its XML declaration names: `File.text()` reads UTF-8
 * only, so a diagram another tool saved as `encoding="GBK"` (or GB18030, ISO-8859-1…) opened with
 * every Chinese name turned to �, and bpmn-js said only, in English, “unsupported document encoding
 * <GBK>, falling back to UTF-8”. Decoded here, the text is Unicode, and its declaration says UTF-8 —
 * what the draft saves and the export writes. An encoding the browser does not know is left to UTF-8
 * and to that warning (said in Chinese by import-warnings.tsx).
 */

const DECLARATION = /^(\uFEFF?<\?xml[^>]*?\bencoding\s*=\s*)(["'])([A-Za-z][\w.:-]*)\2/;

/** The encoding the XML declaration at the start of these bytes names, if any. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every encoding a diagram is saved in: its first bytes read as Latin-1.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return DECLARATION.exec(head)?.[3];
}

/** The text of a diagram file's bytes, in its declared encoding; UTF-8 when it names none or one unknown. */
export function diagramText(bytes: Uint8Array): string {
  const declared = declaredEncoding(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
  const text = decoder.decode(bytes);
  if (decoder.encoding === 'utf-8') return text;
  return text.replace(DECLARATION, '$1$2UTF-8$2');
}

/** A file chosen for 导入 .bpmn, as text. */
export async function readDiagramFile(file: File): Promise<string> {
  return diagramText(new Uint8Array(await file.arrayBuffer()));
}
