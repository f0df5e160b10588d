import * as vscode from 'vscode';
import { builtinTasks } from '../prompts/tasks';
import { commandArguments, text, type ArgumentsOf } from './commandArguments';
import { runTask, taskRunFields } from './runTask';
import type { InkwellCommand, Services } from './services';

const historyKey = 'inkwell.instructionHistory';
const historySize = 20;

/** An instruction alone, or `{ instruction, output, alternative }`. */
const editWithInstructionArguments = commandArguments({ instruction: text, ...taskRunFields }, ['instruction']);

/** "Edit with Instruction…": a free instruction on the selection, with the recent ones offered again. */
export function editWithInstructionCommand(services: Services): InkwellCommand<ArgumentsOf<typeof editWithInstructionArguments>> {
  return {
    id: 'inkwell.editWithInstruction',
    args: editWithInstructionArguments,
    async run(args) {
      const instruction = args?.instruction?.trim() || (await askInstruction(services.context));
      if (!instruction) return { status: 'cancelled' };
      const history = services.context.globalState.get<string[]>(historyKey, []);
      await services.context.globalState.update(
        historyKey,
        [instruction, ...history.filter((item) => item !== instruction)].slice(0, historySize),
      );
      return runTask(services, {
        task: builtinTasks.editWithInstruction,
        variables: { instruction },
        progressTitle: 'Editing…',
        output: args?.output,
        alternative: args?.alternative,
      });
    },
  };
}

/** A quick pick rather than an input box, so the recent instructions are one arrow key away. */
async function askInstruction(context: vscode.ExtensionContext): Promise<string | undefined> {
  const history = context.globalState.get<string[]>(historyKey, []);
  const pick = vscode.window.createQuickPick();
  pick.title = 'Inkwell: Edit with Instruction';
  pick.placeholder = 'Describe the change, e.g. "turn this into a numbered list" (Enter to run)';
  const recent = history.map((label) => ({ label, description: 'recent' }));
  pick.items = recent;
  pick.onDidChangeValue((value) => {
    pick.items = value.trim()
      ? [
          { label: value.trim(), description: 'run this instruction', alwaysShow: true },
          ...recent.filter((item) => item.label !== value.trim()),
        ]
      : recent;
  });
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined)));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}
