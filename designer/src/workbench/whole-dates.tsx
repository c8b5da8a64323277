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
        index % 2 === 1 ? (
          <span key={index} style={{ whiteSpace: 'nowrap' }}>
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
