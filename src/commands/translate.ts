import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { isMostlyChinese } from '../prompts/language';
import { builtinTasks } from '../prompts/tasks';
import { commandArguments, text, type ArgumentsOf } from './commandArguments';
import { runTask, taskRunFields } from './runTask';
import type { InkwellCommand, Services } from './services';
import { pickTranslateTarget } from './translateTargetPick';

const automatic = 'auto';
const languages = [
  'English',
  'Simplified Chinese',
  'Traditional Chinese',
  'Japanese',
  'Korean',
  'French',
  'German',
  'Spanish',
  'Portuguese',
  'Russian',
  'Italian',
];

/** The default direction: Chinese text to `inkwell.translate.chineseTo`, anything else to `inkwell.translate.otherTo`. */
export function automaticTarget(text: string): string {
  const config = readConfig();
  return isMostlyChinese(text) ? config.translateChineseTo : config.translateOtherTo;
}

/** A language (or "auto") alone, or `{ target, output, alternative }`. */
const translateArguments = commandArguments({ target: text, ...taskRunFields }, ['target']);

/** "Translate": `inkwell.translate` with a language (string or `{ target }`) skips the question. */
export function translateCommand(services: Services): InkwellCommand<ArgumentsOf<typeof translateArguments>> {
  return {
    id: 'inkwell.translate',
    args: translateArguments,
    async run(args) {
      const config = readConfig();
      const target =
        args?.target ??
        (await pickTranslateTarget(services.context.globalState, 'inkwell.lastTranslateTarget', [
          {
            label: 'Automatic',
            value: automatic,
            description: `Chinese → ${config.translateChineseTo}, other → ${config.translateOtherTo}`,
          },
          ...languages.map((label) => ({ label, value: label })),
        ]));
      if (!target) return { status: 'cancelled' };
      const selection = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection) ?? '';
      const resolved = target === automatic ? automaticTarget(selection) : target;
      return runTask(services, {
        task: builtinTasks.translate,
        variables: { target: resolved },
        progressTitle: vscode.l10n.t('Translating into {0}…', resolved),
        output: args?.output,
        alternative: args?.alternative,
      });
    },
  };
}
