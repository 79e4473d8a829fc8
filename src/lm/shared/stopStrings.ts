/** Where the earliest stop string starts in `text`, searching from `from` (or -1 when none occurs). */
export function findStop(text: string, stops: readonly string[], from = 0): number {
  let earliest = -1;
  for (const stop of stops) {
    if (stop.length === 0) continue;
    const at = text.indexOf(stop, Math.max(0, from));
    if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
  }
  return earliest;
}

/** Longest stop string: a new token can only complete a stop that starts this far back. */
export function longestStop(stops: readonly string[]): number {
  return stops.reduce((max, s) => Math.max(max, s.length), 0);
}
