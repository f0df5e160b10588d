/**
 * The chat's message protocol: one union per direction, shared by the
 * extension (src/chat/) and the webview (src/webview/). The webview is a
 * trust boundary: everything it sends is checked by `parseWebviewMessage`
 * before the extension acts on it, and anything unknown is rejected.
 *
 * Conversation rules:
 * - The webview sends `ready` when its script has loaded; the extension sends
 *   nothing before that, then answers with one `init` snapshot.
 * - Requests carry a `requestId`; every reply to one carries the same id.
 * - A turn (`send`, `regenerate`, `editAndResend`) is answered with one
 *   `turnStarted`, any number of `chunk`s, then exactly one `done` or `error`.
 *   A request refused before it starts gets a lone `error`.
 */

import { fixActionLabels, type FixAction } from './errorActions';
import { isWebviewStrings, type WebviewStrings } from './webviewStrings';

/** Who wrote a message. */
export type MessageRole = 'user' | 'assistant';

/** `stopped`: the user pressed Stop; `error`: the request failed part way. Both keep the text that arrived. */
export type MessageStatus = 'complete' | 'stopped' | 'error';

/** Token counts of one answer, as the endpoint reported them. */
export interface UsageView {
  promptTokens: number;
  completionTokens: number;
}

/** Context attached to a user message: its label as shown and the exact text that was sent. */
export interface AttachedContext {
  kind: 'selection' | 'file';
  /** E.g. `Selection · notes.md:12-30`. */
  label: string;
  text: string;
}

/** A finished message as the webview shows it. */
export interface MessageView {
  id: string;
  role: MessageRole;
  /** What the user typed, or the answer's raw markdown. */
  text: string;
  status: MessageStatus;
  createdAt: number;
  /** User messages: the context that went with them. */
  context?: AttachedContext[];
  /** Assistant messages: the model that answered. */
  model?: string;
  usage?: UsageView;
  /** For `error`: what went wrong, in words. */
  errorMessage?: string;
  /** For `error`: its category, so a failure shown again after a reload offers the same fix buttons. */
  errorCategory?: string;
}

/** A conversation with its messages, as opened in the view. */
export interface ConversationView {
  id: string;
  title: string;
  messages: MessageView[];
}

/** A context chip waiting in the composer; the text stays on the extension side until sent. */
export interface ChipView {
  id: string;
  kind: 'selection' | 'file';
  label: string;
  /** Number of characters the chip will send. */
  chars: number;
}

/** What the header shows. */
export interface HeaderView {
  model: string;
  /** The active profile's name (`inkwell.profiles`), click to switch; absent before the first profile. */
  profile?: string;
  /** A short name for the persona, derived from `inkwell.chat.systemPrompt` (e.g. `Inkwell`). */
  persona: string;
  /** The persona's first line, for the tooltip. */
  personaDetail: string;
  /**
   * Nothing is configured (no provider chosen, no key for the default
   * endpoint): the page shows the setup welcome instead of a model.
   */
  needsSetup: boolean;
  /**
   * The settings, as `inkwell.<name>`, that a trusted workspace sets and that
   * shape what is asked (persona, model, language…): the header says
   * "workspace instructions active" and names them. Empty: none.
   */
  workspaceSettings: string[];
}

/** The setup welcome's buttons. */
export type SetupAction = 'chooseProvider' | 'useVsCodeModels' | 'findLocalModels';

/** One row of the history list: no messages, those load when it is opened. */
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
}

/** The answer streaming right now, so a re-shown view can pick up where it was. */
export interface StreamingView {
  requestId: string;
  messageId: string;
  text: string;
}

/** What the Copy / Insert / Replace / New Document buttons do with an answer or a code block. */
export type EditorActionKind = 'copy' | 'insert' | 'replace' | 'newDocument';

