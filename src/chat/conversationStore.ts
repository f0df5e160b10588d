import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isProtocolId, type ConversationSummary, type MessageView } from '../shared/protocol';

/** A message as saved: what the view shows, plus what was actually sent when that differs. */
export interface StoredMessage extends MessageView {
  /** The user content sent to the model when it is not just `text` (context, slash commands). */
  prompt?: string;
  /** A slash command's own system prompt (from src/prompts/tasks.ts), which replaces the chat's for that turn. */
  taskSystem?: string;
}

/** One conversation file. Only finished messages are ever in it. */
export interface StoredConversation {
  version: 1;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: StoredMessage[];
}

/** Where the store reports files it had to skip; the caller logs and tells the user. */
export interface StoreLogger {
  warn(message: string): void;
}

interface IndexFile {
  version: 1;
  conversations: ConversationSummary[];
}

const indexName = 'index.json';
const tempSuffix = '.tmp';
/** Temp files younger than this may belong to another window's write in progress. */
const staleTempMs = 60_000;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * Saves conversations under one folder: one JSON file per conversation, plus
 * `index.json` with titles and dates so the history opens without reading
 * every conversation. Every write goes to a temp file first and is renamed
 * into place, so a crash leaves either the old file or the new one, never
 * half of one. A file that cannot be read is skipped with a warning; it never
 * takes the others down. No VS Code API here, so it runs in plain Node too.
 */
