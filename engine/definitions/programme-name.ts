import { excerptOf } from '../cases/excerpt.js';

/** The longest name a programme is given from its title, in characters (a header is one line). */
const NAME_MAX = 24;

/**
 * What the web app calls a programme (its header, its tab): its manifest's `shortTitle`, or without
 * one its title — the whole of `appName` when the title holds it (the first programme's, named by the
 * app itself: its manifest, in force, declares no shortTitle and cannot be given one), else the title
 * without a closing parenthesis (（设区的市初审）), cut short with … beyond NAME_MAX characters.
 * The web app and the server (the title of the page it serves) name it alike.
 */
export function programmeName(programme: { title: string; shortTitle?: string }, appName: string): string {
  if (programme.shortTitle !== undefined) return programme.shortTitle;
  if (programme.title.includes(appName)) return appName;
  // Trimmed first, not by `\s*` before the gloss: tried from each space of a run, that was quadratic.
  const plain = programme.title.trim().replace(/[（(][^（()）]*[）)]$/u, '').trim();
  return excerptOf(plain === '' ? programme.title : plain, NAME_MAX);
}
