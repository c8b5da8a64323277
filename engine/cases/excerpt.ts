/** How many characters of the sent text an inbox shows (enough to tell two messages apart). */
export const EXCERPT_LENGTH = 24;

const GRAPHEMES = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** A text's opening words on one line, shortened with an ellipsis. */
export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = Array.from(GRAPHEMES.segment(line), (part) => part.segment);
  return characters.length <= length ? line : `${characters.slice(0, length).join('')}…`;
}