export class ConversationStore {
  private index: Map<string, ConversationSummary> | undefined;
  private loadingIndex: Promise<Map<string, ConversationSummary>> | undefined;
  /** Writes run one after another, so two saves never race on the index. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly directory: string,
    private readonly logger: StoreLogger,
    /** `inkwell.chat.historyRetentionDays`: chats unused for longer are deleted; 0 keeps them. */
    private readonly retentionDays: () => number = () => 0,
  ) {}

  /** Every conversation, newest first: read from the index only. */
  async list(): Promise<ConversationSummary[]> {
    const index = await this.loadIndex();
    return [...index.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * A page of the history, newest first. A query matches titles and, by
   * reading the files, message text and attached context (case-insensitive).
   */
  async page(query: string, offset: number, limit: number): Promise<{ items: ConversationSummary[]; total: number }> {
    const all = await this.list();
    const matching = query.trim() ? await this.search(all, query.trim().toLowerCase()) : all;
    return { items: matching.slice(offset, offset + limit), total: matching.length };
  }

  /**
   * One conversation, or undefined (with a warning) when it is missing or
   * unreadable. `quietIfMissing` for ids that may name a chat never saved
   * (one left empty), where a missing file is no damage.
   */
  async load(id: string, quietIfMissing = false): Promise<StoredConversation | undefined> {
    if (!isProtocolId(id)) return undefined;
    return this.readConversation(this.fileOf(id), quietIfMissing);
  }

  /** Writes the conversation atomically and updates the index. */
  save(conversation: StoredConversation): Promise<void> {
    if (!isProtocolId(conversation.id)) return Promise.reject(new Error(`invalid conversation id ${conversation.id}`));
    return this.enqueue(async () => {
      const index = await this.loadIndex();
      await fs.promises.mkdir(this.directory, { recursive: true });
      await writeAtomically(this.fileOf(conversation.id), JSON.stringify(conversation));
      index.set(conversation.id, summaryOf(conversation));
      await this.writeIndex(index);
      await this.removeExpired(Date.now(), conversation.id);
    });
  }

  /** Deletes the chats older than the retention period (at startup; saves do it too); resolves with how many. */
  prune(now = Date.now()): Promise<number> {
    return this.enqueue(() => this.removeExpired(now));
  }

  /** Deletes every saved chat, with the files attached to them; resolves with how many there were. */
  deleteAll(): Promise<number> {
    return this.enqueue(async () => {
      // Read afresh: another window may have saved chats this one's index has not seen.
      this.index = undefined;
      this.loadingIndex = undefined;
      const index = await this.loadIndex();
      const count = index.size;
      // The whole folder: also files the index never knew (damaged ones, temp files of a crashed write).
      await fs.promises.rm(this.directory, { recursive: true, force: true });
      index.clear();
      return count;
    });
  }

  async rename(id: string, title: string): Promise<StoredConversation | undefined> {
    const conversation = await this.load(id);
    if (!conversation) return undefined;
    const renamed = { ...conversation, title: title.trim() || conversation.title };
    await this.save(renamed);
    return renamed;
  }

  delete(id: string): Promise<void> {
    if (!isProtocolId(id)) return Promise.resolve();
    return this.enqueue(async () => {
      const index = await this.loadIndex();
      await fs.promises.rm(this.fileOf(id), { force: true });
      if (index.delete(id)) await this.writeIndex(index);
    });
  }

  private async removeExpired(now: number, keep?: string): Promise<number> {
    const days = this.retentionDays();
    if (!(days > 0)) return 0;
    const index = await this.loadIndex();
    const expired = [...index.values()].filter((summary) => summary.id !== keep && summary.updatedAt < now - days * dayMs);
    for (const summary of expired) {
      await fs.promises.rm(this.fileOf(summary.id), { force: true });
      index.delete(summary.id);
    }
    if (expired.length > 0) await this.writeIndex(index);
    return expired.length;
  }

  private fileOf(id: string): string {
    return path.join(this.directory, `${id}.json`);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private loadIndex(): Promise<Map<string, ConversationSummary>> {
    if (this.index) return Promise.resolve(this.index);
    this.loadingIndex ??= this.readIndex().then((index) => (this.index = index));
    return this.loadingIndex;
  }

  /**
   * Reads the index and reconciles it with the folder (one `readdir`): files
   * the index misses (a crash between the two renames, another window) are
   * read and added; entries whose file is gone are dropped.
   */
  private async readIndex(): Promise<Map<string, ConversationSummary>> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.directory);
    } catch {
      return new Map();
    }
    await this.removeStaleTemps(names);
    const ids = new Set(
      names
        .filter((name) => name.endsWith('.json') && name !== indexName)
        .map((name) => name.slice(0, -'.json'.length))
        .filter(isProtocolId),
    );
    const index = new Map<string, ConversationSummary>();
    const fromFile = await readJson(path.join(this.directory, indexName)).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? undefined : null,
    );
    if (fromFile !== undefined && !isIndexFile(fromFile))
      this.logger.warn(`Chat history index ${indexName} is unreadable; rebuilding it from the conversation files.`);
    for (const entry of isIndexFile(fromFile) ? fromFile.conversations : []) {
      if (ids.has(entry.id)) index.set(entry.id, entry);
    }
    let changed = !isIndexFile(fromFile) || index.size !== (fromFile as IndexFile).conversations.length;
    for (const id of ids) {
      if (index.has(id)) continue;
      const conversation = await this.readConversation(this.fileOf(id), true);
      if (conversation) {
        index.set(id, summaryOf(conversation));
        changed = true;
      }
    }
    if (changed && (index.size > 0 || fromFile !== undefined))
      await this.writeIndex(index).catch((error: unknown) =>
        this.logger.warn(`Could not rewrite the chat history index: ${String(error)}`),
      );
    return index;
  }

  private async removeStaleTemps(names: string[]): Promise<void> {
    const now = Date.now();
    for (const name of names.filter((candidate) => candidate.endsWith(tempSuffix))) {
      const file = path.join(this.directory, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (stat && now - stat.mtimeMs > staleTempMs) await fs.promises.rm(file, { force: true }).catch(() => undefined);
    }
  }

  private async writeIndex(index: Map<string, ConversationSummary>): Promise<void> {
    const file: IndexFile = { version: 1, conversations: [...index.values()] };
    await fs.promises.mkdir(this.directory, { recursive: true });
    await writeAtomically(path.join(this.directory, indexName), JSON.stringify(file));
  }

  private async readConversation(file: string, quietIfMissing: boolean): Promise<StoredConversation | undefined> {
    let parsed: unknown;
    try {
      parsed = await readJson(file);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!missing || !quietIfMissing)
        this.logger.warn(
          `Skipped saved chat ${path.basename(file)}: ${missing ? 'the file is missing' : 'the file is not valid JSON (damaged or cut short)'}.`,
        );
      return undefined;
    }
    if (!isStoredConversation(parsed) || `${parsed.id}.json` !== path.basename(file)) {
      this.logger.warn(`Skipped saved chat ${path.basename(file)}: it is not a conversation this version of Inkwell can read.`);
      return undefined;
    }
    return parsed;
  }

  private async search(all: ConversationSummary[], needle: string): Promise<ConversationSummary[]> {
    const found = new Set<string>();
    const needsReading = all.filter((summary) => {
      if (!summary.title.toLowerCase().includes(needle)) return true;
      found.add(summary.id);
      return false;
    });
    // A few files at a time: fast for hundreds of conversations without opening them all at once.
    for (let start = 0; start < needsReading.length; start += 16) {
      const batch = needsReading.slice(start, start + 16);
      const loaded = await Promise.all(batch.map((summary) => this.readConversation(this.fileOf(summary.id), true)));
      for (const conversation of loaded) {
        if (conversation && conversationMentions(conversation, needle)) found.add(conversation.id);
      }
    }
    return all.filter((summary) => found.has(summary.id));
  }
}

