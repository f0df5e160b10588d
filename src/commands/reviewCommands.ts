import * as vscode from 'vscode';
import type { InlineReview } from '../editor/inlineReview/inlineReview';
import type { ChangedOriginalChoice, PartialChoice } from '../editor/reviewManager';
import { commandArguments, oneOf, wholeNumber, type ArgumentsOf } from './commandArguments';
import type { CommandResult, InkwellCommand, Services } from './services';

const changedOriginalChoices: readonly ChangedOriginalChoice[] = ['apply', 'openDocument', 'copy', 'cancel'];

/**
 * Arguments of `inkwell.review.accept`: which review (or its id alone), and
 * what to do if its original changed. Editor-title buttons pass the editor's
 * Uri, which counts as none: the review is found through the active editor.
 */
const acceptArguments = commandArguments({ reviewId: wholeNumber, ifChanged: oneOf(changedOriginalChoices) }, ['reviewId']);

export type AcceptArgs = ArgumentsOf<typeof acceptArguments>;

/** `inkwell.review.reject`: which review, or its id alone. */
const rejectArguments = commandArguments({ reviewId: wholeNumber }, ['reviewId']);

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
  return vscode.l10n.t(
    'Inkwell: this proposal is incomplete ({0}), so it cannot replace your text. Nothing was changed. Insert it below your text, open it as a new document, copy it, or reject it.',
    failure?.message.replace(/^Inkwell: /, '') ?? vscode.l10n.t('the answer did not finish'),
  );
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
    const message = vscode.l10n.t(
      'Inkwell: the proposal is still being written. Wait for it to finish, or cancel to review what has arrived.',
    );
    void vscode.window.showInformationMessage(message);
    return { status: 'noInput', message };
  }
  const count = await services.inlineReviews.decideAll(review, decision);
  return { status: decision === 'accept' && count === 0 ? 'cancelled' : 'done', reviewId: review.id };
}

/** "Accept" on a review: applies the proposal as one edit, asking first if the original changed. */
export function acceptReviewCommand(services: Services): InkwellCommand<AcceptArgs> {
  return {
    id: 'inkwell.review.accept',
    args: acceptArguments,
    async run(given): Promise<CommandResult> {
      const args = given ?? {};
      const inline = inlineReviewFor(services, args.reviewId);
      if (inline) return decideInline(services, inline, 'accept');
      const session = services.reviews.find(args.reviewId);
      if (!session) return nothingToReview();
      if (session.state === 'streaming') {
        const message = vscode.l10n.t(
          'Inkwell: the proposal is still being written. Wait for it to finish, or cancel to review what has arrived.',
        );
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
export function rejectReviewCommand(services: Services): InkwellCommand<ArgumentsOf<typeof rejectArguments>> {
  return {
    id: 'inkwell.review.reject',
    args: rejectArguments,
    async run(args): Promise<CommandResult> {
      const inline = inlineReviewFor(services, args?.reviewId);
      if (inline) return decideInline(services, inline, 'reject');
      const session = services.reviews.find(args?.reviewId);
      if (!session) return nothingToReview();
      if (session.state === 'streaming') services.operations.cancelAll();
      await services.reviews.reject(session);
      return { status: 'done' };
    },
  };
}

const partialChoices: Array<vscode.QuickPickItem & { choice: PartialChoice }> = [
  { label: vscode.l10n.t('Insert below my text'), description: vscode.l10n.t('your text stays as it is'), choice: 'insertBelow' },
  { label: vscode.l10n.t('Open as a new document'), choice: 'newDocument' },
  { label: vscode.l10n.t('Copy to the clipboard'), choice: 'copy' },
];

/** Arguments of `inkwell.review.usePartial`: which failed review, and how to take what arrived. */
const usePartialArguments = commandArguments({ reviewId: wholeNumber, as: oneOf(partialChoices.map((item) => item.choice)) });

export type UsePartialArgs = ArgumentsOf<typeof usePartialArguments>;

/**
 * "Use What Arrived" on a failed review: the partial answer is inserted below
 * the original, opened, or copied; it never replaces the original.
 */
export function usePartialCommand(services: Services): InkwellCommand<UsePartialArgs> {
  return {
    id: 'inkwell.review.usePartial',
    args: usePartialArguments,
    async run(given): Promise<CommandResult> {
      const args = given ?? {};
      const session = inlineReviewFor(services, args.reviewId) ?? services.reviews.find(args.reviewId);
      if (!session) return nothingToReview();
      if (session.state !== 'failed' || !session.hasAnyText()) {
        const message =
          session.state === 'failed'
            ? vscode.l10n.t('Inkwell: nothing arrived before the proposal failed, so there is nothing to use.')
            : vscode.l10n.t('Inkwell: this proposal is complete: accept or reject it.');
        void vscode.window.showInformationMessage(message);
        return { status: 'noInput', message };
      }
      const choice =
        args.as ??
        (
          await vscode.window.showQuickPick(partialChoices, {
            title: vscode.l10n.t('Inkwell: use the part of the answer that arrived'),
            placeHolder: vscode.l10n.t('It is incomplete, so it cannot replace your text'),
          })
        )?.choice;
      if (!choice) return { status: 'cancelled' };
      const used =
        'originalUri' in session
          ? await services.reviews.usePartial(session, choice)
          : await services.inlineReviews.usePartial(session, choice);
      return used
        ? { status: 'done', text: session.proposalsOnly() }
        : { status: 'error', message: vscode.l10n.t('Inkwell: the document could not take the text; it is unchanged.') };
    },
  };
}

function nothingToReview(): CommandResult {
  const message = vscode.l10n.t('Inkwell: there is no proposal to review.');
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}
