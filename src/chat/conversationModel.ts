import * as vscode from 'vscode';
import { randomUUID } from 'crypto';
import type { ChatMessage } from '../generation/types';
import {
  buildChatMessages,
  buildSlashPrompt,
  composeUserPrompt,
  slashWritingRun,
  type SlashRun,
  type SlashSettings,
} from '../prompts/chatPrompt';
import { codeBlocksOf } from '../shared/codeBlockScanner';
import type { AttachedContext, ConversationView, MessageView } from '../shared/protocol';
import { parseSlashCommand } from '../shared/slashCommands';
import type { StoredConversation, StoredMessage } from './conversationStore';

/**
 * The conversation as data: new conversations, what the webview is shown,
 * how a typed message becomes what is sent, and which text a button means.
 * No VS Code API and no I/O.
 */

const titleChars = 60;

export function emptyConversation(): StoredConversation {
  const now = Date.now();
  return { version: 1, id: randomUUID(), title: vscode.l10n.t('New chat'), createdAt: now, updatedAt: now, messages: [] };
}

/** A stored message as the webview sees it: without the prompt text that was sent. */
export function viewOf(message: StoredMessage): MessageView {
  const { prompt: _prompt, taskSystem: _taskSystem, ...view } = message;
  return view;
}

/** The conversation as the webview sees it, optionally without one message (an answer being regenerated). */
export function conversationView(conversation: StoredConversation, hiding?: string): ConversationView {
  const messages = hiding ? conversation.messages.filter((message) => message.id !== hiding) : conversation.messages;
  return { id: conversation.id, title: conversation.title, messages: messages.map(viewOf) };
}

/** The first line of the first message, or its first chip's label. */
export function titleFrom(text: string, context: readonly AttachedContext[]): string {
  const line = text.trim().split('\n')[0].trim() || context[0]?.label || vscode.l10n.t('New chat');
  return line.length > titleChars ? `${line.slice(0, titleChars - 1)}…` : line;
}

/**
 * The user message to store for what was typed, with the prompt it sends
 * when that differs from the text (context, slash commands). `before` is
 * where it goes, for a slash command's fallback to the answer before it.
 * Undefined when a slash command has nothing to work on.
 */
export function createUserMessage(
  conversation: StoredConversation,
  text: string,
  context: AttachedContext[],
  settings: SlashSettings,
  before = conversation.messages.length,
): StoredMessage | undefined {
  const base: StoredMessage = {
    id: randomUUID(),
    role: 'user',
    text,
    status: 'complete',
    createdAt: Date.now(),
    ...(context.length ? { context } : {}),
  };
  const slash = parseSlashCommand(text);
  if (slash) {
    const prompt = buildSlashPrompt(slash, context, lastAnswer(conversation.messages.slice(0, before)), settings);
    return prompt ? { ...base, prompt: prompt.user, taskSystem: prompt.system } : undefined;
  }
  const prompt = composeUserPrompt(text, context);
  return prompt === text ? base : { ...base, prompt };
}

/** The last answer with text: what a slash command works on when nothing else is given. */
function lastAnswer(messages: readonly StoredMessage[]): string | undefined {
  return [...messages].reverse().find((message) => message.role === 'assistant' && message.text.trim())?.text;
}

/** What the last question works on when it is a slash command: its task, text and variables, for the writing planner. */
export function slashRunFor(messages: readonly StoredMessage[], settings: SlashSettings): SlashRun | undefined {
  let index = messages.length - 1;
  while (index >= 0 && messages[index].role !== 'user') index--;
  const user = messages[index];
  const slash = user?.taskSystem ? parseSlashCommand(user.text) : undefined;
  return slash && slashWritingRun(slash, user.context ?? [], lastAnswer(messages.slice(0, index)), settings);
}

/** The messages for the model: a slash turn sends its task prompt alone, a chat turn the persona and the whole history. */
export function requestMessages(messages: readonly StoredMessage[], persona: string): ChatMessage[] {
  const user = [...messages].reverse().find((message) => message.role === 'user');
  if (user?.taskSystem)
    return [
      { role: 'system', content: user.taskSystem },
      { role: 'user', content: user.prompt ?? user.text },
    ];
  const history = messages
    .filter((message) => message.role === 'user' || message.text.trim())
    .map((message) => ({ role: message.role, content: message.role === 'user' ? (message.prompt ?? message.text) : message.text }));
  return buildChatMessages(
    persona,
    history,
    messages.some((message) => message.context?.length),
  );
}

/** What an answer's button acts on. */
export interface AnswerPart {
  text: string;
  language: string;
  /** For a code block: the block with its fence, for a Markdown document, where bare code would become prose. */
  fenced?: string;
}

/** The text an answer's button acts on: the whole raw markdown, or one code block's code. */
export function answerPart(message: StoredMessage, codeBlock: number | undefined): AnswerPart | undefined {
  if (codeBlock === undefined) return { text: message.text, language: 'markdown' };
  const block = codeBlocksOf(message.text)[codeBlock];
  return block && { text: block.code, language: block.language || 'plaintext', fenced: fencedCode(block.code, block.language) };
}

/** A fenced block holding `code` exactly: the fence is longer than any run of backticks inside. */
export function fencedCode(code: string, language: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code.endsWith('\n') || !code ? code : `${code}\n`}${fence}\n`;
}