function conversationMentions(conversation: StoredConversation, needle: string): boolean {
  return conversation.messages.some(
    (message) =>
      message.text.toLowerCase().includes(needle) ||
      (message.context ?? []).some((context) => `${context.label}\n${context.text}`.toLowerCase().includes(needle)),
  );
}

export function summaryOf(conversation: StoredConversation): ConversationSummary {
  return {
    id: conversation.id,
    title: conversation.title,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
  };
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.promises.readFile(file, 'utf8')) as unknown;
}

/**
 * Temp file, flushed to disk, then renamed over the target: readers and a
 * crash see the old content or the new, never a mix. The temp name is unique
 * per write so concurrent writers (two windows) never share one.
 */
export async function writeAtomically(file: string, data: string): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}${tempSuffix}`;
  const handle = await fs.promises.open(temp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

function isIndexFile(value: unknown): value is IndexFile {
  const file = value as IndexFile | undefined;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.version === 1 &&
    Array.isArray(file.conversations) &&
    file.conversations.every(isSummary)
  );
}

function isSummary(value: unknown): value is ConversationSummary {
  const entry = value as ConversationSummary | undefined;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    isProtocolId(entry.id) &&
    typeof entry.title === 'string' &&
    Number.isFinite(entry.createdAt) &&
    Number.isFinite(entry.updatedAt) &&
    Number.isInteger(entry.messageCount)
  );
}

function isStoredConversation(value: unknown): value is StoredConversation {
  const conversation = value as StoredConversation | undefined;
  return (
    typeof conversation === 'object' &&
    conversation !== null &&
    conversation.version === 1 &&
    isProtocolId(conversation.id) &&
    typeof conversation.title === 'string' &&
    Number.isFinite(conversation.createdAt) &&
    Number.isFinite(conversation.updatedAt) &&
    Array.isArray(conversation.messages) &&
    conversation.messages.every(isStoredMessage)
  );
}

function isStoredMessage(value: unknown): value is StoredMessage {
  const message = value as StoredMessage | undefined;
  return (
    typeof message === 'object' &&
    message !== null &&
    isProtocolId(message.id) &&
    (message.role === 'user' || message.role === 'assistant') &&
    typeof message.text === 'string' &&
    ['complete', 'stopped', 'error'].includes(message.status)
  );
}
