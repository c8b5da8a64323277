import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueQueue, type DueEntry } from '../../engine/cases/due-queue.js';

describe('the due queue of a timer wave', () => {
  it('gives back every case earliest due first, ties by case id, whatever the order they came in', () => {
    const entry = fc.record({
      caseId: fc.constantFrom('c_a', 'c_b', 'c_c', 'c_d'),
      fireAt: fc.constantFrom('2025-04-01T16:00:00.000Z', '2025-04-02T16:00:00.000Z', '2025-05-01T16:00:00.000Z'),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const queue = new DueQueue();
        for (const one of entries) queue.push(one);
        const out: DueEntry[] = [];
        for (let next = queue.pop(); next !== undefined; next = queue.pop()) out.push(next);
        const sorted = [...entries].sort(
          (a, b) => a.fireAt.localeCompare(b.fireAt) || a.caseId.localeCompare(b.caseId),
        );
        expect(out).toEqual(sorted);
        expect(queue.size).toBe(0);
      }),
    );
  });
});
