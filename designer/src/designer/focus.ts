/** Where a problem or a difference points: a version file and an element or JSON Pointer in it. */
export interface FileFocus {
  file: string;
  element?: string;
  pointer?: string;
  /** A new number per request, so that the same place can be shown twice. */
  seq: number;
}

/** JSON Pointer reference tokens (RFC 6901). */
export function pointerTokens(pointer: string | undefined): string[] {
  if (pointer === undefined || pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The first pointer token when the focus is on `file` (a rule name, a top-level key). */
export function focusedRow(focus: FileFocus | undefined, file: string): string | undefined {
  return focus?.file === file ? pointerTokens(focus.pointer)[0] : undefined;
}

const VERSION_FILE = /(manifest\.json|process\.bpmn|rules\.json|indicators\.json|forms\/[^/]+\.schema\.json)$/;

/** A problem's file (relative to the definitions root) as a path inside the version. */
export function versionFileOf(file: string): string {
  return VERSION_FILE.exec(file)?.[1] ?? file;
}
