import { estimateTokens } from './tokenEstimate';

/** The exact tokenizer bundle's one export (see exactTokenizer.ts). */
export interface ExactTokenizerModule {
  exactTokenCounter(model: string): ((text: string) => number) | undefined;
}

/**
 * Picks the token counter for a model: exact for OpenAI models when the
 * tokenizer can be loaded, the CJK-aware estimate otherwise. `load` is called
 * at most once, and only when the text is big enough for precision to matter.
 */
export class TokenCounter {
  private loaded: ExactTokenizerModule | undefined | null = null;

  constructor(private readonly load: () => ExactTokenizerModule | undefined) {}

  /** A counter for `model`; `sample` is the text about to be measured, to skip loading for short texts. */
  forModel(model: string, sample: string, budget: number): (text: string) => number {
    // Below half the budget even the high-side estimate cannot be wrong about fitting.
    if (estimateTokens(sample) < budget / 2) return estimateTokens;
    if (this.loaded === null) {
      try {
        this.loaded = this.load();
      } catch {
        this.loaded = undefined;
      }
    }
    return this.loaded?.exactTokenCounter(model) ?? estimateTokens;
  }
}
