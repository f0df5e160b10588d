import * as vscode from 'vscode';
import type { GenerationLogger } from '../generation/types';
import type { CommandResult } from '../shared/commandResult';
import { readConfig, workspaceInstructionSettings } from '../settings/config';
import type { RunningOperations } from '../editor/runningOperations';
import type { GenerationService } from '../generation/generationService';
import type { TokenCounter } from '../generation/tokenCounter';
import { actionCommands, fixActionsFor } from '../shared/errorActions';
import {
  routeWebviewMessage,
  type AttachedContext,
  type EditorActionKind,
  type HeaderView,
  type HostMessage,
  type InitMessage,
  type SetupAction,
  type WebviewHandlers,
  type WebviewMessage,
} from '../shared/protocol';
import { ChatTurn, type AnswerProducer } from './chatTurn';
import { openChatLink } from './linkOpener';
import type { ContextChips } from './contextChips';
import { ChatHistory } from './chatHistory';
import { slashSettings, writeSlashAnswer } from './slashAnswer';
import {
  answerPart,
  conversationView,
  createUserMessage,
  emptyConversation,
  requestMessages,
  slashRunFor,
  titleFrom,
  viewOf,
} from './conversationModel';
import type { ConversationStore, StoredConversation, StoredMessage } from './conversationStore';
import type { EditorActions } from './editorActions';
import { pickModel } from './modelPicker';
import { personaName } from './personaName';
import { Disposable } from '../shared/disposable';

/** Where a session's messages go: the webview surface, or a test's recorder. */
export interface ChatPort {
  /** Returns false when the page is not listening (not ready, hidden). */
  post(message: HostMessage): boolean;
}

/** Whether Inkwell is set up yet; `SetupAssistant` in the extension. */
export interface ChatSetup {
  nothingConfigured(): Promise<boolean>;
  readonly onDidChange: vscode.Event<void>;
}

/** The command each setup welcome button runs. */
const setupCommands: Record<SetupAction, [string, ...unknown[]]> = {
  chooseProvider: ['inkwell.chooseProvider'],
  // The user clicked the button, so the switch needs no second question.
  useVsCodeModels: ['inkwell.chooseProvider', { preset: 'vscode', confirmed: true }],
  findLocalModels: ['inkwell.findLocalModels'],
};

/** What a session is built with. */
export interface ChatSessionDeps {
  store: ConversationStore;
  generation: GenerationService;
  operations: RunningOperations;
  /** Owned by the session: disposed with it. */
  chips: ContextChips;
  editor: EditorActions;
  log: GenerationLogger;
  /** Counts a long attachment's tokens as the model does; without it, the estimate. */
  tokens?: TokenCounter;
  /** Remembers the open conversation across reloads (the view's session only). */
  memory?: vscode.Memento;
  /** Without it the session assumes Inkwell is set up. */
  setup?: ChatSetup;
}

/** The persona and standing instructions; the manifest holds the default. */
export function readPersona(): string {
  return readConfig().chatSystemPrompt;
}

/**
 * One chat's logic on the extension side: turns webview requests into
 * generation requests, streams the answer back, saves finished messages and
 * runs the editor actions. It outlives its webview: a hidden view's answer
 * keeps streaming here and a re-shown view picks it up from `init`.
 */
export class ChatSession extends Disposable {
  /** The conversation shown and the saved ones: the history list, open, rename, delete, export. */
  readonly history: ChatHistory;
  private turn: { chat: ChatTurn; done: Promise<void> } | undefined;
  private port: ChatPort | undefined;
  private needsSetup = false;
  /** Pages this session has shown; after the first, a page restores its scroll. */
  private pagesShown = 0;

  /** What each webview message does. */
  private readonly handlers: WebviewHandlers = {
    ready: () => undefined,
    send: (message) => this.send(message.requestId, message.text, message.chipIds),
    stop: (message) => {
      if (this.turn?.chat.requestId === message.requestId) this.turn.chat.controller.abort();
    },
    regenerate: (message) => this.regenerate(message.requestId),
    editAndResend: (message) => this.editAndResend(message.requestId, message.messageId, message.text),
    newChat: () => this.newConversation(),
    removeChip: (message) => this.deps.chips.remove(message.chipId),
    addCurrentFile: () => {
      const problem = this.deps.chips.addFile();
      if (problem) void vscode.window.showInformationMessage(`Inkwell: ${problem}`);
    },
    editorAction: (message) => this.runEditorAction(message.action, message.messageId, message.codeBlock),
    openLink: (message) => this.openLink(message.href, message.text),
    pickModel: () => pickModel(this.deps.generation, this.deps.log),
    switchProfile: () => vscode.commands.executeCommand('inkwell.switchProfile'),
    editPersona: () => vscode.commands.executeCommand('workbench.action.openSettings', 'inkwell.chat.systemPrompt'),
    listHistory: (message) => this.history.listPage(message.requestId, message.query, message.offset, message.limit),
    openConversation: (message) => this.history.open(message.conversationId),
    renameConversation: (message) => this.history.rename(message.conversationId, message.title),
    deleteConversation: (message) => this.history.delete(message.conversationId),
    exportConversation: () => this.history.export(),
    fixAction: (message) => vscode.commands.executeCommand(...actionCommands[message.action]),
    setupAction: (message) => vscode.commands.executeCommand(...setupCommands[message.action]),
    cspViolation: (message) =>
      this.deps.log.warn(
        `chat webview: the Content-Security-Policy blocked ${message.blockedUri || 'an inline resource'} (${message.directive})`,
      ),
  };

