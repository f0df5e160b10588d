import * as vscode from 'vscode';
import type { GenerationLogger } from '../generation/types';
import type { CommandResult } from '../shared/commandResult';
import type { HostMessage } from '../shared/protocol';
import { conversationToMarkdown, exportFileName } from './conversationExport';
import { conversationView, emptyConversation } from './conversationModel';
import type { ConversationStore, StoredConversation } from './conversationStore';

/** What a session's history is built with. */
export interface ChatHistoryDeps {
  store: ConversationStore;
  log: GenerationLogger;
  /** Remembers the open conversation across reloads (the view's session only). */
  memory?: vscode.Memento;
  /** Posts to the page, when one listens; false when none does. */
  post(message: HostMessage): boolean;
  /** Stops the streaming answer and waits until it is saved: a conversation switched away from keeps its answer. */
  stopAnswer(): Promise<void>;
}

const currentConversationKey = 'inkwell.chat.currentConversation';

/**
 * Which conversation a chat shows, and the saved ones behind it: the history
 * list, opening, renaming, deleting and exporting chats, and saving the one
 * shown. The session's turns write into `current()`; everything that switches
 * conversation stops the turn first, through `stopAnswer`.
 */
export class ChatHistory {
  private conversation: StoredConversation | undefined;
  /** The "Chat History" command ran before the page was ready: the list opens with `init`. */
  private listOnInit = false;

  constructor(
    private readonly deps: ChatHistoryDeps,
    initial?: StoredConversation,
  ) {
    this.conversation = initial;
  }

  /** The conversation shown, loaded on first use. */
  async current(): Promise<StoredConversation> {
    if (!this.conversation) {
      const id = this.deps.memory?.get<string>(currentConversationKey);
      // The remembered chat may be an empty one that was never saved: its missing file is no damage.
      this.conversation = (id ? await this.deps.store.load(id, true) : undefined) ?? emptyConversation();
    }
    return this.conversation;
  }

  /** The conversation shown, without waiting: an empty one when none was loaded yet. */
  shown(): StoredConversation {
    return (this.conversation ??= emptyConversation());
  }

  /** True when the shown conversation has no messages (not when none is loaded yet). */
  get showsEmpty(): boolean {
    return this.conversation?.messages.length === 0;
  }

  /** Whether `init` should open the history list; asking clears it. */
  takeListOnInit(): boolean {
    const open = this.listOnInit;
    this.listOnInit = false;
    return open;
  }

  /** Opens the history list now, or as soon as the page is ready. */
  showList(): void {
    this.listOnInit = !this.deps.post({ type: 'showHistory' });
  }

  /** Shows `conversation` from now on, and remembers it for the next reload. */
  show(conversation: StoredConversation): void {
    this.conversation = conversation;
    this.remember(conversation);
    this.deps.post({ type: 'conversation', conversation: conversationView(conversation) });
  }

  /** Remembers `conversation` as the one to reopen after a reload. */
  remember(conversation: StoredConversation): void {
    void this.deps.memory?.update(currentConversationKey, conversation.id);
  }

  /** Saves a snapshot in the background; a shown history list reloads once it is written. */
  save(conversation: StoredConversation): void {
    const snapshot: StoredConversation = { ...conversation, messages: [...conversation.messages] };
    this.deps.store.save(snapshot).then(
      () => this.deps.post({ type: 'historyChanged' }),
      (error: unknown) => {
        this.deps.log.error(`chat: could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage('Inkwell: the chat could not be saved; see the log (Inkwell: Show Log).');
      },
    );
  }

  /** Answers a `listHistory` request with one page of the list. */
  async listPage(requestId: string, query: string, offset: number, limit: number): Promise<void> {
    const page = await this.deps.store.page(query, offset, limit);
    this.deps.post({ type: 'historyPage', requestId, items: page.items, total: page.total, offset });
  }

  /** Shows a saved conversation; false (and the user told) when it cannot be read. */
  async open(id: string): Promise<boolean> {
    if (this.conversation?.id === id) return true;
    const loaded = await this.deps.store.load(id);
    if (!loaded) {
      void vscode.window.showWarningMessage('Inkwell: that chat could not be read; see the log (Inkwell: Show Log).');
      return false;
    }
    await this.deps.stopAnswer();
    this.show(loaded);
    return true;
  }

  /** Renames a chat to `title`, or to what the user types when there is none. */
  async rename(id: string, title: string | undefined): Promise<void> {
    const existing = this.conversation?.id === id ? this.conversation : await this.deps.store.load(id);
    if (!existing) return;
    const chosen =
      title ?? (await vscode.window.showInputBox({ title: 'Rename Chat', value: existing.title, prompt: 'New title for this chat' }));
    if (!chosen?.trim()) return;
    const trimmed = chosen.trim().slice(0, 200);
    if (this.conversation?.id === id) {
      this.conversation.title = trimmed;
      this.save(this.conversation);
    } else {
      await this.deps.store.rename(id, trimmed);
      this.deps.post({ type: 'historyChanged' });
    }
    this.deps.post({ type: 'title', conversationId: id, title: trimmed });
  }

  /** Deletes a saved chat; deleting the one shown stops its answer and shows an empty chat. */
  async delete(id: string): Promise<void> {
    if (this.conversation?.id === id) {
      await this.deps.stopAnswer();
      await this.deps.store.delete(id);
      this.show(emptyConversation());
    } else {
      await this.deps.store.delete(id);
    }
    this.deps.post({ type: 'historyChanged' });
  }

  /** Every saved chat was deleted: show an empty one, and an empty history list. */
  deletedAll(): void {
    this.show(emptyConversation());
    this.deps.post({ type: 'historyChanged' });
  }

  /** Writes the conversation as Markdown to `target`, or where the user picks. */
  async export(target?: vscode.Uri): Promise<CommandResult & { uri?: string }> {
    const conversation = await this.current();
    if (conversation.messages.length === 0) {
      void vscode.window.showInformationMessage('Inkwell: this chat is empty; there is nothing to export yet.');
      return { status: 'noInput' };
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, exportFileName(conversation.title)) : undefined,
        filters: { Markdown: ['md'] },
        title: 'Export Chat as Markdown',
      }));
    if (!uri) return { status: 'cancelled' };
    const markdown = conversationToMarkdown(conversation);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
    if (!target) {
      void vscode.window.showInformationMessage(`Inkwell: chat exported to ${uri.path.split('/').pop()}.`, 'Open').then((choice) => {
        if (choice) void vscode.window.showTextDocument(uri);
      });
    }
    return { status: 'done', text: markdown, uri: uri.toString() };
  }
}
