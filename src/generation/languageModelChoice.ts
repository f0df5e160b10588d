import * as l10n from '@vscode/l10n';
import { GenerationError } from './errors';

/** What picking a VS Code language model needs to know of one (a `vscode.LanguageModelChat` has these). */
export interface LanguageModelInfo {
  id: string;
  name: string;
  vendor: string;
}

/**
 * The model `wanted` names, by id; with no id set, the first model offered.
 * A named model that is not there is an error listing the ones that are:
 * answering with some other provider's model instead would send the user's
 * text to a service they never picked.
 */
export function pickLanguageModel<M extends LanguageModelInfo>(models: readonly M[], wanted: string): M {
  const id = wanted.trim();
  if (models.length === 0) {
    throw new GenerationError(
      'modelNotFound',
      l10n.t(
        'No VS Code language model is available. Install and sign in to an extension that provides one (such as GitHub Copilot Chat), or pick another provider with "Inkwell: Choose Provider".',
      ),
    );
  }
  if (!id) return models[0];
  const found = models.find((model) => model.id === id);
  if (found) return found;
  const available = models.map((model) => `${model.id} (${model.name}, ${model.vendor})`).sort();
  throw new GenerationError(
    'modelNotFound',
    l10n.t(
      'The VS Code language model "{0}" (inkwell.model) is not available. Available: {1}. Pick one with "Inkwell: Choose Provider".',
      id,
      available.join('; '),
    ),
  );
}
