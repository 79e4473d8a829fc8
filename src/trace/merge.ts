/** Merges overlapping spans into highlights that keep their nested spans (left, right exclusive). */
export function mergeOverlapping<T extends { left: number; right: number }>(spans: T[]): { left: number; right: number; nested: T[] }[] {
  const sorted = [...spans].sort((a, b) => a.left - b.left || a.right - a.left - (b.right - b.left));
  const merged: { left: number; right: number; nested: T[] }[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    // Absorb a span whose left or right end falls inside the current highlight.
    if (last && ((span.left >= last.left && span.left < last.right) || (span.right > last.left && span.right <= last.right))) {
      last.nested.push(span);
      last.left = Math.min(last.left, span.left);
      last.right = Math.max(last.right, span.right);
    } else {
      merged.push({ left: span.left, right: span.right, nested: [span] });
    }
  }
  return merged;
}
