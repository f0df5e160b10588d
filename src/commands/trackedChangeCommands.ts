import * as vscode from 'vscode';
import type { InlineReview } from '../editor/inlineReview/inlineReview';
import type { TrackedChange } from '../trackedChanges/reviewDecisions';
import { commandArguments, text, wholeNumber, type ArgumentsOf } from './commandArguments';
import { decideInline } from './reviewCommands';
import type { CommandResult, InkwellCommand, ReviewChangeInfo, Services } from './services';

/** `{ reviewId, changeId }`, either optional: without them, the review in the active editor and the change at the cursor. */
const changeArguments = commandArguments({ reviewId: wholeNumber, changeId: text });

/** `{ reviewId }`: without it, the review in the active editor. */
const reviewArguments = commandArguments({ reviewId: wholeNumber });

type ChangeArgs = ArgumentsOf<typeof changeArguments>;
type ReviewArgs = ArgumentsOf<typeof reviewArguments>;

function info(review: InlineReview, change: TrackedChange): ReviewChangeInfo {
  const range = review.rangeOfChange(change);
  return {
    id: change.id,
    original: change.original,
    proposed: change.proposed,
    state: change.state,
    range: {
      start: { line: range.start.line, character: range.start.character },
      end: { line: range.end.line, character: range.end.character },
    },
  };
}

function noReview(): CommandResult {
  const message = vscode.l10n.t('Inkwell: there are no tracked changes to review.');
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}

/** The ready review the arguments name, or why there is none. */
function readyReview(services: Services, args: ChangeArgs): InlineReview | CommandResult {
  const review = services.inlineReviews.find(args.reviewId);
  if (!review) return noReview();
  if (review.state === 'streaming') {
    const message = vscode.l10n.t('Inkwell: the proposal is still being written; its changes can be decided once it is complete.');
    void vscode.window.showInformationMessage(message);
    return { status: 'noInput', message, reviewId: review.id };
  }
  return review;
}

/** The change the arguments name, or the pending one at the cursor. */
function targetChange(review: InlineReview, args: ChangeArgs): TrackedChange | undefined {
  if (args.changeId) return review.change(args.changeId);
  const editor = vscode.window.activeTextEditor;
  return editor?.document === review.document ? review.changeAt(editor.selection.active) : undefined;
}

function decideOne(services: Services, id: string, decision: 'accept' | 'reject'): InkwellCommand<ChangeArgs> {
  return {
    id,
    args: changeArguments,
    async run(given): Promise<CommandResult> {
      const args = given ?? {};
      const review = readyReview(services, args);
      if (!('document' in review)) return review;
      const change = targetChange(review, args);
      if (!change || change.state !== 'pending') {
        const message = change
          ? `Inkwell: that change was already ${change.state}.`
          : vscode.l10n.t('Inkwell: there is no pending change at the cursor. Use Next Change to go to one.');
        void vscode.window.setStatusBarMessage(message, 4000);
        return { status: 'noInput', message, reviewId: review.id };
      }
      const done =
        decision === 'accept'
          ? await services.inlineReviews.accept(review, change.id)
          : await services.inlineReviews.reject(review, change.id);
      return done
        ? { status: 'done', reviewId: review.id, changes: review.changes().map((each) => info(review, each)) }
        : {
            status: 'error',
            message: vscode.l10n.t('Inkwell: the document could not take the change; it is unchanged.'),
            reviewId: review.id,
          };
    },
  };
}

function decideAll(services: Services, id: string, decision: 'accept' | 'reject'): InkwellCommand<ReviewArgs> {
  return {
    id,
    args: reviewArguments,
    async run(args): Promise<CommandResult> {
      const review = services.inlineReviews.find(args?.reviewId);
      if (!review) return noReview();
      const pending = review.changes().filter((change) => change.state === 'pending').length;
      const result = await decideInline(services, review, decision);
      const changes = review.changes().map((each) => info(review, each));
      if (result.status !== 'done' && result.status !== 'cancelled') return { ...result, changes };
      return {
        status: 'done',
        reviewId: review.id,
        message: `${pending} change${pending === 1 ? '' : 's'} ${decision === 'accept' ? 'accepted' : 'rejected'}`,
        changes,
      };
    },
  };
}

/** Inkwell's tracked-change commands: list, decide one or all, move between changes, undo a decision. */
export function trackedChangeCommands(services: Services): Array<InkwellCommand<ChangeArgs> | InkwellCommand<ReviewArgs>> {
  return [
    {
      id: 'inkwell.review.changes',
      args: reviewArguments,
      async run(args?: ReviewArgs): Promise<CommandResult> {
        const review = services.inlineReviews.find(args?.reviewId);
        if (!review) return { status: 'noInput', message: vscode.l10n.t('Inkwell: there are no tracked changes to review.') };
        return { status: 'done', reviewId: review.id, changes: review.changes().map((change) => info(review, change)) };
      },
    },
    decideOne(services, 'inkwell.review.acceptChange', 'accept'),
    decideOne(services, 'inkwell.review.rejectChange', 'reject'),
    decideAll(services, 'inkwell.review.acceptAll', 'accept'),
    decideAll(services, 'inkwell.review.rejectAll', 'reject'),
    ...(['nextChange', 'previousChange'] as const).map((name): InkwellCommand<ReviewArgs> => ({
      id: `inkwell.review.${name}`,
      args: reviewArguments,
      async run(args): Promise<CommandResult> {
        const review = readyReview(services, args ?? {});
        if (!('document' in review)) return review;
        const change = await services.inlineReviews.move(review, name === 'nextChange' ? 1 : -1);
        return change
          ? { status: 'done', reviewId: review.id, changes: [info(review, change)] }
          : { status: 'noInput', message: vscode.l10n.t('Inkwell: no change is left pending.'), reviewId: review.id };
      },
    })),
    {
      // Ctrl+Z while a review is open: the last decision first, then the writer's own typing as usual.
      id: 'inkwell.review.undoDecision',
      args: reviewArguments,
      async run(args?: ReviewArgs): Promise<CommandResult> {
        const review = services.inlineReviews.find(args?.reviewId);
        const undone = review && review.state === 'ready' ? await services.inlineReviews.undoDecision(review) : false;
        if (review && undone) return { status: 'done', reviewId: review.id, changes: undone.map((change) => info(review, change)) };
        await vscode.commands.executeCommand('undo');
        return { status: 'noInput', message: vscode.l10n.t('Inkwell: no decision to undo; undid the last edit instead.') };
      },
    },
  ];
}
