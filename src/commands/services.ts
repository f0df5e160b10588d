import type * as vscode from 'vscode';
import type { ApiKeyStore } from '../connection/apiKeyStore';
import type { InlineReviews } from '../editor/inlineReview/inlineReviews';
import type { ReviewManager } from '../editor/reviewManager';
import type { RunningOperations } from '../editor/runningOperations';
import type { GenerationService } from '../generation/generationService';
import type { TokenCounter } from '../generation/tokenCounter';
import type { SetupAssistant } from '../onboarding/setupAssistant';
import type { CommandResult } from '../shared/commandResult';
import type { CommandArguments } from './commandArguments';

// Shared with the chat, which must not import commands/: the shapes live in shared/.
export type { CommandResult, ReviewChangeInfo } from '../shared/commandResult';

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
  readonly chat: ChatCommandTarget;
  /** Offers working models to a newcomer; "Inkwell: Find Local Models". */
  readonly setup: SetupAssistant;
  /** `@inkwell` in VS Code's chat view, for the buttons under its answers. */
  readonly participant: ParticipantCommandTarget;
}

/** What the buttons under an `@inkwell` answer ask of the participant; each takes the answer's exchange id. */
export interface ParticipantCommandTarget {
  insertAnswer(exchange: string): Promise<CommandResult>;
  reviewAnswer(exchange: string): Promise<CommandResult>;
  continueInChat(exchange: string): Promise<CommandResult>;
}

/** What the chat commands ask of the chat (`ChatViewProvider`), so commands/ need not import chat/. */
export interface ChatCommandTarget {
  reveal(): Promise<CommandResult>;
  openInEditor(): Promise<CommandResult>;
  newConversation(): Promise<CommandResult>;
  showHistory(): Promise<CommandResult>;
  deleteAllHistory(): Promise<{ removed: number; directory: string }>;
  exportConversation(target?: vscode.Uri, options?: { confirmed?: boolean; overwrite?: boolean }): Promise<CommandResult>;
}

/** A command: its id (as in package.json), the arguments it takes, and what it does. Arguments replace dialogs. */
export interface InkwellCommand<A = unknown> {
  readonly id: string;
  /** Checked by the registry before `run`; a command without them takes none. */
  readonly args?: CommandArguments<A>;
  /** `args` is undefined when none were given (or only a menu's Uri): the command asks instead. */
  run(args?: A): Thenable<unknown>;
}
