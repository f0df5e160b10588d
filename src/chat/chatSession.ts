import * as vscode from 'vscode';
import type { GenerationLogger } from '../generation/types';
import { resolveAnswerLanguage } from '../prompts/answerLanguage';
import type { CommandResult } from '../shared/commandResult';
import { readConfig, workspaceInstructionSettings } from '../settings/config';
import type { RunningOperations } from '../editor/runningOperations';
import type { GenerationService } from '../generation/generationService';
import type { SlashRun, SlashSettings } from '../prompts/chatPrompt';
import { contextWindowFor } from '../generation/modelFamilies';
import type { TokenCounter } from '../generation/tokenCounter';
import { estimateTokens, inputBudget } from '../generation/tokenEstimate';
import { runWritingPlan } from '../pipeline/runWritingPlan';
import { partBudget, planWriting, type GenerateOne } from '../pipeline/writingPlan';
import { actionCommands, fixActionsFor } from '../shared/errorActions';
import {
  type AttachedContext,
  type EditorActionKind,
  type HeaderView,
  type HostMessage,
  type InitMessage,
  type SetupAction,
  type WebviewMessage,
} from '../shared/protocol';
import { ChatTurn, type AnswerProducer, type ProducedAnswer } from './chatTurn';
import { openChatLink } from './linkOpener';
import type { ContextChips } from './contextChips';
import { conversationToMarkdown, exportFileName } from './conversationExport';
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

const currentConversationKey = 'inkwell.chat.currentConversation';

/** The persona and standing instructions; the manifest holds the default. */
export function readPersona(): string {
  return readConfig().chatSystemPrompt;
}

function slashSettings(): SlashSettings {
  const config = readConfig();
  return {
    answerLanguage: resolveAnswerLanguage(config.answerLanguage, vscode.env.language),
    summaryLength: config.summaryLength,
    summaryForm: config.summaryForm,
  };
}

/**
 * One chat's logic on the extension side: turns webview requests into
 * generation requests, streams the answer back, saves finished messages and
 * runs the editor actions. It outlives its webview: a hidden view's answer
 * keeps streaming here and a re-shown view picks it up from `init`.
 */
export class ChatSession extends Disposable {
  private conversation: StoredConversation | undefined;
  private turn: { chat: ChatTurn; done: Promise<void> } | undefined;
  private port: ChatPort | undefined;
  private historyOnInit = false;
  private needsSetup = false;
  /** Pages this session has shown; after the first, a page restores its scroll. */
  private pagesShown = 0;

