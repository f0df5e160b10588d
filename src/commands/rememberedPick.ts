import * as vscode from 'vscode';

export interface PickOption {
  label: string;
  /** What the command receives; defaults to the label. */
  value?: string;
  description?: string;
}

/**
 * A quick pick that puts the last choice first and selected, and accepts
 * free text typed into it as a value of its own. Remembered in global state
 * under `memoryKey`; resolves undefined when dismissed.
 */
export async function rememberedPick(
  context: vscode.ExtensionContext,
  memoryKey: string,
  title: string,
  options: PickOption[],
  freeTextHint?: string,
): Promise<string | undefined> {
  const last = context.globalState.get<string>(memoryKey);
  const items: Array<vscode.QuickPickItem & { value: string }> = options.map((option) => ({
    label: option.label,
    description: option.description,
    value: option.value ?? option.label,
  }));
  const lastIndex = items.findIndex((item) => item.value === last);
  if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
  else if (last && lastIndex < 0 && freeTextHint) items.unshift({ label: last, description: vscode.l10n.t('last used'), value: last });

  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
  pick.title = title;
  pick.placeholder = freeTextHint ?? vscode.l10n.t('Choose one');
  pick.items = items;
  if (items.length) pick.activeItems = [items[0]];
  const typed = { label: '', value: '', description: vscode.l10n.t('use what you typed'), alwaysShow: true };
  if (freeTextHint) {
    pick.onDidChangeValue((value) => {
      const matches = items.some((item) => item.label.toLowerCase() === value.trim().toLowerCase());
      pick.items = value.trim() && !matches ? [{ ...typed, label: value.trim(), value: value.trim() }, ...items] : items;
    });
  }
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.value ?? (freeTextHint ? pick.value.trim() || undefined : undefined)));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen) await context.globalState.update(memoryKey, chosen);
  return chosen;
}
