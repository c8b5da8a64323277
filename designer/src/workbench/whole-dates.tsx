/** A date, with its time when it has one: 2024-04-30 or 2024-04-30 09:00. */
const DATE = /(\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)/;

/**
 * A text whose dates are never split over two lines: on a phone a line broke at a date's hyphen
 * (截止 2024-04-29 · 2024- / 04-30 09:00), as if it were two.
 */
export function WholeDates({ text }: { text: string }) {
  return (
    <>
      {text.split(DATE).map((part, index) =>
        // split with a capturing group: the dates are the odd parts.
        index % 2 === 1 ? <Unbroken key={index}>{part}</Unbroken> : part,
      )}
    </>
  );
}

/**
 * A short code or time kept on one line (C-002, a case's id): beside a long text in a table's
 * columns (the case page's header) it was broken a character or two a line, C / -0 / 02.
 */
export function Unbroken({ children }: { children: string }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
}
