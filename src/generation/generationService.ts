import { classifyError, GenerationError } from './errors';
import type { DeltaListener, GenerationLogger, GenerationOutcome, GenerationProvider, GenerationRequest } from './types';

/** The provider to use for the next request, with what may be logged about it (never the key). */
export interface ResolvedProvider {
  provider: GenerationProvider;
  /** Origin of the endpoint, e.g. `https://api.openai.com`, or `vscode-lm`. */
  endpoint: string;
  model: string;
}

/**
 * The one door to the models. Settings and keys are resolved on every request,
 * so a changed setting or key takes effect without a reload; every request is
 * logged by size and outcome, never by content.
 */
export class GenerationService {
  private nextId = 1;

  constructor(
    private readonly resolveProvider: () => Promise<ResolvedProvider>,
    private readonly logger: GenerationLogger,
    /** Whether prompts and answers may be logged too (`inkwell.logContent`, off by default). */
    private readonly logContent: () => boolean = () => false,
  ) {}

  async generate(request: GenerationRequest, onDelta: DeltaListener = () => {}): Promise<GenerationOutcome> {
    const id = this.nextId++;
    const started = Date.now();
    const inputChars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
    let target = 'unresolved';
    try {
      const resolved = await this.resolveProvider();
      const model = request.model || resolved.model;
      target = `${resolved.endpoint} model=${model}`;
      this.logger.info(`#${id} → ${target} messages=${request.messages.length} inputChars=${inputChars} maxTokens=${request.maxOutputTokens ?? '-'}${request.n && request.n > 1 ? ` n=${request.n}` : ''}`);
      const withContent = this.logContent();
      if (withContent) {
        for (const message of request.messages) this.logger.info(`#${id} ${message.role}: ${message.content}`);
      }
      const outcome = await resolved.provider.generate({ ...request, model }, onDelta);
      if (withContent) this.logger.info(`#${id} answer: ${outcome.text}`);
      const usage = outcome.usage ? ` tokens=${outcome.usage.promptTokens}+${outcome.usage.completionTokens}` : '';
      this.logger.info(`#${id} ✓ ${outcome.finishReason} outputChars=${outcome.text.length}${usage} firstToken=${outcome.firstTokenMs ?? '-'}ms total=${Date.now() - started}ms`);
      return outcome;
    } catch (error) {
      const failure = error instanceof GenerationError ? error : classifyError(error, { baseUrl: target, model: request.model ?? '', idleTimeoutSeconds: 0, keySent: false });
      const line = `#${id} ✗ ${failure.category}${failure.details.status ? ` status=${failure.details.status}` : ''} partialChars=${failure.partialText.length} after=${Date.now() - started}ms (${target})`;
      if (failure.category === 'cancelled') this.logger.info(line);
      else this.logger.warn(line);
      throw failure;
    }
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const resolved = await this.resolveProvider();
    return resolved.provider.listModels(signal);
  }
}
