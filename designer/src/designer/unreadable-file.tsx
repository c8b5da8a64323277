import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { jsonPlace, type ReadPlace } from '../../../engine/definitions/json-place.js';
import { headingWhenLost, whenLost } from '../focus-return.js';
import { designerApi } from './designer-api.js';
import { useDesignerI18n, type DesignerText } from './designer-i18n.js';
import { FILES, formKeyOf, jsonText, type Workspace } from './workspace.js';

/** Why a file cannot be read: where its reader stopped, or — where it names no place — its own words. */
export type ReadRefusal = { place: ReadPlace } | { reason: string };

/** Where a reader stopped in a file, in the page's language: also the words of the server's refusal. */
export function readPlaceText(d: DesignerText, { line, column, end }: ReadPlace): string {
  return d(end ? 'readEndsAt' : 'readStopsAt', { line, column });
}

/**
 * Why a draft's file cannot be read at all (JSON that does not parse, a diagram that is not XML),
 * without quoting the file; undefined when it reads. The server refuses to save such a file, but a
 * draft saved before it did may hold one.
 */
export function unreadableReason(path: string, text: string | undefined): ReadRefusal | undefined {
  if (text === undefined) return undefined;
  if (path.endsWith('.json')) {
    const place = jsonPlace(text);
    return place === undefined ? undefined : { place };
  }
  if (!path.endsWith('.bpmn')) return undefined;
  // The server reads a diagram with moddle (engine/definitions/readable.ts), asynchronous and heavy in
  // the browser: here the browser's XML parser, which refuses the same truncated or broken text.
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.querySelector('parsererror')?.textContent;
  if (error !== undefined) {
    // Chrome: "…error on line 71 at column 24: Unexpected end of stream: …" (libxml: Premature end).
    const found = /error on line (\d+) at column (\d+): (Premature end|Unexpected end)?/.exec(error);
    if (found === null) return { reason: 'not XML' };
    return { place: { line: Number(found[1]), column: Number(found[2]), end: found[3] !== undefined } };
  }
  return doc.documentElement.localName === 'definitions'
    ? undefined
    : { reason: 'not a BPMN document (<definitions>)' };
}

/** The base version's text of a draft file (a form as the designer writes JSON). */
async function baseText(process: string, base: string, path: string): Promise<string> {
  if (path === FILES.process) return designerApi.processXml(process, base);
  const form = formKeyOf(path);
  if (form !== undefined) return jsonText(await designerApi.form(process, base, form));
  const version = await designerApi.version(process, base);
  const key = ({ [FILES.manifest]: 'manifest', [FILES.rules]: 'rules', [FILES.indicators]: 'indicators' } as const)[
    path
  ];
  if (key === undefined) throw new Error(path);
  return jsonText(version[key]);
}

/**
 * Where the keyboard goes once the message, and its button, give way to the file's editor: the tab
 * whose panel it stood in (the editor is next in that tab's order), else — the manifest's, above the
 * tabs — the page's heading. Left alone it fell to the page, and a keyboard user started again from
 * its top.
 */
function focusAfterRestore(button: HTMLElement): void {
  const panel = button.closest('[role="tabpanel"]');
  const tabId = panel?.getAttribute('aria-labelledby');
  const tab = tabId === null || tabId === undefined ? null : document.getElementById(tabId);
  if (tab === null) headingWhenLost();
  else
    whenLost(() => {
      tab.focus();
    });
}

/**
 * A draft file that cannot be read, said where its editor would be: which file, why, and
 * 恢复为基础版本 — the base version's file put back as an unsaved edit (the officer saves it, or
 * leaves it), so that its tab works again.
 */
export function UnreadableFile({
  workspace,
  path,
  reason,
  shape = false,
}: {
  workspace: Workspace;
  path: string;
  reason: ReadRefusal;
  /** It reads, but is not what its kind must be (`[]` for the rules' object): not shown either. */
  shape?: boolean;
}) {
  const { d } = useDesignerI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const draft = workspace.draft;
  const why = 'place' in reason ? readPlaceText(d, reason.place) : reason.reason;
  const restore = async (button: HTMLElement) => {
    if (draft === undefined) return;
    setBusy(true);
    try {
      const text = await baseText(workspace.process, draft.baseVersion, path);
      focusAfterRestore(button);
      workspace.edit(path, text);
    } catch (error) {
      void message.error(d('restoreFailed', { file: path, message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      type="error"
      showIcon
      data-testid="unreadable-file"
      data-file={path}
      title={d(shape ? 'unusableShape' : path.endsWith('.bpmn') ? 'unreadableDiagram' : 'unreadableJson', {
        file: path,
      })}
      description={d('unreadableWhy', { reason: why, version: draft?.baseVersion ?? '' })}
      action={
        draft !== undefined &&
        !workspace.readOnly && (
          <Button loading={busy} onClick={(event) => void restore(event.currentTarget)}>
            {d('restoreBase')}
          </Button>
        )
      }
    />
  );
}
