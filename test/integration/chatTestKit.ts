import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ChatSession } from '../../src/chat/chatSession';
import { ContextChips } from '../../src/chat/contextChips';
import { ConversationStore } from '../../src/chat/conversationStore';
import { EditorActions } from '../../src/chat/editorActions';
import { EndpointConsent } from '../../src/consent/consentStore';
import { InlineReviews } from '../../src/editor/inlineReview/inlineReviews';
import { ReviewManager } from '../../src/editor/reviewManager';
import { RunningOperations } from '../../src/editor/runningOperations';
import { GenerationService } from '../../src/generation/generationService';
import { readConfig } from '../../src/settings/config';
import { providerSource } from '../../src/connection/providerSource';
import { SecretGuard } from '../../src/consent/secretGuard';
import type { HostMessage } from '../../src/shared/protocol';
import { waitFor } from './editorTestKit';
import { recordingLog, tempFolder, type RecordingLog } from '../unit/kit/recording';

export { recordFigure, recordingLog, tempFolder, type RecordingLog } from '../unit/kit/recording';

/** A chat session as the side view would have it, posting into an array instead of a webview. */
export interface TestChat {
  session: ChatSession;
  store: ConversationStore;
  /** The reviews the chat's Replace opens. */
  reviews: ReviewManager;
  inlineReviews: InlineReviews;
  posted: HostMessage[];
  log: RecordingLog;
  folder: string;
  /** Sends like the composer does and waits for the answer to be saved. */
  send(text: string, options?: { chips?: 'all'; requestId?: string }): Promise<HostMessage[]>;
  /** Saves finished so far (each is followed by `historyChanged`). */
  saves(): number;
  /** The posted messages of one request, in order. */
  repliesTo(requestId: string): HostMessage[];
  dispose(): void;
}

let requestCounter = 0;

export function nextRequestId(): string {
  return `req-${++requestCounter}`;
}

/** Builds a session against the real generation service (pointed at the local server by the settings); `key` is the stored key it sends. */
export function createTestChat(options: { key?: string } = {}): TestChat {
  const log = recordingLog();
  const folder = tempFolder('chat');
  const store = new ConversationStore(folder, log.channel);
  // The local server is on loopback: it needs no key unless a test stores one, and no consent is asked.
  const answers = new Map<string, unknown>();
  const consent = new EndpointConsent({
    get: <T>(key: string) => answers.get(key) as T | undefined,
    update: async (key, value) => void answers.set(key, value),
  });
  // Guarded as in the extension, so chat tests see what the user would.
  const generation = new GenerationService(
    new SecretGuard(() => readConfig().secretGuard).wrap(providerSource({ get: async () => options.key }, consent)),
    log.channel,
  );
  const operations = new RunningOperations();
  const chips = new ContextChips();
  const reviews = new ReviewManager();
  const inlineReviews = new InlineReviews();
  const editor = new EditorActions(reviews, inlineReviews);
  const session = new ChatSession({ store, generation, operations, chips, editor, log: log.channel });
  const posted: HostMessage[] = [];
  session.attach({ post: (message) => (posted.push(message), true) });
  const saves = (): number => posted.filter((message) => message.type === 'historyChanged').length;
  const repliesTo = (requestId: string): HostMessage[] =>
    posted.filter((message) => 'requestId' in message && message.requestId === requestId);
  return {
    session,
    store,
    reviews,
    inlineReviews,
    posted,
    log,
    folder,
    repliesTo,
    saves,
    async send(text, options = {}) {
      const requestId = options.requestId ?? nextRequestId();
      const chipIds = options.chips === 'all' ? chips.views().map((chip) => chip.id) : [];
      const savesBefore = saves();
      await session.handle({ type: 'send', requestId, text, chipIds });
      await session.idle();
      // Two saves: the question when sent, the answer when finished.
      await waitFor(() => saves() >= savesBefore + 2, 'the conversation to be saved');
      return repliesTo(requestId);
    },
    dispose() {
      session.dispose();
      editor.dispose();
      reviews.dispose();
      inlineReviews.dispose();
      operations.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Writes a file into the workspace folder (created if needed) and returns its Uri. */
export function workspaceFile(name: string, content: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? tempFolder('workspace');
  const file = path.join(root, name);
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}
