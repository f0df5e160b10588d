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

/** The webview's script has loaded and listens; the first message it sends. */
export interface ReadyMessage { type: 'ready' }
/** Send a user message with the chips (by id) that are attached to it. */
export interface SendMessage { type: 'send'; requestId: string; text: string; chipIds: string[] }
/** Stop the streaming answer of a turn; its text so far is kept and marked stopped. */
export interface StopMessage { type: 'stop'; requestId: string }
/** Answer the last user message again, replacing the last answer. */
export interface RegenerateMessage { type: 'regenerate'; requestId: string }
/** Replace a past user message's text and continue the conversation from there. */
export interface EditAndResendMessage { type: 'editAndResend'; requestId: string; messageId: string; text: string }
/** Start an empty conversation (the current one stays in the history). */
export interface NewChatMessage { type: 'newChat' }
export interface RemoveChipMessage { type: 'removeChip'; chipId: string }
/** Attach the whole active editor document as a chip. */
export interface AddCurrentFileMessage { type: 'addCurrentFile' }
/** An answer's button, or (with `codeBlock`, counted from 0) a code block's button. */
export interface EditorActionMessage { type: 'editorAction'; action: EditorActionKind; messageId: string; codeBlock?: number }
/**
 * The user clicked a link; the extension opens it only if it is http(s), and
 * only after showing the full target. `text` is the link's visible text, so a
 * link whose text names another host than its target is pointed out.
 */
export interface OpenLinkMessage { type: 'openLink'; href: string; text: string }
export interface PickModelMessage { type: 'pickModel' }
export interface EditPersonaMessage { type: 'editPersona' }
/** Ask for a page of the history list, newest first, optionally filtered by text. */
export interface ListHistoryMessage { type: 'listHistory'; requestId: string; query: string; offset: number; limit: number }
export interface OpenConversationMessage { type: 'openConversation'; conversationId: string }
/** Without `title` the extension asks for one. */
export interface RenameConversationMessage { type: 'renameConversation'; conversationId: string; title?: string }
export interface DeleteConversationMessage { type: 'deleteConversation'; conversationId: string }
export interface ExportConversationMessage { type: 'exportConversation' }
/** A fix button under a failed answer or a refused message, as offered with the editor's notifications. */
export interface FixActionMessage { type: 'fixAction'; action: FixAction }
/** A button of the setup welcome shown while nothing is configured. */
export interface SetupActionMessage { type: 'setupAction'; action: SetupAction }
/** The page's Content-Security-Policy blocked something; logged by the extension. */
export interface CspViolationMessage { type: 'cspViolation'; directive: string; blockedUri: string }

/** Everything the webview may send. */
export type WebviewMessage =
  | ReadyMessage
  | SendMessage
  | StopMessage
  | RegenerateMessage
  | EditAndResendMessage
  | NewChatMessage
  | RemoveChipMessage
  | AddCurrentFileMessage
  | EditorActionMessage
  | OpenLinkMessage
  | PickModelMessage
  | EditPersonaMessage
  | ListHistoryMessage
  | OpenConversationMessage
  | RenameConversationMessage
  | DeleteConversationMessage
  | ExportConversationMessage
  | FixActionMessage
  | SetupActionMessage
  | CspViolationMessage;

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
}
/** Another conversation is shown (switched, new, or the current one deleted). */
export interface ConversationMessage { type: 'conversation'; conversation: ConversationView }
/**
 * A turn was accepted. Messages from `replaceFrom` on are removed first
 * (regenerate, edit and resend), then `userMessage` (if any) is appended and
 * an empty answer `assistantId` starts streaming.
 */