  constructor(
    private readonly deps: ChatSessionDeps,
    initial?: StoredConversation,
  ) {
    super();
    this.conversation = initial;
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
  async current(): Promise<StoredConversation> {
    if (!this.conversation) {
      const id = this.deps.memory?.get<string>(currentConversationKey);
      // The remembered chat may be an empty one that was never saved: its missing file is no damage.
      this.conversation = (id ? await this.deps.store.load(id, true) : undefined) ?? emptyConversation();
    }
    return this.conversation;
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
    const conversation = (this.conversation ??= emptyConversation());
    const turn = this.turn?.chat.conversation === conversation ? this.turn.chat : undefined;
    const init: InitMessage = {
      type: 'init',
      surface,
      conversation: conversationView(conversation, turn?.replaces),
      streaming: turn ? { requestId: turn.requestId, messageId: turn.assistantId, text: turn.text } : undefined,
      chips: this.deps.chips.views(),
      header: this.header(),
      ...(this.historyOnInit ? { openHistory: true } : {}),
      restoreScroll: this.pagesShown++ > 0,
    };
    this.historyOnInit = false;
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
  async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'send':
        return this.send(message.requestId, message.text, message.chipIds);
      case 'stop':
        if (this.turn?.chat.requestId === message.requestId) this.turn.chat.controller.abort();
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
        await this.runEditorAction(message.action, message.messageId, message.codeBlock);
        return;
      case 'openLink':
        await this.openLink(message.href, message.text);
        return;
      case 'pickModel':
        await pickModel(this.deps.generation, this.deps.log);
        return;
      case 'switchProfile':
        await vscode.commands.executeCommand('inkwell.switchProfile');
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
        return this.renameConversation(message.conversationId, message.title);
      case 'deleteConversation':
        return this.deleteConversation(message.conversationId);
      case 'exportConversation':
        await this.exportConversation();
        return;
      case 'fixAction':
        await vscode.commands.executeCommand(...actionCommands[message.action]);
        return;
      case 'setupAction':
        await vscode.commands.executeCommand(...setupCommands[message.action]);
        return;
      case 'cspViolation':
        this.deps.log.warn(
          `chat webview: the Content-Security-Policy blocked ${message.blockedUri || 'an inline resource'} (${message.directive})`,
        );
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

  /** Stops the streaming answer, if any, and waits until it is saved. */
  stopAnswer(): Promise<void> {
    return this.stopAndWait();
  }

  /** Every saved chat was deleted: show an empty one, and an empty history list. */
  historyDeleted(): void {
    this.show(emptyConversation());
    this.post({ type: 'historyChanged' });
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

  private show(conversation: StoredConversation): void {
    this.conversation = conversation;
    void this.deps.memory?.update(currentConversationKey, conversation.id);
    this.post({ type: 'conversation', conversation: conversationView(conversation) });
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
    void this.deps.memory?.update(currentConversationKey, conversation.id);
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
    this.save(conversation);
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
      ? (signal, onDelta) => this.writePlanned(writing, signal, onDelta)
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
    this.save(conversation);
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

  /**
   * A slash command's answer, planned as its editor command is: a text over
   * the model's budget is split (a summary from part summaries, a rewrite
   * part by part), and a code fence wrapped around the answer is dropped.
   */
  private async writePlanned(writing: SlashRun, signal: AbortSignal, onDelta: (text: string) => void): Promise<ProducedAnswer> {
    const config = readConfig();
    const limits = {
      inputBudget: inputBudget(contextWindowFor(config.model, config.contextWindow), config.maxTokens),
      maxOutputTokens: config.maxTokens,
    };
    const countTokens = this.deps.tokens?.forModel(config.model, writing.text, partBudget(writing.task, limits)) ?? estimateTokens;
    const plan = planWriting(writing, { ...limits, countTokens, alternatives: 1 });
    let text = '';
    let last: ProducedAnswer | undefined;
    const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    let everyUsage = true;
    const generate: GenerateOne = async (messages, onPart) => {
      const outcome = await this.deps.generation.generate(
        { messages, temperature: writing.task.temperature ?? config.temperature, maxOutputTokens: config.maxTokens, signal },
        onPart ?? (() => undefined),
      );
      last = outcome;
      everyUsage &&= outcome.usage !== undefined;
      usage.promptTokens += outcome.usage?.promptTokens ?? 0;
      usage.completionTokens += outcome.usage?.completionTokens ?? 0;
      usage.totalTokens += outcome.usage?.totalTokens ?? 0;
      return outcome.text;
    };
    const write = (delta: string) => {
      text += delta;
      onDelta(delta);
    };
    await runWritingPlan(plan, writing, {
      generate,
      onDelta: write,
      onProgress: () => undefined,
      concurrency: config.maxConcurrentRequests,
    });
    // Usage is reported only when every request reported it: a partial sum would mislead.
    return { text, model: last?.model, usage: everyUsage ? usage : undefined };
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

  /** A link clicked in an answer; `{ confirmed: true }` opens it without the dialog that shows its full target. */
  openLink(href: string, text: string, options: { confirmed?: boolean } = {}): Promise<CommandResult> {
    return openChatLink(href, text, this.deps.log, options);
  }

  private async renameConversation(id: string, title: string | undefined): Promise<void> {
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
