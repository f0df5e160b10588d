import * as vscode from 'vscode';

/** One choice in the picker; `value` is what the command receives. */
export interface TargetOption {
  label: string;
  value: string;
  description?: string;
}

type TargetItem = vscode.QuickPickItem & { value: string };

/**
 * Translate's "into which language?" picker. The last choice comes first.
 * While typing, VS Code filters the presets and highlights what matches,
 * best match first; what was typed is offered as a language of its own, but
 * last, so Enter after "Japan" or "Simplified" takes Japanese or Simplified
 * Chinese, never the fragment. Only what was chosen is remembered.
 */
export async function pickTranslateTarget(
  memory: vscode.Memento,
  memoryKey: string,
  options: readonly TargetOption[],
): Promise<string | undefined> {
  const last = memory.get<string>(memoryKey);
  const items: TargetItem[] = options.map((option) => ({ label: option.label, value: option.value, description: option.description }));
  const lastIndex = items.findIndex((item) => item.value === last);
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  else if (last && lastIndex < 0) items.unshift({ label: last, value: last, description: vscode.l10n.t('last used') });

  const pick = vscode.window.createQuickPick<TargetItem>();
  pick.title = vscode.l10n.t('Inkwell: Translate into…');
  pick.placeholder = vscode.l10n.t('Pick a language, or type one');
  pick.items = items;
  pick.activeItems = items.slice(0, 1);
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const isPreset = items.some((item) => item.label.toLowerCase() === typed.toLowerCase());
    // The label does not contain the typed text: VS Code sorts items whose label matches first, so this one stays last.
    pick.items =
      typed && !isPreset
        ? [...items, { label: vscode.l10n.t('$(edit) Another language, as typed'), description: typed, value: typed, alwaysShow: true }]
        : items;
  });
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.value ?? (pick.value.trim() || undefined)));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen) await memory.update(memoryKey, chosen);
  return chosen;
}
