import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { readPersona } from '../chat/chatSession';
import { ChatTurn, type AnswerProducer } from '../chat/chatTurn';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import { createUserMessage, emptyConversation, requestMessages, slashRunFor, titleFrom } from '../chat/conversationModel';
import type { StoredConversation, StoredMessage } from '../chat/conversationStore';
import { slashSettings, writeSlashAnswer } from '../chat/slashAnswer';
import type { RunningOperations } from '../editor/runningOperations';
import type { GenerationService } from '../generation/generationService';
import type { TokenCounter } from '../generation/tokenCounter';
import { readConfig } from '../settings/config';
import type { CommandResult } from '../shared/commandResult';
import type { AttachedContext } from '../shared/protocol';
import { Disposable } from '../shared/disposable';
import { requestContext, responseText } from './participantContext';
import {
  answerButtons,
  emptyRequestMessage,
  failureButtons,
  noTextMessage,
  participantId,
  RecentExchanges,
  typedRequest,
  type AnswerButton,
} from './participantRequest';

/** What the participant is built with; assembled in `activate()`. */
export interface ParticipantDeps {
  generation: GenerationService;
  operations: RunningOperations;
  tokens: TokenCounter;
  /** Inkwell's own chat: its editor actions, its store, and the view an exchange continues in. */
  chat: ChatViewProvider;
  extensionUri: vscode.Uri;
}

/** One request as the participant answers it: VS Code's command and prompt, the text it works on, the turns before. */
export interface ParticipantQuestion {
  command?: string;
  prompt: string;
  context: AttachedContext[];
  history: vscode.ChatContext['history'];
}

/**
 * Where an answer goes: VS Code's `ChatResponseStream` in the chat view, which
 * has this shape. Inkwell's own port (as `ChatPort` is for the panel), so a
 * test can record what the participant writes.
 */
export interface AnswerOutput {
  markdown(value: string): void;
  progress(value: string): void;
  button(command: vscode.Command): void;
}

/** What a finished request leaves in `ChatResult.metadata`, so the next request finds the exchange again. */
interface ExchangeMetadata {
  exchange: string;
}

/** Exchanges kept for the buttons under their answers and for the next request's history. */
const keptExchanges = 50;

function exchangeOf(result: vscode.ChatResult): string | undefined {
  const id = (result.metadata as Partial<ExchangeMetadata> | undefined)?.exchange;
  return typeof id === 'string' ? id : undefined;
}

function toButton(button: AnswerButton): vscode.Command {
  return { title: button.title, command: button.command, arguments: button.arguments };
}

/**
 * `@inkwell` in VS Code's own chat view: the panel's slash commands and
 * questions, sent with the panel's prompts through the same writing planner
 * and the active profile, streamed into the view as Markdown. Each exchange
 * is kept as a conversation Inkwell's chat can open, with buttons to insert
 * the answer, review it as a replacement of the selection, or continue there.
 */
export class InkwellParticipant extends Disposable {
  private readonly exchanges = new RecentExchanges<StoredConversation>(keptExchanges);

  constructor(private readonly deps: ParticipantDeps) {
    super();
    const participant = this.register(vscode.chat.createChatParticipant(participantId, (...args) => this.handle(...args)));
    participant.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
  }

  /** VS Code's chat view calls this for each `@inkwell` request. */
  async handle(
    request: vscode.ChatRequest,
    context: vscode.ChatContext,
    stream: vscode.ChatResponseStream,
    token: vscode.CancellationToken,
  ): Promise<vscode.ChatResult> {
    const question = {
      command: request.command,
      prompt: request.prompt,
      context: await requestContext(request.references),
      history: context.history,
    };
    return this.answer(question, stream, token);
  }

