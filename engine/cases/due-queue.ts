/** One case's earliest armed timer, as a due queue holds it. */
export interface DueEntry {
  caseId: string;
  fireAt: string;
}

/**
 * The cases with a timer due, earliest first (a binary heap on the timer's due instant, ties by case
 * id so that the order does not depend on how the cases were read). A wave of 10,000 overdue timers
 * takes each next one in O(log n), where scanning every case for the earliest timer made the wave
 * quadratic (docs/benchmarks.md, "Waking up").
 */
export class DueQueue {
  readonly #heap: DueEntry[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(entry: DueEntry): void {
    const heap = this.#heap;
    heap.push(entry);
    let child = heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!earlier(heap[child], heap[parent])) break;
      swap(heap, child, parent);
      child = parent;
    }
  }

  /** Takes out the earliest entry (undefined when empty). */
  pop(): DueEntry | undefined {
    const heap = this.#heap;
    const first = heap[0];
    const last = heap.pop();
    if (first === undefined || last === undefined || heap.length === 0) return first;
    heap[0] = last;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < heap.length && earlier(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && earlier(heap[right], heap[smallest])) smallest = right;
      if (smallest === parent) return first;
      swap(heap, parent, smallest);
      parent = smallest;
    }
  }
}

function earlier(a: DueEntry | undefined, b: DueEntry | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a.fireAt < b.fireAt || (a.fireAt === b.fireAt && a.caseId < b.caseId);
}

function swap(heap: DueEntry[], i: number, j: number): void {
  const a = heap[i];
  const b = heap[j];
  if (a === undefined || b === undefined) return;
  heap[i] = b;
  heap[j] = a;
}
