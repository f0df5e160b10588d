import * as path from 'path';
import * as vscode from 'vscode';
import type { TokenCounter } from '../generation/tokenCounter';
import type { InlineReviews } from '../editor/inlineReview/inlineReviews';
import type { ReviewManager } from '../editor/reviewManager';
import type { CommandResult } from '../shared/commandResult';
import { askModal } from '../consent/scriptedConfirmation';
import type { RunningOperations } from '../editor/runningOperations';
import type { GenerationService } from '../generation/generationService';
import { isProtocolId } from '../shared/protocol';
import { ChatSession, type ChatSessionDeps, type ChatSetup } from './chatSession';
import { ChatSurface } from './chatSurface';
import { ContextChips } from './contextChips';
import { readConfig } from '../settings/config';
import { ConversationStore } from './conversationStore';
import { EditorActions } from './editorActions';
import { chatHtml, chatWebviewOptions } from './webviewHtml';
import { Disposable } from '../shared/disposable';

/** The `Chat` webview view in the Inkwell activity-bar container (package.json). */
export const chatViewId = 'inkwell.chat';
/** The editor tabs' webview type; `onWebviewPanel:inkwell.chatPanel` in package.json brings them back after a reload. */
export const chatPanelType = 'inkwell.chatPanel';

/** What the chat is built with; assembled in `activate()`. */
export interface ChatDeps {
  context: vscode.ExtensionContext;
  generation: GenerationService;
  operations: RunningOperations;
  log: vscode.LogOutputChannel;
  reviews: ReviewManager;
  inlineReviews?: InlineReviews;
  setup?: ChatSetup;
  tokens?: TokenCounter;
}

interface Panel {
  panel: vscode.WebviewPanel;
  session: ChatSession;
  surface: ChatSurface;
}