  /** Answers one question into `output`; resolves when the answer has ended, complete, stopped or failed. */
  async answer(question: ParticipantQuestion, stream: AnswerOutput, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const typed = typedRequest(question.command, question.prompt);
    const attached = question.context;
    if (!typed.trim() && attached.length === 0) {
      stream.markdown(emptyRequestMessage);
      return {};
    }
    const conversation = this.continuing(question.history);
    const user = createUserMessage(conversation, typed, attached, slashSettings());
    if (!user) {
      stream.markdown(noTextMessage);
      return {};
    }
    if (conversation.messages.length === 0) conversation.title = titleFrom(user.text, attached);
    conversation.messages.push(user);
    const id = randomUUID();
    const chat = new ChatTurn(id, conversation, undefined, (text) => stream.markdown(text));
    const cancelled = token.onCancellationRequested(() => chat.controller.abort());
    try {
      const { answer, failure } = await this.deps.operations.run('Chat', async (operation) => {
        operation.controller.signal.addEventListener('abort', () => chat.controller.abort());
        if (token.isCancellationRequested) chat.controller.abort();
        return chat.run(
          this.producer(conversation.messages, (message) => stream.progress(message)),
          readConfig().model,
        );
      });
      conversation.messages.push(answer);
      conversation.updatedAt = Date.now();
      this.exchanges.remember(id, conversation);
      const metadata: ExchangeMetadata = { exchange: id };
      if (answer.status === 'error') {
        for (const button of failureButtons(failure?.category)) stream.button(toButton(button));
        return { errorDetails: { message: answer.errorMessage ?? 'The request failed.' }, metadata };
      }
      if (answer.status === 'complete' && answer.text.trim()) for (const button of answerButtons(id)) stream.button(toButton(button));
      return { metadata };
    } finally {
      cancelled.dispose();
    }
  }

  /** Inserts an exchange's answer at the cursor of the last editor used, as the panel's Insert does. */
  insertAnswer(exchange: string): Promise<CommandResult> {
    const answer = this.answerOf(exchange);
    return answer ? this.deps.chat.editor.insertAtCursor(answer.text) : Promise.resolve(gone());
  }

  /** Opens the answer as a proposal for the selection, in the review the panel's Replace opens. */
  reviewAnswer(exchange: string): Promise<CommandResult> {
    const answer = this.answerOf(exchange);
    return answer ? this.deps.chat.editor.replaceSelection(answer.text) : Promise.resolve(gone());
  }

  /** Saves the exchange (with the turns before it) as a chat and opens it in Inkwell's chat view. */
  async continueInChat(exchange: string): Promise<CommandResult> {
    const conversation = this.exchanges.recall(exchange);
    if (!conversation) return gone();
    const { chat } = this.deps;
    await chat.store.save({ ...conversation, messages: [...conversation.messages] });
    await chat.reveal();
    const opened = await chat.viewSession.history.open(conversation.id);
    return opened
      ? { status: 'done', text: conversation.messages.at(-1)?.text }
      : { status: 'error', message: 'Inkwell: the chat could not be opened.' };
  }

  private answerOf(exchange: string): StoredMessage | undefined {
    const answer = this.exchanges.recall(exchange)?.messages.at(-1);
    return answer?.role === 'assistant' && answer.text.trim() ? answer : undefined;
  }

  /**
   * The conversation a request continues: the last exchange it follows, as it
   * was sent (context and task prompts included), or else the turns the view
   * shows. A new conversation each time, so an exchange never changes once kept.
   */
  private continuing(history: vscode.ChatContext['history']): StoredConversation {
    const conversation = emptyConversation();
    let index = history.length - 1;
    while (index >= 0 && !(history[index] instanceof vscode.ChatResponseTurn)) index--;
    const last = history[index];
    const kept = last instanceof vscode.ChatResponseTurn ? this.exchanges.recall(exchangeOf(last.result) ?? '') : undefined;
    if (kept) return { ...conversation, title: kept.title, messages: [...kept.messages] };
    conversation.messages = history.map((turn): StoredMessage => ({
      id: randomUUID(),
      role: turn instanceof vscode.ChatRequestTurn ? 'user' : 'assistant',
      text: turn instanceof vscode.ChatRequestTurn ? typedRequest(turn.command, turn.prompt) : responseText(turn),
      status: 'complete',
      createdAt: Date.now(),
    }));
    return conversation;
  }

  /** The panel's way to answer: a slash command through the writing planner, a question with the persona and history. */
  private producer(history: StoredMessage[], onProgress: (message: string) => void): AnswerProducer {
    const writing = slashRunFor(history, slashSettings());
    if (writing) return (signal, onDelta) => writeSlashAnswer(this.deps, writing, signal, onDelta, onProgress);
    const config = readConfig();
    return (signal, onDelta) =>
      this.deps.generation.generate(
        { messages: requestMessages(history, readPersona()), temperature: config.temperature, maxOutputTokens: config.maxTokens, signal },
        onDelta,
      );
  }
}

function gone(): CommandResult {
  const message = 'Inkwell: that answer is no longer kept (only the latest answers of this window are). Ask @inkwell again.';
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}
