import { readFileSync, statSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { programmeName } from '../engine/index.js';

/** The built page's title: the app's name, then what the page is (全国质量品牌提升示范区 · 工作台). */
const TITLE = /<title>([^<]*?) · ([^<]*)<\/title>/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (character) => ESCAPES[character] ?? character);

interface Built {
  modified: number;
  html: string;
  /** The page as titled for each name of the programmes in force, made once each. */
  titled: Map<string, string>;
}

/**
 * Serves the built index.html titled by the programme in force (programmeName, as the web app's header
 * names it: 全国质量品牌强县 · 工作台 on a county-brand server) and by what the page is, or by the latter
 * alone when several programmes run under different names. The built title, the first programme's,
 * stood until the app had started and titled the tab itself, and for good when its scripts failed.
 * The file is read once (again when a new build replaces it), and each title made once.
 */
export function indexPage(
  file: string,
  programmes: () => readonly { title: string; shortTitle?: string }[],
): RequestHandler {
  let built: Built | undefined;
  return (_request, response, next) => {
    let modified: number;
    try {
      modified = statSync(file).mtimeMs;
    } catch {
      next();
      return;
    }
    if (built?.modified !== modified) built = { modified, html: readFileSync(file, 'utf8'), titled: new Map() };
    const [, appName, page] = TITLE.exec(built.html) ?? [];
    let html = built.html;
    if (appName !== undefined && page !== undefined) {
      const names = new Set(programmes().map((programme) => programmeName(programme, appName)));
      const [name] = names;
      const title = names.size === 1 && name !== undefined ? `${name} · ${page}` : page;
      html = built.titled.get(title) ?? html.replace(TITLE, `<title>${escapeHtml(title)}</title>`);
      built.titled.set(title, html);
    }
    response.set('Cache-Control', 'no-cache').type('html').send(html);
  };
}