export interface TurnStartedMessage { type: 'turnStarted'; requestId: string; replaceFrom?: string; userMessage?: MessageView; assistantId: string }
/** The next piece of the streaming answer. */
export interface ChunkMessage { type: 'chunk'; requestId: string; text: string }
/** The turn ended with an answer (`complete` or `stopped`). */
export interface DoneMessage { type: 'done'; requestId: string; message: MessageView }
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
export interface ChipsMessage { type: 'chips'; chips: ChipView[] }
export interface HeaderMessage { type: 'header'; header: HeaderView }
/** The reply to `listHistory`. */
export interface HistoryPageMessage { type: 'historyPage'; requestId: string; items: ConversationSummary[]; total: number; offset: number }
/** Titles or entries changed: a shown history list should reload. */
export interface HistoryChangedMessage { type: 'historyChanged' }
/** Open the history list (the "Chat History" command). */
export interface ShowHistoryMessage { type: 'showHistory' }
/** The conversation's title changed (first message, rename). */
export interface TitleMessage { type: 'title'; conversationId: string; title: string }

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

/** Checks one field; returns why it is wrong, or undefined when it is fine. */
type FieldRule = (value: unknown) => string | undefined;

const id: FieldRule = (value) => (typeof value === 'string' && idPattern.test(value) ? undefined : 'must be an id');
const text = (max: number): FieldRule => (value) =>
  typeof value !== 'string' ? 'must be a string' : value.length > max ? `must be at most ${max} characters` : undefined;
const integer = (min: number, max: number): FieldRule => (value) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? undefined : `must be an integer from ${min} to ${max}`;
const optional = (rule: FieldRule): FieldRule => (value) => (value === undefined ? undefined : rule(value));
const oneOf = (allowed: readonly string[]): FieldRule => (value) =>
  typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`;
const ids = (max: number): FieldRule => (value) =>
  !Array.isArray(value) ? 'must be an array' : value.length > max ? `must have at most ${max} entries` : value.every((entry) => id(entry) === undefined) ? undefined : 'must hold only ids';

/** The fields of one message type (without `type`), each with its rule; typed so no field can be forgotten. */
type Schema<M> = { readonly [K in Exclude<keyof M, 'type'>]-?: FieldRule };
type Schemas = { readonly [T in WebviewMessage['type']]: Schema<Extract<WebviewMessage, { type: T }>> };

const schemas: Schemas = {
  ready: {},
  send: { requestId: id, text: text(protocolLimits.textChars), chipIds: ids(protocolLimits.chips) },
  stop: { requestId: id },
  regenerate: { requestId: id },
  editAndResend: { requestId: id, messageId: id, text: text(protocolLimits.textChars) },
  newChat: {},
  removeChip: { chipId: id },
  addCurrentFile: {},
  editorAction: { action: oneOf(editorActions), messageId: id, codeBlock: optional(integer(0, 10_000)) },
  openLink: { href: text(protocolLimits.hrefChars), text: text(protocolLimits.linkTextChars) },
  pickModel: {},
  editPersona: {},
  listHistory: { requestId: id, query: text(protocolLimits.queryChars), offset: integer(0, 1_000_000), limit: integer(1, protocolLimits.historyPage) },
  openConversation: { conversationId: id },
  renameConversation: { conversationId: id, title: optional(text(protocolLimits.titleChars)) },
  deleteConversation: { conversationId: id },
  exportConversation: {},
  fixAction: { action: oneOf(fixActionLabels) },
  setupAction: { action: oneOf(setupActions) },
  cspViolation: { directive: text(200), blockedUri: text(protocolLimits.hrefChars) },
};

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
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(schemas, type)) {
    return { ok: false, reason: `unknown message type ${JSON.stringify(String(type).slice(0, 40))}` };
  }
  const schema = schemas[type as WebviewMessage['type']] as Record<string, FieldRule>;
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(schema, key)) return { ok: false, reason: `${type}: unexpected field ${JSON.stringify(key.slice(0, 40))}` };
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

const hostMessageTypes: ReadonlySet<HostMessage['type']> = new Set<HostMessage['type']>([
  'init', 'conversation', 'turnStarted', 'chunk', 'done', 'error', 'chips', 'header', 'historyPage', 'historyChanged', 'showHistory', 'title',
]);

/** The webview's check on what arrives: the extension is trusted, but stray window messages are not. */
export function isHostMessage(raw: unknown): raw is HostMessage {
  return typeof raw === 'object' && raw !== null && hostMessageTypes.has((raw as { type?: unknown }).type as HostMessage['type']);
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
