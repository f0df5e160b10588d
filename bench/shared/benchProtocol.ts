/**
 * What the bench driver (plain Node, owns the local server and the browser)
 * asks the bench module inside VS Code's extension host to do, and what comes
 * back. One JSON POST per operation over loopback HTTP; the module writes its
 * port to the file named by {@link rpcFileVariable}. No `vscode` import here:
 * both sides load this file.
 */

/** Environment variable naming the file where the bench module writes `{ port }`. */
export const rpcFileVariable = 'INKWELL_BENCH_RPC_FILE';

/** The extension's id (publisher.name in package.json). */
export const extensionId = 'inkwell-writing.inkwell';

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Activation of a not-yet-active Inkwell, measured in the extension host. */
export interface ActivationFigures {
  /** True if something had activated Inkwell before the measurement (then the other figures are NaN). */
  wasActive: boolean;
  /** `require()` of dist/extension.js: what VS Code does before calling activate(). */
  loadMs: number;
  /** From the call of `activate()` to its return. */
  activateMs: number;
  /** From running `inkwell.cancel` on the cold extension (bundle not loaded) until the command has run. */
  firstCommandMs: number;
}

export interface MemoryFigures {
  heapUsedBytes: number;
  rssBytes: number;
}

/** The answer text seen in a document at one moment. */
export interface DocumentSample {
  /** {@link epochNow} when the extension host saw the change. */
  at: number;
  /** Characters of the answer in the document after the change. */
  chars: number;
}

/**
 * The four ways of consuming one stream that item 2 compares, and `idle`:
 * no stream at all, the extension host's background CPU over `idleMs`.
 */
export type StreamPath = 'idle' | 'sdk' | 'service' | 'editor' | 'review';

export interface StreamArgs {
  path: StreamPath;
  baseUrl: string;
  model: string;
  /** For `idle`: how long to measure. */
  idleMs?: number;
}

export interface StreamFigures {
  wallMs: number;
  /** User plus system CPU of the extension host process over the run. */
  cpuMs: number;
  /** Answer characters received (sdk, service) or written (editor, review). */
  chars: number;
  /** The answer's growth as each path sees it: received (sdk, service) or in the document (editor; review: its proposal side). */
  samples: DocumentSample[];
  status: string;
}

/** Item 6: Inkwell's streaming insertion, or the naive way (one awaited edit per chunk). */
export type ApplyWay = 'inkwell' | 'naive';

export interface EditorApplyArgs {
  way: ApplyWay;
  documentLines: number;
  /** The answer's length, to check the document ends up holding all of it. */
  answerChars: number;
  baseUrl: string;
  model: string;
  /** Stop counting undo steps here (the naive way has one per edit). */
  undoCap: number;
}

export interface EditorApplyFigures {
  wallMs: number;
  /** Extension host CPU (user + system) while streaming. */
  cpuMs: number;
  samples: DocumentSample[];
  /** The document holds the whole answer at the end. */
  complete: boolean;
  undoSteps: number;
  /** Undo reached `undoCap` without restoring the original. */
  undoCapped: boolean;
  status: string;
}

export interface LongDocumentArgs {
  chars: number;
}

export interface LongDocumentFigures {
  /** {@link epochNow} when the command was run. */
  startedAt: number;
  wallMs: number;
  status: string;
}

export interface HistoryStoreArgs {
  directory: string;
  repeats: number;
}

/** Item 5 at the store level: the first page of the history from the index, or by reading every file. */
export interface HistoryStoreFigures {
  indexMs: number[];
  readEveryFileMs: number[];
  conversations: number;
}

export interface CommandArgs {
  id: string;
  args?: unknown[];
}

export interface CommandFigures {
  /** {@link epochNow} just before `executeCommand`. */
  startedAt: number;
  ms: number;
  result: unknown;
}

export interface InlineReviewArgs {
  /** The document's text; the driver's server streams the proposal. */
  original: string;
}

export interface InlineReviewFigures {
  status: string;
  /** {@link epochNow} of every redraw of the review's decorations. */
  draws: number[];
  wallMs: number;
  cpuMs: number;
  changes: number;
  /** Reject All left the document as it was. */
  unchanged: boolean;
}

/** Every operation, its argument and its answer. */
export interface BenchOperations {
  activation: [undefined, ActivationFigures];
  memory: [undefined, MemoryFigures];
  configure: [Record<string, unknown>, null];
  command: [CommandArgs, CommandFigures];
  stream: [StreamArgs, StreamFigures];
  editorApply: [EditorApplyArgs, EditorApplyFigures];
  longDocument: [LongDocumentArgs, LongDocumentFigures];
  historyStore: [HistoryStoreArgs, HistoryStoreFigures];
  inlineReview: [InlineReviewArgs, InlineReviewFigures];
  closeEditors: [undefined, null];
  shutdown: [undefined, null];
}

export type BenchOperation = keyof BenchOperations;
