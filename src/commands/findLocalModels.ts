import type { FindLocalModelsArgs } from '../onboarding/setupAssistant';
import type { InkwellCommand, Services } from './services';

function parseArgs(arg: unknown): FindLocalModelsArgs {
  if (typeof arg === 'string') return { use: arg as FindLocalModelsArgs['use'] };
  if (typeof arg !== 'object' || arg === null) return {};
  const { use, model } = arg as Record<string, unknown>;
  return {
    use: use === 'vscode' || use === 'ollama' || use === 'lmstudio' ? use : undefined,
    model: typeof model === 'string' && model.trim() ? model.trim() : undefined,
  };
}

/**
 * "Inkwell: Find Local Models": asks Ollama and LM Studio on this machine and
 * VS Code's language models what they offer, and switches to the one picked.
 * `{ use: 'ollama' | 'lmstudio' | 'vscode', model? }` replaces the pick.
 */
export function findLocalModelsCommand(services: Services): InkwellCommand {
  return { id: 'inkwell.findLocalModels', run: (arg?: unknown) => services.setup.findLocalModels(parseArgs(arg)) };
}