// ---------------------------------------------------------------- webview → extension
// Each message the webview may send is declared once, as its schema (in
// `webviewSchemas` below); its type is derived from it, so a field cannot be
// added to the type and forgotten in the check, or the other way round.

/** Everything the webview may send, derived from `webviewSchemas`. */
export type WebviewMessage = {
  [T in keyof typeof webviewSchemas]: Flatten<{ type: T } & FieldsOf<(typeof webviewSchemas)[T]>>;
}[keyof typeof webviewSchemas];

/** One webview message type, e.g. `WebviewMessageOf<'send'>`. */
export type WebviewMessageOf<T extends WebviewMessage['type']> = Extract<WebviewMessage, { type: T }>;

/**
 * One handler for each message the webview may send: a record over the
 * union, so a message type added to `webviewSchemas` without its handler
 * does not compile.
 */
export type WebviewHandlers = { readonly [T in WebviewMessage['type']]: (message: WebviewMessageOf<T>) => unknown };

/** Calls the handler for `message`'s type and resolves when it is done. */
export async function routeWebviewMessage(handlers: WebviewHandlers, message: WebviewMessage): Promise<void> {
  // The compiler cannot pair a union member with its own entry of the record; `WebviewHandlers` already does.
  const handler = handlers[message.type] as (message: WebviewMessage) => unknown;
  await handler(message);
}

// ---------------------------------------------------------------- extension → webview

/** The full state, sent in answer to every `ready`. */
export interface InitMessage {
  type: 'init';
  /** `panel` when the chat is open in an editor tab (it then shows its own New, History and Export buttons). */
  surface: 'view' | 'panel';
  conversation: ConversationView;
  streaming?: StreamingView;
  chips: ChipView[];
  header: HeaderView;
  /** The "Chat History" command ran before the page was ready. */
  openHistory?: boolean;
  /**
   * True when this session showed a page before (a view hidden and shown
   * again): put the scroll back where it was. Otherwise, e.g. after a
   * reload, open at the latest message.
   */
  restoreScroll: boolean;
  /**
   * Everything the page says, in VS Code's display language. The surface adds
   * it to the session's snapshot; the page rejects an `init` without it.
   */
  strings?: WebviewStrings;
}
/** Another conversation is shown (switched, new, or the current one deleted). */
export interface ConversationMessage {
  type: 'conversation';
  conversation: ConversationView;
}
/**
 * A turn was accepted. Messages from `replaceFrom` on are removed first
 * (regenerate, edit and resend), then `userMessage` (if any) is appended and
 * an empty answer `assistantId` starts streaming.
 */
export interface TurnStartedMessage {
  type: 'turnStarted';
  requestId: string;
  replaceFrom?: string;
  userMessage?: MessageView;
  assistantId: string;
}
/** The next piece of the streaming answer. */
export interface ChunkMessage {
  type: 'chunk';
  requestId: string;
  text: string;
}
/** The turn ended with an answer (`complete` or `stopped`). */
export interface DoneMessage {
  type: 'done';
  requestId: string;
  message: MessageView;
}
/** The request failed or was refused; `answer` is the partial answer kept, when a turn had started. */
export interface ErrorMessage {
  type: 'error';
  requestId: string;
  message: string;
  category?: string;
  answer?: MessageView;
  /** The fix buttons for `category`, the same the editor's notifications offer. */
  actions?: FixAction[];
}
export interface ChipsMessage {
  type: 'chips';
  chips: ChipView[];
}
export interface HeaderMessage {
  type: 'header';
  header: HeaderView;
}
/** The reply to `listHistory`. */
export interface HistoryPageMessage {
  type: 'historyPage';
  requestId: string;
  items: ConversationSummary[];
  total: number;
  offset: number;
}
/** Titles or entries changed: a shown history list should reload. */
export interface HistoryChangedMessage {
  type: 'historyChanged';
}
/** Open the history list (the "Chat History" command). */
export interface ShowHistoryMessage {
  type: 'showHistory';
}
/** The conversation's title changed (first message, rename). */
export interface TitleMessage {
  type: 'title';
  conversationId: string;
  title: string;
}

