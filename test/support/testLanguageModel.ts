import * as path from 'path';
import { repoRoot } from './installVsCodeServer';

/**
 * The test-only extension that gives VS Code a language model to offer:
 * `test/fixtures/test-language-model`, loaded by the test hosts with
 * `extensionFolders`. VS Code 1.100 lets an extension provide a model only
 * through the `chatProvider` API proposal, which this server build allows.
 */
export const testLanguageModelFolder = path.join(repoRoot, 'test', 'fixtures', 'test-language-model');

/** Its extension id, for `vscode.extensions.getExtension`. */
export const testLanguageModelExtensionId = 'inkwell-test.test-language-model';

/** Set in a host's environment, the model is registered from the start instead of when a test asks. */
export const registeredFromStartEnv = { INKWELL_TEST_LANGUAGE_MODEL: 'registered' };

/** One request the model received. */
export interface TestLanguageModelRequest {
  /** Each message's text, in order. */
  messages: string[];
  /** The answer's parts sent so far. */
  parts: string[];
  /** Whether the request's cancellation token fired. */
  cancelled: boolean;
  /** Whether every part was sent. */
  finished: boolean;
}

/** What the test extension's `activate()` returns. */
export interface TestLanguageModelApi {
  modelId: string;
  vendor: string;
  modelName: string;
  /** Every request since the last `reset()`, oldest first. */
  requests: TestLanguageModelRequest[];
  /** How many parts an answer is sent in (at most one per word), and the pause after each. */
  setPace(pace: { parts?: number; delayMs?: number }): void;
  /** The answer to messages with these texts: the text between `[[` and `]]` in the last one, echoed. */
  answerFor(messages: string[]): string;
  /** Makes the model available to `vscode.lm.selectChatModels`; a second call changes nothing. */
  register(): void;
  unregister(): void;
  /** Forgets the requests and restores the default pace. */
  reset(): void;
}
