/** One edit a reviewer decides on: a span of the original and what the proposal puts there. */
export interface ProseChange {
  /** Stable within one review: `c1`, `c2`, … in document order. */
  id: string;
  /** Offsets of the replaced span in the original text; equal for a pure insertion. */
  start: number;
  end: number;
  original: string;
  proposed: string;
}

/**
 * The original with exactly the accepted changes applied. Changes are in
 * document order and never overlap, so each one is independent of the rest.
 */
export function applyChanges(original: string, changes: readonly ProseChange[], accepted: (change: ProseChange) => boolean): string {
  const parts: string[] = [];
  let at = 0;
  for (const change of changes) {
    parts.push(original.slice(at, change.start), accepted(change) ? change.proposed : change.original);
    at = change.end;
  }
  parts.push(original.slice(at));
  return parts.join('');
}