/** Everything the extension sends. */
export type HostMessage =
  | InitMessage
  | ConversationMessage
  | TurnStartedMessage
  | ChunkMessage
  | DoneMessage
  | ErrorMessage
  | ChipsMessage
  | HeaderMessage
  | HistoryPageMessage
  | HistoryChangedMessage
  | ShowHistoryMessage
  | TitleMessage;

// ---------------------------------------------------------------- validation

/** Upper bounds, so a misbehaving webview cannot make the extension hold or log huge strings. */
export const protocolLimits = {
  /** A user message (a pasted chapter fits; a book does not). */
  textChars: 200_000,
  hrefChars: 4_096,
  linkTextChars: 500,
  titleChars: 200,
  queryChars: 500,
  chips: 20,
  historyPage: 200,
} as const;

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const editorActions: readonly EditorActionKind[] = ['copy', 'insert', 'replace', 'newDocument'];
const setupActions: readonly SetupAction[] = ['chooseProvider', 'useVsCodeModels', 'findLocalModels'];

declare const valueType: unique symbol;
/** Checks one field and returns why it is wrong, or undefined when it is fine; `T` is the type a passing value has. */
type FieldRule<T> = ((value: unknown) => string | undefined) & { readonly [valueType]?: T };
/** A field that may be left out. */
type OptionalRule<T> = FieldRule<T> & { readonly optional: true };

type ValueOf<R> = R extends FieldRule<infer T> ? T : never;
type FieldsOf<S> = { -readonly [K in keyof S as S[K] extends OptionalRule<unknown> ? never : K]: ValueOf<S[K]> } & {
  -readonly [K in keyof S as S[K] extends OptionalRule<unknown> ? K : never]?: ValueOf<S[K]>;
};
type Flatten<T> = { [K in keyof T]: T[K] };

const rule = <T>(check: (value: unknown) => string | undefined): FieldRule<T> => check;
const id = rule<string>((value) => (typeof value === 'string' && idPattern.test(value) ? undefined : 'must be an id'));
const text = (max: number) =>
  rule<string>((value) =>
    typeof value !== 'string' ? 'must be a string' : value.length > max ? `must be at most ${max} characters` : undefined,
  );
const integer = (min: number, max: number) =>
  rule<number>((value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? undefined
      : `must be an integer from ${min} to ${max}`,
  );
const optional = <T>(check: FieldRule<T>): OptionalRule<T> =>
  Object.assign((value: unknown) => (value === undefined ? undefined : check(value)), { optional: true as const });
const oneOf = <A extends string>(allowed: readonly A[]) =>
  rule<A>((value) =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value) ? undefined : `must be one of ${allowed.join(', ')}`,
  );
const ids = (max: number) =>
  rule<string[]>((value) =>
    !Array.isArray(value)
      ? 'must be an array'
      : value.length > max
        ? `must have at most ${max} entries`
        : value.every((entry) => id(entry) === undefined)
          ? undefined
          : 'must hold only ids',
  );

