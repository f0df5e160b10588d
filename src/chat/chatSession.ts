import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { resolveAnswerLanguage } from '../commands/answerLanguage';
import type { CommandResult } from '../commands/services';
import { readConfig } from '../config';
import type { RunningOperations } from '../editor/runningOperations';
import { GenerationError } from '../generation/errors';
import type { GenerationService } from '../generation/generationService';
import type { ChatMessage, GenerationOutcome } from '../generation/types';
import { buildChatMessages, buildSlashPrompt, composeUserPrompt, slashTemperature } from '../prompts/chatPrompt';
import { codeBlocksOf, createMarkdownParser } from '../shared/markdown';
import {
  isWebLink,
  type AttachedContext,
  type ConversationView,
  type HeaderView,
  type HostMessage,
  type InitMessage,
  type MessageView,
  type WebviewMessage,
} from '../shared/protocol';
import { parseSlashCommand } from '../shared/slashCommands';
import type { ContextChips } from './contextChips';
import { conversationToMarkdown, exportFileName } from './conversationExport';
import type { ConversationStore, StoredConversation, StoredMessage } from './conversationStore';
import type { EditorActions } from './editorActions';
import { pickModel } from './modelPicker';

/** Where a session's messages go: the webview surface, or a test's recorder. */
export interface ChatPort {
  /** Returns false when the page is not listening (not ready, hidden). */
  post(message: HostMessage): boolean;
}

/** What a session is built with. */
export interface ChatSessionDeps {
  store: ConversationStore;
  generation: GenerationService;
  operations: RunningOperations;
  /** Owned by the session: disposed with it. */
  chips: ContextChips;
  editor: EditorActions;
  log: vscode.LogOutputChannel;
  /** Remembers the open conversation across reloads (the view's session only). */
  memory?: vscode.Memento;
}

/** The answer being streamed. */
interface Turn {
  requestId: string;
  assistantId: string;
  conversation: StoredConversation;
  controller: AbortController;
  text: string;
  /** Regenerate: the old answer, saved until the new one is finished but no longer shown. */
  replaces?: string;
  done: Promise<void>;
}

const currentConversationKey = 'inkwell.chat.currentConversation';
/** Streamed text is sent to the webview at most this often: it renders once per frame anyway. */
const chunkIntervalMs = 16;
const titleChars = 60;

/** The persona and standing instructions; the manifest holds the default. */
export function readPersona(): string {
  return vscode.workspace.getConfiguration('inkwell').get<string>('chat.systemPrompt', '') ?? '';
}

function emptyConversation(): StoredConversation {
  const now = Date.now();
  return { version: 1, id: randomUUID(), title: 'New chat', createdAt: now, updatedAt: now, messages: [] };
}

function viewOf(message: StoredMessage): MessageView {
  const { prompt: _prompt, taskSystem: _taskSystem, ...view } = message;
  return view;
}

function conversationView(conversation: StoredConversation): ConversationView {
  return { id: conversation.id, title: conversation.title, messages: conversation.messages.map(viewOf) };
}

function titleFrom(text: string, context: readonly AttachedContext[]): string {
  const line = text.trim().split('\n')[0].trim() || context[0]?.label || 'New chat';
  return line.length > titleChars ? `${line.slice(0, titleChars - 1)}…` : line;
}

/**
 * One chat's logic on the extension side: turns webview requests into
 * generation requests, streams the answer back, saves finished messages and
 * runs the editor actions. It outlives its webview: a hidden view's answer
 * keeps streaming here and a re-shown view picks it up from `init`.
 */
export class ChatSession implements vscode.Disposable {
  private conversation: StoredConversation | undefined;
  private turn: Turn | undefined;
  private port: ChatPort | undefined;
  private pendingChunk = '';
  private chunkTimer: ReturnType<typeof setTimeout> | undefined;
  private historyOnInit = false;
  private readonly parser = createMarkdownParser();
  private readonly listeners: vscode.Disposable[] = [];

