import { channel } from 'diagnostics_channel';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { inlineReviewDrawChannel } from '../../src/editor/inlineReview/inlineReviewView';
import { epochNow, type InlineReviewArgs, type InlineReviewFigures } from '../shared/benchProtocol';
import { closeAllEditors, openDocument, settle } from './editors';

/**
 * Improve Writing on the whole of `original`, reviewed as tracked changes,
 * while the driver's server streams the proposal: records when the review
 * redraws its decorations (announced on a diagnostics channel), then rejects
 * every change and closes the document.
 */
export async function runInlineReview(args: InlineReviewArgs): Promise<InlineReviewFigures> {
  const editor = await openDocument(args.original);
  editor.selection = new vscode.Selection(new vscode.Position(0, 0), editor.document.positionAt(args.original.length));
  await settle(500);
  const draws: number[] = [];
  const onDraw = () => draws.push(epochNow());
  const drawChannel = channel(inlineReviewDrawChannel);
  drawChannel.subscribe(onDraw);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let result: CommandResult;
  try {
    result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
  } finally {
    drawChannel.unsubscribe(onDraw);
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const listed = await vscode.commands.executeCommand<CommandResult>('inkwell.review.changes', { reviewId: result.reviewId });
  await vscode.commands.executeCommand('inkwell.review.rejectAll', { reviewId: result.reviewId });
  const unchanged = editor.document.getText() === args.original;
  await closeAllEditors();
  return { status: result.status, draws, wallMs, cpuMs: (used.user + used.system) / 1000, changes: listed.changes?.length ?? 0, unchanged };
}
