/**
 * Every piece of text the chat page shows, by key. The page has no strings of
 * its own: the extension sends this table, in VS Code's display language,
 * with `init` (src/chat/webviewStrings.ts fills it), and the page renders
 * with it. Values may hold `{0}`, `{1}` placeholders, filled by `formatString`.
 */
export interface WebviewStrings {
  emptyAsk: string;
  emptyHint: string;
  jumpToLatest: string;
  conversationLabel: string;

  personaTitle: string;
  /** {0}: the persona's first line. */
  personaDetailTitle: string;
  noPersona: string;
  personaNone: string;
  /** {0}: the persona's short name. */
  personaAria: string;
  modelTitle: string;
  /** {0}: the model id. */
  modelAria: string;
  /** Tooltip of the profile button. */
  profileTitle: string;
  /** {0}: the active profile's name. */
  profileAria: string;
  workspaceNote: string;
  /** {0}: the settings, comma-separated. */
  workspaceNoteTitle: string;
  /** {0}: the settings, comma-separated. */
  workspaceNoteAria: string;
  newChat: string;
  newChatTitle: string;
  history: string;
  historyTitle: string;
  exportChat: string;
  exportChatTitle: string;

  welcomeTitle: string;
  welcomeIntro: string;
  chooseProvider: string;
  chooseProviderTitle: string;
  useVsCodeModels: string;
  useVsCodeModelsTitle: string;
  findLocalModels: string;
  findLocalModelsTitle: string;
  keysNote: string;

  composerPlaceholder: string;
  composerAria: string;
  attachedContext: string;
  send: string;
  sendTitle: string;
  stop: string;
  stopTitle: string;
  addCurrentFile: string;
  addCurrentFileTitle: string;
  /** {0}: the selection's chip label; {1}: its length in characters. */
  selectionAttached: string;
  /** {0}: a number of characters. */
  chipTitle: string;
  /** {0}: the chip's label. */
  removeChipAria: string;
  removeChip: string;
  slashSummarize: string;
  slashImprove: string;
  slashTranslate: string;
  slashShorter: string;
  slashLonger: string;
  slashTone: string;
  slashDraft: string;

  you: string;
  stopped: string;
  failed: string;
  copy: string;
  copyTitle: string;
  copyCodeTitle: string;
  insert: string;
  insertTitle: string;
  replace: string;
  replaceTitle: string;
  newDocument: string;
  newDocumentTitle: string;
  edit: string;
  editTitle: string;
  editAria: string;
  cancel: string;
  answer: string;
  answerTitle: string;
  regenerate: string;
  regenerateTitle: string;
  usageTitle: string;
  /** {0}: prompt tokens; {1}: answer tokens. */
  usage: string;
  fixSetApiKey: string;
  fixChooseProvider: string;
  fixTestConnection: string;
  fixOpenSettings: string;
  fixShowLog: string;

  searchChats: string;
  close: string;
  noMatchingChats: string;
  noSavedChats: string;
  oneChat: string;
  /** {0}: the number of chats. */
  manyChats: string;
  /** {0}: when; a single message. */
  historyMetaOne: string;
  /** {0}: when; {1}: the number of messages. */
  historyMetaMany: string;
  rename: string;
  renameTitle: string;
  deleteChat: string;
  deleteConfirm: string;
  deleteTitle: string;
}

/** Every key of the table; a record over the interface, so the compiler names a key left out. */
const webviewStringKeys: { readonly [K in keyof WebviewStrings]: true } = {
  emptyAsk: true,
  emptyHint: true,
  jumpToLatest: true,
  conversationLabel: true,
  personaTitle: true,
  personaDetailTitle: true,
  noPersona: true,
  personaNone: true,
  personaAria: true,
  modelTitle: true,
  modelAria: true,
  profileTitle: true,
  profileAria: true,
  workspaceNote: true,
  workspaceNoteTitle: true,
  workspaceNoteAria: true,
  newChat: true,
  newChatTitle: true,
  history: true,
  historyTitle: true,
  exportChat: true,
  exportChatTitle: true,
  welcomeTitle: true,
  welcomeIntro: true,
  chooseProvider: true,
  chooseProviderTitle: true,
  useVsCodeModels: true,
  useVsCodeModelsTitle: true,
  findLocalModels: true,
  findLocalModelsTitle: true,
  keysNote: true,
  composerPlaceholder: true,
  composerAria: true,
  attachedContext: true,
  send: true,
  sendTitle: true,
  stop: true,
  stopTitle: true,
  addCurrentFile: true,
  addCurrentFileTitle: true,
  selectionAttached: true,
  chipTitle: true,
  removeChipAria: true,
  removeChip: true,
  slashSummarize: true,
  slashImprove: true,
  slashTranslate: true,
  slashShorter: true,
  slashLonger: true,
  slashTone: true,
  slashDraft: true,
  you: true,
  stopped: true,
  failed: true,
  copy: true,
  copyTitle: true,
  copyCodeTitle: true,
  insert: true,
  insertTitle: true,
  replace: true,
  replaceTitle: true,
  newDocument: true,
  newDocumentTitle: true,
  edit: true,
  editTitle: true,
  editAria: true,
  cancel: true,
  answer: true,
  answerTitle: true,
  regenerate: true,
  regenerateTitle: true,
  usageTitle: true,
  usage: true,
  fixSetApiKey: true,
  fixChooseProvider: true,
  fixTestConnection: true,
  fixOpenSettings: true,
  fixShowLog: true,
  searchChats: true,
  close: true,
  noMatchingChats: true,
  noSavedChats: true,
  oneChat: true,
  manyChats: true,
  historyMetaOne: true,
  historyMetaMany: true,
  rename: true,
  renameTitle: true,
  deleteChat: true,
  deleteConfirm: true,
  deleteTitle: true,
};

/** A complete table of strings (and nothing else), as `init` must carry. */
export function isWebviewStrings(value: unknown): value is WebviewStrings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(webviewStringKeys);
  return (
    Object.keys(record).length === keys.length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(record, key) && typeof record[key] === 'string')
  );
}

/** Fills `{0}`, `{1}`… in a string from the table; a placeholder without an argument stays as it is. */
export function formatString(template: string, ...args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}
