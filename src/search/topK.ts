// The k best candidates without sorting all of them: a bounded min-heap, O(n log k).

/** Indices of the k largest scores among candidates, best first (ties: smaller index first). */
export function topK(candidates: ArrayLike<number>, count: number, scores: ArrayLike<number>, k: number): number[] {
  const heap: number[] = [];
  // a ranks below b when its score is lower, or equal with a later index.
  const below = (a: number, b: number): boolean => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && below(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && below(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  // Score of the weakest kept candidate once the heap is full: most candidates fail this test.
  let floor = -Infinity;
  for (let c = 0; c < count; c++) {
    const doc = candidates[c]!;
    if (scores[doc]! < floor) continue;
    if (heap.length < k) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!below(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
      if (heap.length === k) floor = scores[heap[0]!]!;
    } else if (k > 0 && below(heap[0]!, doc)) {
      heap[0] = doc;
      siftDown(0);
      floor = scores[heap[0]!]!;
    }
  }
  return heap.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
}
