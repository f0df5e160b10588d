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
      this.logger.info(
        `#${id} → ${target} messages=${request.messages.length} inputChars=${inputChars} maxTokens=${request.maxOutputTokens ?? '-'}${request.n && request.n > 1 ? ` n=${request.n}` : ''}`,
      );
      const withContent = this.logContent();
      if (withContent) {
        for (const message of request.messages) this.logger.info(`#${id} ${message.role}: ${message.content}`);
      }
      const outcome = await resolved.provider.generate({ ...request, model }, onDelta);
      if (withContent) this.logger.info(`#${id} answer: ${outcome.text}`);
      const usage = outcome.usage ? ` tokens=${outcome.usage.promptTokens}+${outcome.usage.completionTokens}` : '';
      this.logger.info(
        `#${id} ✓ ${outcome.finishReason} outputChars=${outcome.text.length}${usage} firstToken=${outcome.firstTokenMs ?? '-'}ms total=${Date.now() - started}ms`,
      );
      return outcome;
    } catch (error) {
      throw this.logFailure(id, error, started, target, `partialChars=${error instanceof GenerationError ? error.partialText.length : 0} `);
    }
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const id = this.nextId++;
    const started = Date.now();
    let target = 'unresolved';
    try {
      const resolved = await this.resolveProvider();
      target = resolved.endpoint;
      this.logger.info(`#${id} → ${target} list models`);
      const models = await resolved.provider.listModels(signal);
      this.logger.info(`#${id} ✓ models=${models.length} total=${Date.now() - started}ms`);
      return models;
    } catch (error) {
      throw this.logFailure(id, error, started, target);
    }
  }

  /**
   * One line per failure, at warning level so the default (info) level of the
   * output channel shows it. The message is the one the user sees, which never
   * holds content or the key.
   */
  private logFailure(id: number, error: unknown, started: number, target: string, sizes = ''): GenerationError {
    const failure =
      error instanceof GenerationError
        ? error
        : classifyError(error, { baseUrl: target, model: '', idleTimeoutSeconds: 0, keySent: false });
    const status = failure.details.status ? ` status=${failure.details.status}` : '';
    const line = `#${id} ✗ ${failure.category}${status} ${sizes}after=${Date.now() - started}ms (${target}): ${failure.message}`;
    if (failure.category === 'cancelled') this.logger.info(line);
    else this.logger.warn(line);
    return failure;
  }
}