/**
 * The chat in the side bar, and in editor tabs ("Open Chat in Editor"). Each
 * surface has its own session; all share the conversation store and the
 * editor actions. Commands act on the surface used last.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider, vscode.WebviewPanelSerializer {
  readonly store: ConversationStore;
  readonly editor: EditorActions;
  /** The side view's session; it lives as long as the extension, across hide and show. */
  readonly viewSession: ChatSession;
  private viewSurface: ChatSurface | undefined;
  private view: vscode.WebviewView | undefined;
  private readonly panels = new Set<Panel>();
  private active: ChatSession;
  private warnedAboutStore = false;
  /** The side view's own listeners, replaced when VS Code resolves the view again. */
  private viewListeners: vscode.Disposable | undefined;

  constructor(private readonly deps: ChatDeps) {
    super();
    const { context, log } = deps;
    this.editor = new EditorActions(deps.reviews, deps.inlineReviews);
    this.store = new ConversationStore(
      path.join(context.globalStorageUri.fsPath, 'conversations'),
      {
        warn: (message) => {
          log.warn(`chat history: ${message}`);
          if (this.warnedAboutStore) return;
          this.warnedAboutStore = true;
          void vscode.window
            .showWarningMessage(
              vscode.l10n.t('Inkwell: a saved chat could not be read and was skipped. The others are fine; details are in the log.'),
              'Show Log',
            )
            .then((choice) => {
              if (choice) log.show(true);
            });
        },
      },
      () => readConfig().chatHistoryRetentionDays,
    );
    // The retention setting holds from startup, not only from the next save.
    this.store.prune().then(
      (removed) => {
        if (removed > 0) log.info(`chat history: deleted ${removed} chats older than inkwell.chat.historyRetentionDays`);
      },
      (error: unknown) => log.warn(`chat history: could not delete old chats: ${String(error)}`),
    );
    this.viewSession = this.createSession(context.globalState);
    this.active = this.viewSession;
    this.registerAll(this.editor, this.viewSession);
  }

  override dispose(): void {
    for (const { panel } of this.panels) panel.dispose();
    this.viewSurface?.dispose();
    this.viewListeners?.dispose();
    super.dispose();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const { extensionUri } = this.deps.context;
    this.viewSurface?.dispose();
    this.view = view;
    view.webview.options = chatWebviewOptions(extensionUri);
    view.webview.html = chatHtml(view.webview, extensionUri);
    const surface = new ChatSurface(view.webview, this.viewSession, 'view', this.deps.log);
    this.viewSurface = surface;
    // A view resolved again (after it was closed and reopened) replaces the old view's listeners.
    this.viewListeners?.dispose();
    this.viewListeners = vscode.Disposable.from(
      view.onDidChangeVisibility(() => {
        if (view.visible) this.active = this.viewSession;
        else surface.hidden();
      }),
      view.onDidDispose(() => {
        surface.dispose();
        if (this.view === view) this.view = undefined;
      }),
    );
  }

  /** Shows the side view (creating it if needed). */
  async reveal(): Promise<CommandResult> {
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
    this.active = this.viewSession;
    return { status: 'done' };
  }

  /** Moves the side view's conversation into an editor tab; the side view starts a new chat. */
  async openInEditor(): Promise<CommandResult> {
    const conversation = await this.viewSession.current();
    const moving = conversation.messages.length > 0;
    if (moving) await this.viewSession.newConversation();
    const session = this.createSession(undefined, moving ? conversation : undefined);
    const panel = vscode.window.createWebviewPanel(chatPanelType, 'Inkwell Chat', vscode.ViewColumn.Beside, {
      ...chatWebviewOptions(this.deps.context.extensionUri),
      retainContextWhenHidden: false,
    });
    this.adoptPanel(panel, session);
    return { status: 'done' };
  }

  /**
   * Brings back an editor tab after a reload: VS Code keeps the tab and the
   * page's saved state (the conversation id), Inkwell reloads the conversation.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const id = typeof state === 'object' && state !== null ? (state as { conversationId?: unknown }).conversationId : undefined;
    // A tab's chat that was still empty was never saved: it opens empty again, without a warning.
    const conversation = isProtocolId(id) ? await this.store.load(id, true) : undefined;
    this.adoptPanel(panel, this.createSession(undefined, conversation));
  }

  private adoptPanel(panel: vscode.WebviewPanel, session: ChatSession): void {
    const { extensionUri } = this.deps.context;
    panel.webview.options = chatWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'inkwell.svg');
    panel.webview.html = chatHtml(panel.webview, extensionUri);
    const surface = new ChatSurface(panel.webview, session, 'panel', this.deps.log);
    const entry: Panel = { panel, session, surface };
    this.panels.add(entry);
    this.active = session;
    const viewState = panel.onDidChangeViewState(() => {
      if (panel.active) this.active = session;
      if (!panel.visible) surface.hidden();
    });
    const closed = panel.onDidDispose(() => {
      viewState.dispose();
      closed.dispose();
      surface.dispose();
      session.dispose();
      this.panels.delete(entry);
      if (this.active === session) this.active = this.viewSession;
    });
  }

  /** The session commands act on: the surface used last. */
  get activeSession(): ChatSession {
    return this.active;
  }

  async newConversation(): Promise<CommandResult> {
    if (this.active === this.viewSession) await this.reveal();
    await this.active.newConversation();
    return { status: 'done' };
  }

  async showHistory(): Promise<CommandResult> {
    if (this.active === this.viewSession) await this.reveal();
    this.active.showHistory();
    return { status: 'done' };
  }

  /** Deletes every saved chat; open chats stop their answers first and then show an empty chat. */
  async deleteAllHistory(): Promise<{ removed: number; directory: string }> {
    const sessions = [this.viewSession, ...[...this.panels].map((entry) => entry.session)];
    for (const session of sessions) await session.stopAnswer();
    const removed = await this.store.deleteAll();
    for (const session of sessions) session.historyDeleted();
    return { removed, directory: this.store.directory };
  }

  /**
   * Exports the current chat to `target`, or where the user picks in the save
   * dialog (which asks itself before replacing a file). A target from a
   * command call is asked about first unless `confirmed`, and an existing
   * file is replaced only when the user agrees in the modal, or the call says
   * `overwrite: true` as well.
   */
  async exportConversation(target?: vscode.Uri, options: { confirmed?: boolean; overwrite?: boolean } = {}): Promise<CommandResult> {
    if (!target) return this.active.exportConversation();
    const shown = target.scheme === 'file' ? target.fsPath : target.toString();
    const exists = await vscode.workspace.fs.stat(target).then(
      () => true,
      () => false,
    );
    if (exists && options.confirmed && !options.overwrite) {
      const message = vscode.l10n.t(
        'Inkwell: {0} already exists, so the chat was not exported. Pass overwrite: true to replace it, or choose another path.',
        shown,
      );
      return { status: 'cancelled', message };
    }
    if (!options.confirmed || (exists && !options.overwrite)) {
      const question = exists ? vscode.l10n.t('Replace {0} with this chat?', shown) : vscode.l10n.t('Export this chat to {0}?', shown);
      const detail = exists
        ? vscode.l10n.t(
            'A command call (a script, a keybinding or another extension) asks to write the whole conversation over an existing file. Allow it only if you started it.',
          )
        : vscode.l10n.t(
            'A command call (a script, a keybinding or another extension) asks to write the whole conversation. Allow it only if you started it.',
          );
      if (!(await askModal(question, detail, exists ? 'Replace' : 'Export')))
        return { status: 'cancelled', message: vscode.l10n.t('Inkwell: the chat was not exported.') };
    }
    return this.active.exportConversation(target);
  }

  private createSession(memory: vscode.Memento | undefined, initial?: ConstructorParameters<typeof ChatSession>[1]): ChatSession {
    const deps: ChatSessionDeps = {
      store: this.store,
      generation: this.deps.generation,
      operations: this.deps.operations,
      chips: new ContextChips(),
      editor: this.editor,
      log: this.deps.log,
      tokens: this.deps.tokens,
      memory,
      setup: this.deps.setup,
    };
    return new ChatSession(deps, initial);
  }
}