  constructor(private readonly deps: ChatSessionDeps, initial?: StoredConversation) {
    this.conversation = initial;
    this.listeners.push(
      deps.chips.onDidChange(() => this.post({ type: 'chips', chips: deps.chips.views() })),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['inkwell.model', 'inkwell.provider', 'inkwell.chat.systemPrompt'].some((key) => event.affectsConfiguration(key))) {
          this.post({ type: 'header', header: this.header() });
        }
      }),
    );
  }

  dispose(): void {
    this.turn?.controller.abort();
    for (const listener of this.listeners.splice(0)) listener.dispose();
    this.deps.chips.dispose();
  }

  /** Sends to this port from now on. */
  attach(port: ChatPort): void {
    this.port = port;
  }

  /** Stops sending to this port, if it is still the one attached. */
  detach(port: ChatPort): void {
    if (this.port === port) this.port = undefined;
  }

  /** The conversation shown, loaded on first use. */
  async current(): Promise<StoredConversation> {
    if (!this.conversation) {
      const id = this.deps.memory?.get<string>(currentConversationKey);
      this.conversation = (id ? await this.deps.store.load(id) : undefined) ?? emptyConversation();
    }
    return this.conversation;
  }

  /** True while an answer streams. */
  get busy(): boolean {
    return !!this.turn;
  }

  /** Resolves when the streaming answer (if any) has ended and been saved. */
  async idle(): Promise<void> {
    await this.turn?.done;
  }

  /** Everything the webview needs after `ready`. Synchronous, so no chunk can slip between it and the next post. */
  initMessage(surface: InitMessage['surface']): InitMessage {
    const conversation = this.conversation ?? emptyConversation();
    this.conversation = conversation;
    const turn = this.turn && this.turn.conversation === conversation ? this.turn : undefined;
    const shown = turn?.replaces ? { ...conversation, messages: conversation.messages.filter((message) => message.id !== turn.replaces) } : conversation;
    const init: InitMessage = {
      type: 'init',
      surface,
      conversation: conversationView(shown),
      streaming: turn ? { requestId: turn.requestId, messageId: turn.assistantId, text: turn.text + this.pendingChunk } : undefined,
      chips: this.deps.chips.views(),
      header: this.header(),
      ...(this.historyOnInit ? { openHistory: true } : {}),
    };
    this.historyOnInit = false;
    return init;
  }

  header(): HeaderView {
    const persona = readPersona().trim().split('\n')[0] ?? '';
    return { model: readConfig().model, persona };
  }

  /** Acts on one validated message from the webview. */
  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'send':
        return this.send(message.requestId, message.text, message.chipIds);
      case 'stop':
        if (this.turn?.requestId === message.requestId) this.turn.controller.abort();
        return;
      case 'regenerate':
        return this.regenerate(message.requestId);
      case 'editAndResend':
        return this.editAndResend(message.requestId, message.messageId, message.text);
      case 'newChat':
        return this.newConversation();
      case 'removeChip':
        return this.deps.chips.remove(message.chipId);
      case 'addCurrentFile': {
        const problem = this.deps.chips.addFile();
        if (problem) void vscode.window.showInformationMessage(`Inkwell: ${problem}`);
        return;
      }
      case 'editorAction':
        await this.editorAction(message.action, message.messageId, message.codeBlock);
        return;
      case 'openLink':
        return this.openLink(message.href);
      case 'pickModel':
        await pickModel(this.deps.generation, this.deps.log);
        return;
      case 'editPersona':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'inkwell.chat.systemPrompt');
        return;
      case 'listHistory': {
        const page = await this.deps.store.page(message.query, message.offset, message.limit);
        this.post({ type: 'historyPage', requestId: message.requestId, items: page.items, total: page.total, offset: message.offset });
        return;
      }
      case 'openConversation':
        await this.openConversation(message.conversationId);
        return;
      case 'renameConversation':
        await this.renameConversation(message.conversationId, message.title);
        return;
      case 'deleteConversation':
        await this.deleteConversation(message.conversationId);
        return;
      case 'exportConversation':
        await this.exportConversation();
        return;
      case 'cspViolation':
        this.deps.log.warn(`chat webview: the Content-Security-Policy blocked ${message.blockedUri || 'an inline resource'} (${message.directive})`);
        return;
    }
  }

  /** Starts an empty conversation; the current one stays in the history. Nothing to do when it is empty already. */
  async newConversation(): Promise<void> {
    if (!this.turn && this.conversation?.messages.length === 0) return;
    await this.stopAndWait();
    this.show(emptyConversation());
  }

  async openConversation(id: string): Promise<boolean> {
    if (this.conversation?.id === id) return true;
    const loaded = await this.deps.store.load(id);
    if (!loaded) {
      void vscode.window.showWarningMessage('Inkwell: that chat could not be read; see the log (Inkwell: Show Log).');
      return false;
    }
    await this.stopAndWait();
    this.show(loaded);
    return true;
  }

  /** Opens the history list now, or as soon as the page is ready. */
  showHistory(): void {
    this.historyOnInit = !this.post({ type: 'showHistory' });
  }

  /** Writes the conversation as Markdown to `target`, or where the user picks. */
  async exportConversation(target?: vscode.Uri): Promise<CommandResult & { uri?: string }> {
    const conversation = await this.current();
    if (conversation.messages.length === 0) {
      void vscode.window.showInformationMessage('Inkwell: this chat is empty; there is nothing to export yet.');
      return { status: 'noInput' };
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = target ?? (await vscode.window.showSaveDialog({
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

  private show(conversation: StoredConversation): void {
    this.conversation = conversation;
    void this.deps.memory?.update(currentConversationKey, conversation.id);
    this.post({ type: 'conversation', conversation: conversationView(conversation) });
  }

  private async stopAndWait(): Promise<void> {
    this.turn?.controller.abort();
    await this.idle();
  }

  private post(message: HostMessage): boolean {
    return this.port?.post(message) ?? false;
  }

  private refuse(requestId: string, message: string): void {
    this.post({ type: 'error', requestId, message });
  }


  private async send(requestId: string, text: string, chipIds: string[]): Promise<void> {
    if (this.turn) return this.refuse(requestId, 'An answer is still being written. Stop it first, or wait for it to finish.');
    const conversation = await this.current();
    const context = this.deps.chips.resolve(chipIds);
    if (!context) return this.refuse(requestId, 'An attached chip is no longer available. Attach it again and resend.');
    if (!text.trim() && context.length === 0) return this.refuse(requestId, 'Type a message first.');
    const user = this.userMessage(conversation, text, context);
    if (!user) return this.refuse(requestId, 'There is no text for that command: select some text (it is attached as a chip) or write it after the command.');
    this.deps.chips.clear();
    if (conversation.messages.length === 0) conversation.title = titleFrom(text, context);
    conversation.messages.push(user);
    conversation.updatedAt = Date.now();
    this.save(conversation);
    void this.deps.memory?.update(currentConversationKey, conversation.id);
    this.post({ type: 'title', conversationId: conversation.id, title: conversation.title });
    this.startTurn(requestId, conversation, { userMessage: user });
  }

  private async regenerate(requestId: string): Promise<void> {
    if (this.turn) return this.refuse(requestId, 'An answer is still being written. Stop it first.');
    const conversation = await this.current();
    const last = conversation.messages[conversation.messages.length - 1];
    if (!last || !conversation.messages.some((message) => message.role === 'user')) return this.refuse(requestId, 'There is no question to answer again.');
    // The old answer stays saved until the new one is finished.
    this.startTurn(requestId, conversation, { replaceFrom: last.role === 'assistant' ? last.id : undefined });
  }

  private async editAndResend(requestId: string, messageId: string, text: string): Promise<void> {
    if (this.turn) return this.refuse(requestId, 'An answer is still being written. Stop it first.');
    const conversation = await this.current();
    const index = conversation.messages.findIndex((message) => message.id === messageId);
    const original = conversation.messages[index];
    if (!original || original.role !== 'user') return this.refuse(requestId, 'That message is no longer in this chat.');
    const context = original.context ?? [];
    if (!text.trim() && context.length === 0) return this.refuse(requestId, 'Type a message first.');
    const user = this.userMessage(conversation, text, context, index);
    if (!user) return this.refuse(requestId, 'There is no text for that command.');
    conversation.messages.splice(index);
    if (index === 0) conversation.title = titleFrom(text, context);
    conversation.messages.push(user);
    conversation.updatedAt = Date.now();
    this.save(conversation);
    this.post({ type: 'title', conversationId: conversation.id, title: conversation.title });
    this.startTurn(requestId, conversation, { replaceFrom: messageId, userMessage: user });
  }

  /** The stored user message, with the prompt it sends; undefined when a slash command has nothing to work on. */
  private userMessage(conversation: StoredConversation, text: string, context: AttachedContext[], before = conversation.messages.length): StoredMessage | undefined {
    const base: StoredMessage = { id: randomUUID(), role: 'user', text, status: 'complete', createdAt: Date.now(), ...(context.length ? { context } : {}) };
    const slash = parseSlashCommand(text);
    if (slash) {
      const lastAnswer = conversation.messages.slice(0, before).reverse().find((message) => message.role === 'assistant' && message.text.trim())?.text;
      const config = readConfig();
      const prompt = buildSlashPrompt(slash, context, lastAnswer, {
        answerLanguage: resolveAnswerLanguage(config.answerLanguage),
        summaryLength: config.summaryLength,
        summaryForm: config.summaryForm,
      });
      return prompt ? { ...base, prompt: prompt.user, taskSystem: prompt.system } : undefined;
    }
    const prompt = composeUserPrompt(text, context);
    return prompt === text ? base : { ...base, prompt };
  }

  /** The messages for the model: a slash turn sends its task prompt alone, a chat turn the whole history. */
  private requestMessages(conversation: StoredConversation): ChatMessage[] {
    const user = [...conversation.messages].reverse().find((message) => message.role === 'user')!;
    if (user.taskSystem) return [{ role: 'system', content: user.taskSystem }, { role: 'user', content: user.prompt ?? user.text }];
    const history = conversation.messages
      .filter((message) => message.role === 'user' || message.text.trim())
      .map((message) => ({ role: message.role, content: message.role === 'user' ? (message.prompt ?? message.text) : message.text }));
    const hasContext = conversation.messages.some((message) => message.context?.length);
    return buildChatMessages(readPersona(), history, hasContext);
  }

  private startTurn(requestId: string, conversation: StoredConversation, start: { replaceFrom?: string; userMessage?: StoredMessage }): void {
    const assistantId = randomUUID();
    const controller = new AbortController();
    const replaces = start.replaceFrom && !start.userMessage ? start.replaceFrom : undefined;
    const turn: Turn = { requestId, assistantId, conversation, controller, text: '', replaces, done: Promise.resolve() };
    this.turn = turn;
    this.post({ type: 'turnStarted', requestId, assistantId, replaceFrom: start.replaceFrom, userMessage: start.userMessage && viewOf(start.userMessage) });
    turn.done = this.deps.operations.run('Chat', async (operation) => {
      operation.controller.signal.addEventListener('abort', () => controller.abort());
      await this.stream(turn);
    });
  }

  private async stream(turn: Turn): Promise<void> {
    const { conversation } = turn;
    const history: StoredConversation = turn.replaces ? { ...conversation, messages: conversation.messages.filter((message) => message.id !== turn.replaces) } : conversation;
    const config = readConfig();
    const user = [...history.messages].reverse().find((message) => message.role === 'user');
    const slash = user?.taskSystem ? parseSlashCommand(user.text) : undefined;
    const answer: StoredMessage = { id: turn.assistantId, role: 'assistant', text: '', status: 'complete', createdAt: Date.now(), model: config.model };
    let outcome: GenerationOutcome | undefined;
    let failure: GenerationError | undefined;
    try {
      outcome = await this.deps.generation.generate(
        {
          messages: this.requestMessages(history),
          temperature: (slash && slashTemperature(slash.name)) ?? config.temperature,
          maxOutputTokens: config.maxTokens,
          signal: turn.controller.signal,
        },
        (delta) => this.queueChunk(turn, delta),
      );
    } catch (error) {
      failure = error instanceof GenerationError ? error : new GenerationError('badResponse', error instanceof Error ? error.message : String(error));
    }
    this.flushChunk(turn);
    answer.text = outcome?.text ?? (turn.text || failure?.partialText || '');
    if (outcome) {
      answer.model = outcome.model ?? config.model;
      if (outcome.usage) answer.usage = { promptTokens: outcome.usage.promptTokens, completionTokens: outcome.usage.completionTokens };
    } else if (failure?.category === 'cancelled') {
      answer.status = 'stopped';
    } else {
      answer.status = 'error';
      answer.errorMessage = failure?.message ?? 'The request failed.';
    }
    conversation.messages = [...history.messages, answer];
    conversation.updatedAt = Date.now();
    this.turn = undefined;
    this.save(conversation);
    if (answer.status === 'error') {
      this.post({ type: 'error', requestId: turn.requestId, message: answer.errorMessage!, category: failure?.category, answer: viewOf(answer) });
    } else {
      this.post({ type: 'done', requestId: turn.requestId, message: viewOf(answer) });
    }
  }

  private queueChunk(turn: Turn, delta: string): void {
    if (this.turn !== turn || !delta) return;
    this.pendingChunk += delta;
    this.chunkTimer ??= setTimeout(() => this.flushChunk(turn), chunkIntervalMs);
  }

  private flushChunk(turn: Turn): void {
    if (this.chunkTimer) clearTimeout(this.chunkTimer);
    this.chunkTimer = undefined;
    if (!this.pendingChunk) return;
    const text = this.pendingChunk;
    this.pendingChunk = '';
    turn.text += text;
    this.post({ type: 'chunk', requestId: turn.requestId, text });
  }

  private save(conversation: StoredConversation): void {
    const snapshot: StoredConversation = { ...conversation, messages: [...conversation.messages] };
    this.deps.store.save(snapshot).then(
      () => this.post({ type: 'historyChanged' }),
      (error: unknown) => {
        this.deps.log.error(`chat: could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage('Inkwell: the chat could not be saved; see the log (Inkwell: Show Log).');
      },
    );
  }

  private async editorAction(action: 'copy' | 'insert' | 'replace' | 'newDocument', messageId: string, codeBlock: number | undefined): Promise<CommandResult> {
    const conversation = await this.current();
    const message = conversation.messages.find((candidate) => candidate.id === messageId);
    if (!message) return { status: 'noInput', message: 'That message is no longer in this chat.' };
    const block = codeBlock === undefined ? undefined : codeBlocksOf(this.parser, message.text)[codeBlock];
    if (codeBlock !== undefined && !block) return { status: 'noInput', message: 'That code block is not in the message.' };
    const text = block ? block.code : message.text;
    switch (action) {
      case 'copy':
        return this.deps.editor.copy(text);
      case 'insert':
        return this.deps.editor.insertAtCursor(text);
      case 'replace':
        return this.deps.editor.replaceSelection(text);
      case 'newDocument':
        return this.deps.editor.openAsNewDocument(text, block ? block.language || 'plaintext' : 'markdown');
    }
  }

  /** Runs an editor action as the webview's button would; for commands and tests. */
  runEditorAction(action: 'copy' | 'insert' | 'replace' | 'newDocument', messageId: string, codeBlock?: number): Promise<CommandResult> {
    return this.editorAction(action, messageId, codeBlock);
  }

  private async openLink(href: string): Promise<void> {
    if (!isWebLink(href)) {
      this.deps.log.warn(`chat: refused to open a link that is not http(s): ${href.slice(0, 80)}`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
  }

  private async renameConversation(id: string, title: string | undefined): Promise<void> {
    const existing = this.conversation?.id === id ? this.conversation : await this.deps.store.load(id);
    if (!existing) return;
    const chosen = title ?? (await vscode.window.showInputBox({ title: 'Rename Chat', value: existing.title, prompt: 'New title for this chat' }));
    if (!chosen?.trim()) return;
    const trimmed = chosen.trim().slice(0, 200);
    if (this.conversation?.id === id) {
      this.conversation.title = trimmed;
      this.save(this.conversation);
    } else {
      await this.deps.store.rename(id, trimmed);
      this.post({ type: 'historyChanged' });
    }
    this.post({ type: 'title', conversationId: id, title: trimmed });
  }

  private async deleteConversation(id: string): Promise<void> {
    if (this.conversation?.id === id) {
      await this.stopAndWait();
      await this.deps.store.delete(id);
      this.show(emptyConversation());
    } else {
      await this.deps.store.delete(id);
    }
    this.post({ type: 'historyChanged' });
  }
}
