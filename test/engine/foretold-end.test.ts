import { describe, expect, it } from 'vitest';
import { ForetoldEnds, type ForetellInput, type ForetoldEnd } from '../../engine/cases/foretold-end.js';

/**
 * A case's view tells its foretold end (an Art. 27 ban read from the subject's earlier cases) on every
 * read, and feelin evaluates `some h in case.history …` at about a millisecond an earlier case: the
 * attacker's walk gave a park four hundred withdrawn cases and polled its new one, and each read cost
 * the server's one thread 140 ms. What was told is kept while the case, its earlier cases and the day
 * stay as they were.
 */
describe('the foretold ends kept between reads', () => {
  const told: ForetoldEnd = { taskId: 'submit', status: 'ineligible', earlier: [] };
  const input = (revision: number, earlier: [string, number][], today = '2026-06-01', id = 'c1') =>
    ({
      version: { key: 'programme@2024-03-14' },
      record: { id, revision },
      earlier: earlier.map(([other, at]) => ({ id: other, revision: at })),
      today,
    }) as unknown as ForetellInput;
  const counting = () => {
    const asked: string[] = [];
    const ends = new ForetoldEnds((given) => {
      asked.push(given.record.id);
      return told;
    }, 2);
    return { ends, asked };
  };

  it('evaluates a case read again unchanged once', () => {
    const { ends, asked } = counting();
    for (let read = 0; read < 100; read += 1) expect(ends.of(input(3, [['c0', 7]]))).toBe(told);
    expect(asked).toEqual(['c1']);
  });

  it('evaluates again when the case, an earlier case or the day has changed', () => {
    const { ends, asked } = counting();
    ends.of(input(3, [['c0', 7]]));
    ends.of(input(4, [['c0', 7]]));
    ends.of(input(4, [['c0', 8]]));
    ends.of(
      input(4, [
        ['c0', 8],
        ['c2', 1],
      ]),
    );
    ends.of(
      input(
        4,
        [
          ['c0', 8],
          ['c2', 1],
        ],
        '2026-06-02',
      ),
    );
    ends.of(
      input(
        4,
        [
          ['c0', 8],
          ['c2', 1],
        ],
        '2026-06-02',
      ),
    );
    expect(asked).toHaveLength(5);
  });

  it('keeps the cases read last, at most as many as it was given', () => {
    const { ends, asked } = counting();
    for (const id of ['a', 'b', 'a', 'c', 'a', 'b']) ends.of(input(1, [], '2026-06-01', id));
    expect(asked).toEqual(['a', 'b', 'c', 'b']);
  });
});
