import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { isMostlyChinese } from '../prompts/language';
import { builtinTasks } from '../prompts/tasks';
import { runTask } from './runTask';
import type { InkwellCommand, Services } from './services';
import { alternativeArg, outputArg } from './simpleTaskCommands';
import { pickTranslateTarget } from './translateTargetPick';

const automatic = 'auto';
const languages = ['English', 'Simplified Chinese', 'Traditional Chinese', 'Japanese', 'Korean', 'French', 'German', 'Spanish', 'Portuguese', 'Russian', 'Italian'];

/** The default direction: Chinese text to `inkwell.translate.chineseTo`, anything else to `inkwell.translate.otherTo`. */
export function automaticTarget(text: string): string {
  const config = readConfig();
  return isMostlyChinese(text) ? config.translateChineseTo : config.translateOtherTo;
}

/** "Translate": `inkwell.translate` with a language (string or `{ target }`) skips the question. */
export function translateCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.translate',
    async run(arg?: unknown) {
      const given = typeof arg === 'string' ? arg : (arg as { target?: string } | undefined)?.target;
      const config = readConfig();
      const target =
        given ??
        (await pickTranslateTarget(services.context.globalState, 'inkwell.lastTranslateTarget', [
          { label: 'Automatic', value: automatic, description: `Chinese → ${config.translateChineseTo}, other → ${config.translateOtherTo}` },
          ...languages.map((label) => ({ label, value: label })),
        ]));
      if (!target) return { status: 'cancelled' };
      const selection = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection) ?? '';
      const resolved = target === automatic ? automaticTarget(selection) : target;
      return runTask(services, { task: builtinTasks.translate, variables: { target: resolved }, progressTitle: `Translating into ${resolved}…`, output: outputArg(arg), alternative: alternativeArg(arg) });
    },
  };
}
