import * as vscode from 'vscode';
import type { GenerationLogger } from '../generation/types';
import { readConfig } from '../settings/config';
import { saveEndpoint } from '../connection/profileSettings';
import type { GenerationService } from '../generation/generationService';

const enterOwn = vscode.l10n.t('$(edit) Enter a model id…');
/** Listing models is a nicety: a slow endpoint must not hold the picker open. */
const listTimeoutMs = 5000;

/**
 * The header's model switch: a quick pick of the models the endpoint lists
 * (or a typed id when it lists none), saved in the active profile (before
 * the first, `inkwell.model` in the user settings). Returns the chosen model, or undefined when dismissed.
 */
export async function pickModel(generation: GenerationService, log: GenerationLogger): Promise<string | undefined> {
  const current = readConfig().model;
  const signal = AbortSignal.timeout(listTimeoutMs);
  const quickPick = vscode.window.createQuickPick();
  quickPick.title = vscode.l10n.t('Inkwell: Choose the Chat Model');
  quickPick.placeholder = `Current: ${current}`;
  quickPick.busy = true;
  quickPick.items = [{ label: enterOwn, alwaysShow: true }];
  quickPick.show();
  generation.listModels(signal).then(
    (models) => {
      quickPick.items = [
        ...models.map((model) => ({ label: model, description: model === current ? 'current' : undefined })),
        { label: enterOwn, alwaysShow: true },
      ];
      quickPick.activeItems = quickPick.items.filter((item) => item.label === current);
      quickPick.busy = false;
    },
    (error: unknown) => {
      log.warn(`chat: could not list models: ${error instanceof Error ? error.message : String(error)}`);
      quickPick.busy = false;
    },
  );
  const picked = await new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.label));
    quickPick.onDidHide(() => resolve(undefined));
  });
  quickPick.dispose();
  const model =
    picked === enterOwn ? await vscode.window.showInputBox({ title: vscode.l10n.t('Inkwell: Model id'), value: current }) : picked;
  if (!model?.trim() || model.trim() === current) return undefined;
  await saveEndpoint({ model: model.trim() });
  return model.trim();
}
