import type * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKeyStore';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { InlineReviews } from '../editor/inlineReview/inlineReviews';
import type { ReviewManager } from '../editor/reviewManager';
import type { RunningOperations } from '../editor/runningOperations';
import type { GenerationService } from '../generation/generationService';
import type { TokenCounter } from '../generation/tokenCounter';
import type { SetupAssistant } from '../onboarding/setupAssistant';

/** What commands are built with; assembled once in `activate()`. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly keys: ApiKeyStore;
  readonly generation: GenerationService;
  readonly operations: RunningOperations;
  readonly reviews: ReviewManager;
  /** Rewrites reviewed in place as tracked changes. */
  readonly inlineReviews: InlineReviews;
  readonly tokens: TokenCounter;
  /** The side-panel chat (and its editor tabs). */
  readonly chat: ChatViewProvider;
  /** Offers working models to a newcomer; "Inkwell: Find Local Models". */
  readonly setup: SetupAssistant;
}

/**
 * What every command resolves with, so scripts, keybindings and tests can see
 * the outcome without reading notifications.
 */
export interface CommandResult {
  status: 'done' | 'cancelled' | 'error' | 'stopped' | 'noInput';
  /** What the user was told, when they were told something. */
  message?: string;
  /** The error category for `error` (see `GenerationErrorCategory`). */
  category?: string;
  /** The buttons offered with the message. */
  actions?: string[];
  /** The answer text (or the part that arrived). */
  text?: string;
  /** Set when the answer waits in a review; pass it to `inkwell.review.accept`/`reject` and the tracked-change commands. */
  reviewId?: number;
  /** A tracked-changes review's changes in document order (`inkwell.review.changes` and every decision). */
  changes?: ReviewChangeInfo[];
}

/** One tracked change as scripts see it; `range` is where it is in the document now. */
export interface ReviewChangeInfo {
  id: string;
  original: string;
  proposed: string;
  state: 'pending' | 'accepted' | 'rejected';
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** A command: its id (as in package.json) and what it does. Arguments replace dialogs. */
export interface InkwellCommand {
  readonly id: string;
  run(...args: unknown[]): Thenable<unknown>;
}
