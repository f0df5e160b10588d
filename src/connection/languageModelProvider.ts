import * as vscode from 'vscode';
import { GenerationError } from '../generation/errors';
import { pickLanguageModel } from '../generation/languageModelChoice';
import type { DeltaListener, GenerationOutcome, GenerationProvider, GenerationRequest } from '../generation/types';

/**
 * The pieces of `stream` until `signal` aborts, ending at once rather than
 * at the next piece. VS Code 1.100 does not pass a cancel on to the model
 * once its answer has started (microsoft/vscode#277872, fixed in 1.127), so
 * the stream itself would go on to the end of the answer.
 */
async function* untilAborted(stream: AsyncIterable<string>, signal: AbortSignal | undefined): AsyncGenerator<string> {
  if (!signal) return yield* stream;
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  const iterator = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted' || next.done) return;
      yield next.value;
    }
  } finally {
    void iterator.return?.();
  }
}

/**
 * Answers through VS Code's Language Model API: models that other installed
 * extensions provide (e.g. Copilot), no key of ours involved.
 */
export class LanguageModelProvider implements GenerationProvider {
  constructor(private readonly modelId: string) {}

  async listModels(): Promise<string[]> {
    const models = await vscode.lm.selectChatModels();
    return models.map((model) => model.id).sort();
  }

  async generate(request: GenerationRequest, onDelta: DeltaListener): Promise<GenerationOutcome> {
    const started = Date.now();
    const model = pickLanguageModel(await vscode.lm.selectChatModels(), request.model || this.modelId);
    // The Language Model API has no system role: instructions go first as a user message.
    const messages = request.messages.map((message) =>
      message.role === 'assistant'
        ? vscode.LanguageModelChatMessage.Assistant(message.content)
        : vscode.LanguageModelChatMessage.User(message.content),
    );
    const cancellation = new vscode.CancellationTokenSource();
    const onAbort = () => cancellation.cancel();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    let text = '';
    let firstTokenMs: number | undefined;
    try {
      const response = await model.sendRequest(
        messages,
        { justification: 'Inkwell uses the model for the writing task you started.' },
        cancellation.token,
      );
      for await (const piece of untilAborted(response.text, request.signal)) {
        if (!piece) continue;
        firstTokenMs ??= Date.now() - started;
        text += piece;
        onDelta(piece);
      }
    } catch (error) {
      if (request.signal?.aborted) throw new GenerationError('cancelled', 'Cancelled.', { partialText: text });
      if (error instanceof vscode.LanguageModelError && error.code === vscode.LanguageModelError.NoPermissions.name) {
        throw new GenerationError(
          'permissionDenied',
          `Inkwell is not allowed to use "${model.name}". Allow it when VS Code asks, or pick another provider with "Inkwell: Choose Provider".`,
          { partialText: text },
        );
      }
      throw new GenerationError(
        'serverError',
        `The language model "${model.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
        { partialText: text },
      );
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      cancellation.dispose();
    }
    if (request.signal?.aborted) throw new GenerationError('cancelled', 'Cancelled.', { partialText: text });
    if (!text.trim())
      throw new GenerationError('emptyAnswer', `"${model.name}" returned an empty answer. Try again, or try another model.`);
    return { finishReason: 'stop', text, choices: [text], model: model.id, firstTokenMs, durationMs: Date.now() - started };
  }
}
