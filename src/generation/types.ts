/** A chat message as the generation service sends it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One request to a model: everything a provider needs and nothing editor-specific. */
export interface GenerationRequest {
  messages: ChatMessage[];
  /** Overrides the endpoint's configured model for this request. */
  model?: string;
  temperature?: number;
  /** Upper bound on output tokens; sent as `max_tokens` or `max_completion_tokens` by model family. */
  maxOutputTokens?: number;
  stop?: string[];
  /** Number of alternative answers; only choice 0 is streamed to `onDelta`, all are in the outcome. */
  n?: number;
  signal?: AbortSignal;
  /**
   * Treat `finish_reason: length` as success. Only for probes such as the
   * one-token connection test; every writing task wants the whole answer.
   */
  acceptTruncated?: boolean;
}

/**
 * Why a stream ended. `stop` is the only complete answer; `length` means the
 * token limit cut it; `content_filter` means the provider withheld the rest.
 */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'unknown';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** The final record of a finished stream. */
export interface GenerationOutcome {
  finishReason: FinishReason;
  usage?: TokenUsage;
  /** The full answer text (choice 0), as concatenated from the deltas. */
  text: string;
  /** Every choice's text when `n > 1` was asked for; index 0 equals `text`. */
  choices: string[];
  /** Model name the server reported (may differ from the one requested, e.g. a dated snapshot). */
  model?: string;
  /** Milliseconds from the request to the first text delta. */
  firstTokenMs?: number;
  durationMs: number;
}

/** Receives each streamed piece of answer text (choice 0) as it arrives. */
export type DeltaListener = (text: string) => void;

/** Anything that can turn a request into streamed text: the OpenAI-compatible client, VS Code's models. */
export interface GenerationProvider {
  /** Streams the answer to `onDelta`; settles once the answer is complete, or rejects with a `GenerationError`. */
  generate(request: GenerationRequest, onDelta: DeltaListener): Promise<GenerationOutcome>;
  /** Model ids the endpoint offers, for pickers and the connection test. */
  listModels(signal?: AbortSignal): Promise<string[]>;
}

/** Where log lines go; the extension hands in its output channel. Never given content or keys. */
export interface GenerationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
