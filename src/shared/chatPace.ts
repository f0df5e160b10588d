/**
 * How often a streamed chat answer moves, in one place so the comments and
 * the benchmark report can state it. The extension posts the model's text to
 * the webview in batches at most every `forwardIntervalMs`, so a batch is
 * never more than a frame old; the webview renders at most every
 * `renderIntervalMs` (about 30 times a second), because each render may
 * re-parse the unfinished tail and a reader sees no difference from 60 Hz.
 */
export const chatPace = {
  forwardIntervalMs: 16,
  renderIntervalMs: 33,
} as const;
