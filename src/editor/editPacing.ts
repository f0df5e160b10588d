/** One animation frame at 60 Hz, rounded up: an edit starts at least this long after the previous one landed. */
export const frameMs = 17;

/**
 * How long streamed text may take to reach the document, waiting for its
 * edit and the edit's round trip together. Every edit costs the extension
 * host about the same whatever its size (the messages to and from the
 * editor, every listener of document changes), so text waits for company as
 * long as this allows. Below the 50 ms a reader notices, with room for a busy
 * event loop.
 */
export const latencyTargetMs = 40;

/**
 * When the next edit of a streamed insertion may start: as few edits as the
 * latency target allows, and never two landing in one frame. Times are in
 * milliseconds on one monotonic clock. No `vscode` here, so the rules can be
 * tested in plain Node.
 */
export class EditPacer {
  private lastStart: number | undefined;
  private lastLanded: number | undefined;
  /** Recent edit round trips, high water mark: it rises at once and sinks slowly, so one quick edit does not stretch the interval. */
  private roundTripMs = frameMs;

  /** How far apart edits start while text keeps coming: what the latency target leaves after an edit's round trip. */
  get intervalMs(): number {
    return Math.min(latencyTargetMs, Math.max(frameMs, latencyTargetMs - this.roundTripMs));
  }

  /**
   * When the edit that writes text queued since `pendingSince` may start.
   * The first edit goes at once; text that finds the last edit long past goes
   * at once too.
   */
  dueAt(pendingSince: number): number {
    if (this.lastStart === undefined) return pendingSince;
    return Math.max(pendingSince, this.lastStart + this.intervalMs, this.landingGapEnd());
  }

  /** When an edit may start regardless of the interval (the last text of a stream): a frame after the previous landing. */
  landingGapEnd(): number {
    return this.lastLanded === undefined ? -Infinity : this.lastLanded + frameMs;
  }

  started(at: number): void {
    this.lastStart = at;
  }

  landed(at: number): void {
    const roundTrip = at - (this.lastStart ?? at);
    this.roundTripMs = roundTrip > this.roundTripMs ? roundTrip : this.roundTripMs + (roundTrip - this.roundTripMs) / 8;
    this.lastLanded = at;
  }

  /** The document refused the edit: the retry waits a frame, and the refusal says nothing about the round trip. */
  refused(at: number): void {
    this.lastLanded = at;
  }
}
