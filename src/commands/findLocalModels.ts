import type { FindLocalModelsArgs } from '../onboarding/setupAssistant';
import { commandArguments, oneOf, trimmedText } from './commandArguments';
import type { InkwellCommand, Services } from './services';

const sources: ReadonlyArray<NonNullable<FindLocalModelsArgs['use']>> = ['vscode', 'ollama', 'lmstudio'];

/** Where to take the model from alone, or `{ use, model }`. */
const findLocalModelsArguments = commandArguments({ use: oneOf(sources), model: trimmedText }, ['use']);

/**
 * "Inkwell: Find Local Models": asks Ollama and LM Studio on this machine and
 * VS Code's language models what they offer, and switches to the one picked.
 * `{ use: 'ollama' | 'lmstudio' | 'vscode', model? }` replaces the pick.
 */
export function findLocalModelsCommand(services: Services): InkwellCommand<FindLocalModelsArgs> {
  return { id: 'inkwell.findLocalModels', args: findLocalModelsArguments, run: (args) => services.setup.findLocalModels(args) };
}
