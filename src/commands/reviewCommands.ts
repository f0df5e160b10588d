import * as vscode from 'vscode';
import type { ChangedOriginalChoice } from '../editor/reviewManager';
import type { CommandResult, InkwellCommand, Services } from './services';

/** Arguments of `inkwell.review.accept`: which review, and what to do if its original changed. */
export interface AcceptArgs {
  reviewId?: number;
  ifChanged?: ChangedOriginalChoice;
}

function argsOf(value: unknown): AcceptArgs {
  if (typeof value === 'number') return { reviewId: value };
  // Editor-title buttons pass the editor's URI; that is found through the active editor instead.
  if (typeof value === 'object' && value !== null && !(value instanceof vscode.Uri)) return value as AcceptArgs;
  return {};
}

/** "Accept" on a review: applies the proposal as one edit, asking first if the original changed. */
export function acceptReviewCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.review.accept',
    async run(arg?: unknown): Promise<CommandResult> {
      const args = argsOf(arg);
      const session = services.reviews.find(args.reviewId);
      if (!session) return nothingToReview();
      if (session.state === 'streaming') {
        const message = 'Inkwell: the proposal is still being written. Wait for it to finish, or cancel to review what has arrived.';
        void vscode.window.showInformationMessage(message);
        return { status: 'noInput', message };
      }
      const outcome = await services.reviews.accept(session, args.ifChanged);
      return { status: outcome.applied ? 'done' : 'cancelled', message: outcome.choice && `original changed: ${outcome.choice}` };
    },
  };
}

/** "Reject" on a review: closes it; the document stays byte-identical. */
export function rejectReviewCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.review.reject',
    async run(arg?: unknown): Promise<CommandResult> {
      const session = services.reviews.find(argsOf(arg).reviewId);
      if (!session) return nothingToReview();
      if (session.state === 'streaming') services.operations.cancelAll();
      await services.reviews.reject(session);
      return { status: 'done' };
    },
  };
}

function nothingToReview(): CommandResult {
  const message = 'Inkwell: there is no proposal to review.';
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}
