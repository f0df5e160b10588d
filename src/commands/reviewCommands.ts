import * as vscode from 'vscode';
import type { InlineReview } from '../editor/inlineReview/inlineReview';
import type { ChangedOriginalChoice, PartialChoice } from '../editor/reviewManager';
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

/**
 * The inline review Accept/Reject act on: the one named, else the one in
 * the active editor, else the latest when no side-by-side review is open.
 */
function inlineReviewFor(services: Services, reviewId?: number): InlineReview | undefined {
  if (reviewId !== undefined) return services.inlineReviews.find(reviewId);
  const active = vscode.window.activeTextEditor?.document;
  const inline = services.inlineReviews.find();
  if (inline && (inline.document === active || !services.reviews.find())) return inline;
  return undefined;
}

function failedMessage(failure: { message: string } | undefined): string {
  return `Inkwell: this proposal is incomplete (${failure?.message.replace(/^Inkwell: /, '') ?? 'the answer did not finish'}), so it cannot replace your text. Nothing was changed. Insert it below your text, open it as a new document, copy it, or reject it.`;
}

/** Accept or Reject on a tracked-changes review: every pending change at once; a failed or unfinished one is never applied. */
export async function decideInline(services: Services, review: InlineReview, decision: 'accept' | 'reject'): Promise<CommandResult> {
  if (review.state === 'failed') {
    if (decision === 'reject') {
      await services.inlineReviews.decideAll(review, 'reject');
      return { status: 'done', reviewId: review.id };
    }
    const message = failedMessage(review.failure);
    void vscode.window.showWarningMessage(message);
    return { status: 'error', category: review.failure?.category, message, reviewId: review.id };
  }
  if (review.state === 'streaming') {
    if (decision === 'reject') {
      services.operations.cancelAll();
      return { status: 'done', reviewId: review.id };
    }
    const message = 'Inkwell: the proposal is still being written. Wait for it to finish, or cancel to review what has arrived.';
    void vscode.window.showInformationMessage(message);
    return { status: 'noInput', message };
  }
  const count = await services.inlineReviews.decideAll(review, decision);
  return { status: decision === 'accept' && count === 0 ? 'cancelled' : 'done', reviewId: review.id };
}

/** "Accept" on a review: applies the proposal as one edit, asking first if the original changed. */
export function acceptReviewCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.review.accept',
    async run(arg?: unknown): Promise<CommandResult> {
      const args = argsOf(arg);
      const inline = inlineReviewFor(services, args.reviewId);
      if (inline) return decideInline(services, inline, 'accept');
      const session = services.reviews.find(args.reviewId);
      if (!session) return nothingToReview();
      if (session.state === 'streaming') {
        const message = 'Inkwell: the proposal is still being written. Wait for it to finish, or cancel to review what has arrived.';
        void vscode.window.showInformationMessage(message);
        return { status: 'noInput', message };
      }
      if (session.state === 'failed') {
        const message = failedMessage(session.failure);
        void vscode.window.showWarningMessage(message);
        return { status: 'error', category: session.failure?.category, message, reviewId: session.id };
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
      const inline = inlineReviewFor(services, argsOf(arg).reviewId);
      if (inline) return decideInline(services, inline, 'reject');
      const session = services.reviews.find(argsOf(arg).reviewId);
      if (!session) return nothingToReview();
      if (session.state === 'streaming') services.operations.cancelAll();
      await services.reviews.reject(session);
      return { status: 'done' };
    },
  };
}

/** Arguments of `inkwell.review.usePartial`: which failed review, and how to take what arrived. */
export interface UsePartialArgs {
  reviewId?: number;
  as?: PartialChoice;
}

const partialChoices: Array<vscode.QuickPickItem & { choice: PartialChoice }> = [
  { label: 'Insert below my text', description: 'your text stays as it is', choice: 'insertBelow' },
  { label: 'Open as a new document', choice: 'newDocument' },
  { label: 'Copy to the clipboard', choice: 'copy' },
];

function usePartialArgsOf(value: unknown): UsePartialArgs {
  if (typeof value !== 'object' || value === null || value instanceof vscode.Uri) return {};
  const { reviewId, as } = value as Record<string, unknown>;
  return {
    reviewId: typeof reviewId === 'number' ? reviewId : undefined,
    as: partialChoices.some((item) => item.choice === as) ? (as as PartialChoice) : undefined,
  };
}

/**
 * "Use What Arrived" on a failed review: the partial answer is inserted below
 * the original, opened, or copied; it never replaces the original.
 */
export function usePartialCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.review.usePartial',
    async run(arg?: unknown): Promise<CommandResult> {
      const args = usePartialArgsOf(arg);
      const session = inlineReviewFor(services, args.reviewId) ?? services.reviews.find(args.reviewId);
      if (!session) return nothingToReview();
      if (session.state !== 'failed' || !session.hasAnyText()) {
        const message = session.state === 'failed' ? 'Inkwell: nothing arrived before the proposal failed, so there is nothing to use.' : 'Inkwell: this proposal is complete: accept or reject it.';
        void vscode.window.showInformationMessage(message);
        return { status: 'noInput', message };
      }
      const choice = args.as ?? (await vscode.window.showQuickPick(partialChoices, { title: 'Inkwell: use the part of the answer that arrived', placeHolder: 'It is incomplete, so it cannot replace your text' }))?.choice;
      if (!choice) return { status: 'cancelled' };
      const used = 'originalUri' in session ? await services.reviews.usePartial(session, choice) : await services.inlineReviews.usePartial(session, choice);
      return used ? { status: 'done', text: session.proposalsOnly() } : { status: 'error', message: 'Inkwell: the document could not take the text; it is unchanged.' };
    },
  };
}

function nothingToReview(): CommandResult {
  const message = 'Inkwell: there is no proposal to review.';
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}
