import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import { GenerationError } from '../generation/errors';
import type { GenerationOutcome } from '../generation/types';
import { chatPace } from '../shared/chatPace';
import type { StoredConversation, StoredMessage } from './conversationStore';

/** What an answer's text, model and usage come from. */
export type ProducedAnswer = Pick<GenerationOutcome, 'text' | 'model' | 'usage'>;

/** Writes an answer, streaming its text to `onDelta`, and stops when `signal` aborts. */
export type AnswerProducer = (signal: AbortSignal, onDelta: (text: string) => void) => Promise<ProducedAnswer>;

/**
 * One answer being written: streams the model's text to `sendChunk` in
 * batches at most every `chatPace.forwardIntervalMs` (a message per token
 * would cost more than it shows: the webview renders only about every
 * other batch), and ends with the answer as it is saved (complete, stopped,
 * or failed with the text that arrived).
 */
export class ChatTurn {
  readonly assistantId: string;
  readonly controller = new AbortController();
  /** Text already sent as chunks. */
  private sent = '';
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly requestId: string,
    readonly conversation: StoredConversation,
    /** Regenerate: the old answer, saved until the new one is finished but no longer shown. */
    readonly replaces: string | undefined,
    private readonly sendChunk: (text: string) => void,
  ) {
    this.assistantId = randomUUID();
  }

  /** Everything streamed so far, including what has not been sent yet. */
  get text(): string {
    return this.sent + this.pending;
  }

  /** The conversation the answer continues: without the answer being replaced. */
  get history(): StoredMessage[] {
    return this.replaces ? this.conversation.messages.filter((message) => message.id !== this.replaces) : this.conversation.messages;
  }

  /** Writes the answer with `produce` (one request, or a writing plan of several); never throws. */
  async run(produce: AnswerProducer, model: string): Promise<{ answer: StoredMessage; failure?: GenerationError }> {
    const answer: StoredMessage = { id: this.assistantId, role: 'assistant', text: '', status: 'complete', createdAt: Date.now(), model };
    let outcome: ProducedAnswer | undefined;
    let failure: GenerationError | undefined;
    try {
      outcome = await produce(this.controller.signal, (delta) => this.queue(delta));
    } catch (error) {
      failure =
        error instanceof GenerationError
          ? error
          : new GenerationError('badResponse', error instanceof Error ? error.message : String(error));
    }
    this.flush();
    answer.text = outcome?.text ?? (this.sent || failure?.partialText || '');
    if (outcome) {
      answer.model = outcome.model ?? model;
      if (outcome.usage) answer.usage = { promptTokens: outcome.usage.promptTokens, completionTokens: outcome.usage.completionTokens };
    } else if (failure?.category === 'cancelled') {
      answer.status = 'stopped';
    } else {
      answer.status = 'error';
      answer.errorMessage = failure?.message ?? vscode.l10n.t('The request failed.');
      answer.errorCategory = failure?.category;
    }
    return { answer, failure };
  }

  private queue(delta: string): void {
    if (!delta) return;
    this.pending += delta;
    this.timer ??= setTimeout(() => this.flush(), chatPace.forwardIntervalMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.sent += text;
    this.sendChunk(text);
  }
}
