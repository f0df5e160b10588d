import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { summaryOf, type StoredConversation } from '../../src/chat/conversationStore';
import type { BenchHost } from './benchHost';
import { extensionId, type HistoryStoreFigures } from '../shared/benchProtocol';
import { installChatProbe, watchHistoryPaint } from '../page/chatProbe';

/** Where the extension keeps conversations inside a VS Code server data dir. */
export function conversationsDir(serverDataDir: string): string {
  return path.join(serverDataDir, 'data', 'User', 'globalStorage', extensionId, 'conversations');
}

/** A finished conversation of `turns` questions and markdown answers. */
export function storedConversation(id: string, title: string, turns: number, updatedAt: number): StoredConversation {
  const messages: StoredConversation['messages'] = [];
  for (let turn = 0; turn < turns; turn++) {
    const at = updatedAt - (turns - turn) * 60_000;
    messages.push({
      id: `${id}-q${turn}`,
      role: 'user',
      text: `How should I phrase point ${turn} of "${title}"?`,
      status: 'complete',
      createdAt: at,
    });
    messages.push({
      id: `${id}-a${turn}`,
      role: 'assistant',
      text: `Point ${turn} reads best as **one short sentence** and an example:\n\n- say what changes\n- say why it matters\n\n\`\`\`md\nThe plan moves the launch to May, so the beta can run a full month.\n\`\`\``,
      status: 'complete',
      createdAt: at + 5_000,
    });
  }
  return { version: 1, id, title, createdAt: updatedAt - turns * 60_000, updatedAt, messages };
}

/** Writes conversations and their index as a previous session of the extension would have left them. */
export function seedConversations(serverDataDir: string, conversations: readonly StoredConversation[]): void {
  const dir = conversationsDir(serverDataDir);
  fs.mkdirSync(dir, { recursive: true });
  for (const conversation of conversations) fs.writeFileSync(path.join(dir, `${conversation.id}.json`), JSON.stringify(conversation));
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ version: 1, conversations: conversations.map(summaryOf) }));
}

/** `count` conversations of 1 to 6 turns, an hour apart, newest first. */
export function manyConversations(count: number, now: number): StoredConversation[] {
  return Array.from({ length: count }, (_, i) =>
    storedConversation(`stored-${i}`, `Stored chat ${i}: notes on chapter ${(i % 40) + 1}`, 1 + (i % 6), now - (i + 1) * 3_600_000),
  );
}

/**
 * Runs in every frame of the page before its scripts; acts only in the
 * webview's content frame. The chat page is written into that frame after
 * it loads, which drops animation-frame callbacks and observers but not
 * timers, so a 5 ms poll finds the first history entry; one frame later it
 * has been painted.
 */
function historyPaintProbe(): void {
  const frameId = (window.frameElement as HTMLElement | null)?.id;
  if (frameId !== 'pending-frame' && frameId !== 'active-frame') return;
  const target = window as unknown as { inkwellHistoryPaintedEpoch?: number };
  const started = performance.now();
  const poll = setInterval(() => {
    if (performance.now() - started > 120_000) clearInterval(poll);
    if (!document.querySelector('.history-item')) return;
    clearInterval(poll);
    requestAnimationFrame(() => setTimeout(() => (target.inkwellHistoryPaintedEpoch = performance.timeOrigin + performance.now()), 0));
  }, 5);
}

/** Prepares a fresh page so that the next opening of the chat records when its history list is painted. */
export async function addHistoryPaintProbe(page: Page): Promise<void> {
  await page.context().addInitScript(historyPaintProbe);
}

export interface ColdHistoryFigures {
  /** "Chat History" with the chat view never opened → the chat page's first contentful paint. */
  viewPaintMs: number;
  /** The same command → first entry of the history painted (the view opens with its list). */
  coldListPaintMs: number;
  /** Then, the view open: the list closed and "Chat History" run again → first entry painted. */
  listPaintMs: number;
  /** Extension host heap and RSS once the list is shown, and their growth since activation. */
  heapUsedBytes: number;
  rssBytes: number;
  heapGrowthBytes: number;
  rssGrowthBytes: number;
  store: HistoryStoreFigures;
}

/**
 * Item 5 in a fresh window whose store holds the seeded conversations:
 * "Inkwell: Chat History" with the chat view never opened (the view opens
 * showing its history list) until the list's first paint; then, with the
 * view open, the list closed and asked for again, as from the view's
 * History button.
 */
export async function measureColdHistory(bench: BenchHost, serverDataDir: string): Promise<ColdHistoryFigures> {
  const before = await bench.call('memory');
  const cold = await bench.call('command', { id: 'inkwell.chat.showHistory' });
  const frame = await bench.chatFrame();
  const painted = await frame.waitForFunction(
    () => (window as unknown as { inkwellHistoryPaintedEpoch?: number }).inkwellHistoryPaintedEpoch,
    undefined,
    { timeout: 30_000 },
  );
  const coldPaintedEpoch = (await painted.jsonValue()) as number;
  const fcpEpoch = await frame.evaluate(
    () => performance.timeOrigin + (performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN),
  );

  await frame.evaluate(installChatProbe);
  await frame.locator('.history-close').click();
  await frame.evaluate(watchHistoryPaint);
  const again = await bench.call('command', { id: 'inkwell.chat.showHistory' });
  const repainted = await frame.waitForFunction(() => window.inkwellBench?.historyPaintedEpoch, undefined, { timeout: 30_000 });
  const paintedEpoch = (await repainted.jsonValue()) as number;

  const after = await bench.call('memory');
  const store = await bench.call('historyStore', { directory: conversationsDir(serverDataDir), repeats: 5 });
  return {
    viewPaintMs: fcpEpoch - cold.startedAt,
    coldListPaintMs: coldPaintedEpoch - cold.startedAt,
    listPaintMs: paintedEpoch - again.startedAt,
    heapUsedBytes: after.heapUsedBytes,
    rssBytes: after.rssBytes,
    heapGrowthBytes: after.heapUsedBytes - before.heapUsedBytes,
    rssGrowthBytes: after.rssBytes - before.rssBytes,
    store,
  };
}