/** The fields of each message the webview may send (without `type`), with the rule each must pass. */
const webviewSchemas = {
  /** The webview's script has loaded and listens; the first message it sends. */
  ready: {},
  /** Send a user message with the chips (by id) that are attached to it. */
  send: { requestId: id, text: text(protocolLimits.textChars), chipIds: ids(protocolLimits.chips) },
  /** Stop the streaming answer of a turn; its text so far is kept and marked stopped. */
  stop: { requestId: id },
  /** Answer the last user message again, replacing the last answer. */
  regenerate: { requestId: id },
  /** Replace a past user message's text and continue the conversation from there. */
  editAndResend: { requestId: id, messageId: id, text: text(protocolLimits.textChars) },
  /** Start an empty conversation (the current one stays in the history). */
  newChat: {},
  removeChip: { chipId: id },
  /** Attach the whole active editor document as a chip. */
  addCurrentFile: {},
  /** An answer's button, or (with `codeBlock`, counted from 0) a code block's button. */
  editorAction: { action: oneOf(editorActions), messageId: id, codeBlock: optional(integer(0, 10_000)) },
  /**
   * The user clicked a link; the extension opens it only if it is http(s), and
   * only after showing the full target. `text` is the link's visible text, so a
   * link whose text names another host than its target is pointed out.
   */
  openLink: { href: text(protocolLimits.hrefChars), text: text(protocolLimits.linkTextChars) },
  pickModel: {},
  /** Open "Inkwell: Switch Profile" to change the profile in use. */
  switchProfile: {},
  editPersona: {},
  /** Ask for a page of the history list, newest first, optionally filtered by text. */
  listHistory: {
    requestId: id,
    query: text(protocolLimits.queryChars),
    offset: integer(0, 1_000_000),
    limit: integer(1, protocolLimits.historyPage),
  },
  openConversation: { conversationId: id },
  /** Without `title` the extension asks for one. */
  renameConversation: { conversationId: id, title: optional(text(protocolLimits.titleChars)) },
  deleteConversation: { conversationId: id },
  exportConversation: {},
  /** A fix button under a failed answer or a refused message, as offered with the editor's notifications. */
  fixAction: { action: oneOf<FixAction>(fixActionLabels) },
  /** A button of the setup welcome shown while nothing is configured. */
  setupAction: { action: oneOf(setupActions) },
  /** The page's Content-Security-Policy blocked something; logged by the extension. */
  cspViolation: { directive: text(200), blockedUri: text(protocolLimits.hrefChars) },
} as const satisfies Record<string, Record<string, FieldRule<unknown>>>;

/** The outcome of checking a message from the webview. */
export type ParseResult = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

/**
 * Checks a message received from the webview: a known `type`, every field of
 * that type with the right shape, and no other fields. Never throws.
 */
export function parseWebviewMessage(raw: unknown): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const record = raw as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(webviewSchemas, type)) {
    return { ok: false, reason: `unknown message type ${JSON.stringify(String(type).slice(0, 40))}` };
  }
  const schema: Readonly<Record<string, FieldRule<unknown>>> = webviewSchemas[type as WebviewMessage['type']];
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(schema, key))
      return { ok: false, reason: `${type}: unexpected field ${JSON.stringify(key.slice(0, 40))}` };
  }
  for (const [key, rule] of Object.entries(schema)) {
    const problem = rule(record[key]);
    if (problem) return { ok: false, reason: `${type}.${key} ${problem}` };
  }
  return { ok: true, message: raw as WebviewMessage };
}

/** True for a message the extension accepts (see `parseWebviewMessage` for why one is not). */
export function isWebviewMessage(raw: unknown): raw is WebviewMessage {
  return parseWebviewMessage(raw).ok;
}

/** Every type the extension sends; a record over the union, so the compiler names a type left out. */
const hostMessageTypes: { readonly [T in HostMessage['type']]: true } = {
  init: true,
  conversation: true,
  turnStarted: true,
  chunk: true,
  done: true,
  error: true,
  chips: true,
  header: true,
  historyPage: true,
  historyChanged: true,
  showHistory: true,
  title: true,
};

/** The webview's check on what arrives: the extension is trusted, but stray window messages are not. */
export function isHostMessage(raw: unknown): raw is HostMessage {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (type === 'init') return isWebviewStrings((raw as { strings?: unknown }).strings);
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(hostMessageTypes, type);
}

/** Ids for requests and records; the webview and the extension both make them. */
export function isProtocolId(value: unknown): value is string {
  return typeof value === 'string' && idPattern.test(value);
}

/** Only these links are ever opened, and only after a click. */
export function isWebLink(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