  constructor(
    private readonly deps: ChatSessionDeps,
    initial?: StoredConversation,
  ) {
    super();
    this.history = new ChatHistory(
      {
        store: deps.store,
        log: deps.log,
        memory: deps.memory,
        post: (message) => this.post(message),
        stopAnswer: () => this.stopAndWait(),
      },
      initial,
    );
    this.register(deps.chips);
    this.registerAll(
      deps.chips.onDidChange(() => this.post({ type: 'chips', chips: deps.chips.views() })),
      ...(deps.setup
        ? [deps.setup.onDidChange(() => void this.refreshSetup().then(() => this.post({ type: 'header', header: this.header() })))]
        : []),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // Any inkwell.* setting: the header names the ones a workspace sets.
        if (event.affectsConfiguration('inkwell')) this.post({ type: 'header', header: this.header() });
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.post({ type: 'header', header: this.header() })),
    );
  }

  override dispose(): void {
    this.turn?.chat.controller.abort();
    super.dispose();
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
  current(): Promise<StoredConversation> {
    return this.history.current();
  }

  /** What must be known before `initMessage`: the conversation and whether Inkwell is set up. */
  async prepare(): Promise<void> {
    await Promise.all([this.current(), this.refreshSetup()]);
  }

  private async refreshSetup(): Promise<void> {
    this.needsSetup = (await this.deps.setup?.nothingConfigured()) ?? false;
  }

  /** Resolves when the streaming answer (if any) has ended and been saved. */
  async idle(): Promise<void> {
    await this.turn?.done;
  }

  /** Everything the webview needs after `ready`. Synchronous, so no chunk can slip between it and the next post. */
  initMessage(surface: InitMessage['surface']): InitMessage {
    const conversation = this.history.shown();
    const turn = this.turn?.chat.conversation === conversation ? this.turn.chat : undefined;
    const init: InitMessage = {
      type: 'init',
      surface,
      conversation: conversationView(conversation, turn?.replaces),
      streaming: turn ? { requestId: turn.requestId, messageId: turn.assistantId, text: turn.text } : undefined,
      chips: this.deps.chips.views(),
      header: this.header(),
      ...(this.history.takeListOnInit() ? { openHistory: true } : {}),
      restoreScroll: this.pagesShown++ > 0,
    };
    return init;
  }

  header(): HeaderView {
    const persona = readPersona();
    return {
      model: readConfig().model,
      profile: readConfig().activeProfile || undefined,
      persona: personaName(persona),
      personaDetail: persona.trim().split('\n')[0] ?? '',
      needsSetup: this.needsSetup,
      workspaceSettings: workspaceInstructionSettings(),
    };
  }

  /** Acts on one validated message from the webview. */
  handle(message: WebviewMessage): Promise<void> {
    return routeWebviewMessage(this.handlers, message);
  }

  /** Starts an empty conversation; the current one stays in the history. Nothing to do when it is empty already. */
  async newConversation(): Promise<void> {
    if (!this.turn && this.history.showsEmpty) return;
    await this.stopAndWait();
    this.history.show(emptyConversation());
  }

  /** Stops the streaming answer, if any, and waits until it is saved. */
  stopAnswer(): Promise<void> {
    return this.stopAndWait();
  }

  /** Every saved chat was deleted: show an empty one, and an empty history list. */
  historyDeleted(): void {
    this.history.deletedAll();
  }

  /** Opens the history list now, or as soon as the page is ready. */
  showHistory(): void {
    this.history.showList();
  }

  /** Writes the conversation as Markdown to `target`, or where the user picks. */
  exportConversation(target?: vscode.Uri): Promise<CommandResult & { uri?: string }> {
    return this.history.export(target);
  }

  /** Copy, Insert, Replace or New Document for an answer (or one of its code blocks), as its button does. */
  async runEditorAction(action: EditorActionKind, messageId: string, codeBlock?: number): Promise<CommandResult> {
    const message = (await this.current()).messages.find((candidate) => candidate.id === messageId);
    const part = message && answerPart(message, codeBlock);
    if (!part) return { status: 'noInput', message: 'That message or code block is no longer in this chat.' };
    switch (action) {
      case 'copy':
        return this.deps.editor.copy(part.text);
      case 'insert':
        return this.deps.editor.insertAtCursor(part.text, part.fenced);
      case 'replace':
        return this.deps.editor.replaceSelection(part.text);
      case 'newDocument':
        return this.deps.editor.openAsNewDocument(part.text, part.language);
    }
  }

  private async stopAndWait(): Promise<void> {
    this.turn?.chat.controller.abort();
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
    const user = this.userMessage(requestId, conversation, text, context);
    if (!user) return;
    this.deps.chips.clear();
    this.addQuestion(conversation, user, conversation.messages.length);
    this.history.remember(conversation);
    this.startTurn(requestId, conversation, { userMessage: user });
  }

  private async regenerate(requestId: string): Promise<void> {
    if (this.turn) return this.refuse(requestId, 'An answer is still being written. Stop it first.');
    const conversation = await this.current();
    const last = conversation.messages.at(-1);
    if (!last || !conversation.messages.some((message) => message.role === 'user'))
      return this.refuse(requestId, 'There is no question to answer again.');
    // The old answer stays saved until the new one is finished.
    this.startTurn(requestId, conversation, { replaceFrom: last.role === 'assistant' ? last.id : undefined });
  }

  private async editAndResend(requestId: string, messageId: string, text: string): Promise<void> {
    if (this.turn) return this.refuse(requestId, 'An answer is still being written. Stop it first.');
    const conversation = await this.current();
    const index = conversation.messages.findIndex((message) => message.id === messageId);
    const original = conversation.messages[index];
    if (!original || original.role !== 'user') return this.refuse(requestId, 'That message is no longer in this chat.');
    const user = this.userMessage(requestId, conversation, text, original.context ?? [], index);
    if (!user) return;
    conversation.messages.splice(index);
    this.addQuestion(conversation, user, index);
    this.startTurn(requestId, conversation, { replaceFrom: messageId, userMessage: user });
  }

  /** The user message for what was typed, or undefined after refusing the request with the reason. */
  private userMessage(
    requestId: string,
    conversation: StoredConversation,
    text: string,
    context: AttachedContext[],
    before?: number,
  ): StoredMessage | undefined {
    if (!text.trim() && context.length === 0) {
      this.refuse(requestId, 'Type a message first.');
      return undefined;
    }
    const user = createUserMessage(conversation, text, context, slashSettings(), before);
    if (!user)
      this.refuse(
        requestId,
        'There is no text for that command: select some text (it is attached as a chip), write it after the command, or ask something first.',
      );
    return user;
  }

  /** Appends a question, titles the conversation by its first one, and saves it: a question is finished when sent. */
  private addQuestion(conversation: StoredConversation, user: StoredMessage, index: number): void {
    if (index === 0) conversation.title = titleFrom(user.text, user.context ?? []);
    conversation.messages.push(user);
    conversation.updatedAt = Date.now();
    this.history.save(conversation);
    this.post({ type: 'title', conversationId: conversation.id, title: conversation.title });
  }

  private startTurn(
    requestId: string,
    conversation: StoredConversation,
    start: { replaceFrom?: string; userMessage?: StoredMessage },
  ): void {
    const replaces = start.userMessage ? undefined : start.replaceFrom;
    const chat = new ChatTurn(requestId, conversation, replaces, (text) => {
      if (this.turn?.chat === chat) this.post({ type: 'chunk', requestId, text });
    });
    this.post({
      type: 'turnStarted',
      requestId,
      assistantId: chat.assistantId,
      replaceFrom: start.replaceFrom,
      userMessage: start.userMessage && viewOf(start.userMessage),
    });
    const turn = { chat, done: Promise.resolve() };
    this.turn = turn;
    // Tracked like the editor commands: the status bar shows it and "Inkwell: Cancel" stops it.
    turn.done = this.deps.operations.run('Chat', async (operation) => {
      operation.controller.signal.addEventListener('abort', () => chat.controller.abort());
      await this.answer(chat);
    });
  }

  private async answer(chat: ChatTurn): Promise<void> {
    const config = readConfig();
    const history = chat.history;
    const writing = slashRunFor(history, slashSettings());
    const produce: AnswerProducer = writing
      ? (signal, onDelta) => writeSlashAnswer(this.deps, writing, signal, onDelta)
      : (signal, onDelta) =>
          this.deps.generation.generate(
            {
              messages: requestMessages(history, readPersona()),
              temperature: config.temperature,
              maxOutputTokens: config.maxTokens,
              signal,
            },
            onDelta,
          );
    const { answer, failure } = await chat.run(produce, config.model);
    const { conversation } = chat;
    conversation.messages = [...history, answer];
    conversation.updatedAt = Date.now();
    if (this.turn?.chat === chat) this.turn = undefined;
    this.history.save(conversation);
    if (answer.status === 'error') {
      this.post({
        type: 'error',
        requestId: chat.requestId,
        message: answer.errorMessage!,
        category: failure?.category,
        answer: viewOf(answer),
        actions: fixActionsFor(failure?.category),
      });
    } else {
      this.post({ type: 'done', requestId: chat.requestId, message: viewOf(answer) });
    }
  }

  /** A link clicked in an answer; `{ confirmed: true }` opens it without the dialog that shows its full target. */
  openLink(href: string, text: string, options: { confirmed?: boolean } = {}): Promise<CommandResult> {
    return openChatLink(href, text, this.deps.log, options);
  }
}
