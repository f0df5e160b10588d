import * as vscode from 'vscode';
import type { AnswerOutput, InkwellParticipant } from './inkwellParticipant';
import { requestContext } from './participantContext';

/** What the test command hands back: what the participant wrote so far, its end, and a way to stop it. */
export interface ParticipantTestRun {
  markdown: string[];
  progress: string[];
  buttons: vscode.Command[];
  done: Thenable<vscode.ChatResult>;
  cancel(): void;
}

/** The id of the command; the leading underscore keeps it out of the Command Palette and of `getCommands(true)`. */
export const participantTestCommandId = '_inkwell.participant.answer';

/**
 * Runs the registered participant's answer as the chat view would, for the
 * integration tests: this VS Code build shows no chat view without Copilot,
 * so nothing else can call it. Registered only when VS Code runs the
 * extension's tests. The text is the active editor's selection, as in the
 * chat view without `#` references; the cancellation is a real
 * `CancellationTokenSource`.
 */
export function registerParticipantTestCommand(participant: InkwellParticipant): vscode.Disposable {
  return vscode.commands.registerCommand(participantTestCommandId, async (command: string | undefined, prompt: string) => {
    const run: Omit<ParticipantTestRun, 'done'> = { markdown: [], progress: [], buttons: [], cancel: () => source.cancel() };
    const output: AnswerOutput = {
      markdown: (value) => run.markdown.push(value),
      progress: (value) => run.progress.push(value),
      button: (button) => run.buttons.push(button),
    };
    const source = new vscode.CancellationTokenSource();
    const question = { command, prompt, context: await requestContext([]), history: [] };
    const done = participant.answer(question, output, source.token).finally(() => source.dispose());
    return { ...run, done } satisfies ParticipantTestRun;
  });
}
