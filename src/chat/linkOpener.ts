import * as vscode from 'vscode';
import type { CommandResult } from '../shared/commandResult';
import type { GenerationLogger } from '../generation/types';
import { checkLink, linkPrompt } from '../shared/linkSafety';

/**
 * The string VS Code's opener sends to the browser for this target. Given a
 * `Uri`, `openExternal` opens `encodeURI(uri.toString(true))`, which decodes
 * and re-encodes: `%2F` becomes `/`, `%41` becomes `A`. Only when that gives
 * back the validated string is the link opened as it was shown.
 */
export function howVsCodeOpens(target: string): string {
  return encodeURI(vscode.Uri.parse(target, true).toString(true));
}

/**
 * Opens a link from the chat: only http(s), only the exact URL that was
 * checked, and only after the user saw the full target (VS Code's own
 * prompt shortens long URLs and never asks for local addresses). With
 * `{ confirmed: true }` it opens without asking, for scripts and tests.
 */
export async function openChatLink(
  href: string,
  text: string,
  log: GenerationLogger,
  options: { confirmed?: boolean } = {},
): Promise<CommandResult> {
  const check = checkLink(href, text);
  if (!check) {
    log.warn(`chat: refused to open a link that is not http(s): ${href.slice(0, 80)}`);
    return { status: 'noInput', message: vscode.l10n.t('Not opened: only http and https links open from the chat.') };
  }
  const opensAs = howVsCodeOpens(check.target);
  if (opensAs !== check.target) {
    const message = vscode.l10n.t(
      'Inkwell cannot open this link exactly as written: VS Code would open {0} instead of {1}.',
      opensAs,
      check.target,
    );
    if (options.confirmed) return { status: 'error', message, text: check.target };
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This link cannot be opened exactly as written.'),
      { modal: true, detail: vscode.l10n.t('{0}\n\nVS Code would open:\n{1}', check.target, opensAs) },
      'Copy Link',
    );
    if (choice !== 'Copy Link') return { status: 'cancelled', message };
    await vscode.env.clipboard.writeText(check.target);
    return { status: 'done', message: vscode.l10n.t('Link copied to the clipboard.'), text: check.target };
  }
  if (!options.confirmed) {
    const prompt = linkPrompt(check);
    const choice = await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail }, 'Open', 'Copy Link');
    if (choice === 'Copy Link') {
      await vscode.env.clipboard.writeText(check.target);
      return { status: 'done', message: vscode.l10n.t('Link copied to the clipboard.'), text: check.target };
    }
    if (choice !== 'Open') return { status: 'cancelled' };
  }
  await vscode.env.openExternal(vscode.Uri.parse(check.target, true));
  return { status: 'done', text: check.target };
}
