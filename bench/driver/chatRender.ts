import * as esbuild from 'esbuild';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { chatPace } from '../../src/shared/chatPace';
import { repoRoot } from '../../test/support/installVsCodeServer';
import type { FakeOpenAIServer } from '../../test/support/openaiServer';
import type { BenchHost } from './benchHost';
import {
  captureTrustedTypesPolicies,
  installChatProbe,
  replayNaive,
  startRecording,
  stopRecording,
  type RenderRun,
} from '../page/chatProbe';
import { quantile, sum, summarize, type Summary } from './stats';

/** Markdown of about `bytes` bytes with what a writing assistant answers with: headings, prose, lists, tables, code. */
export function markdownAnswer(bytes: number): string {
  const blocks: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = [
      `## Section ${i}`,
      `A paragraph of prose for section ${i}, long enough to wrap over a few lines in a narrow side panel, with **bold**, _italic_, \`code\` and a [link](https://example.com/${i}).`,
      `- the first point of section ${i}\n- a second point, a little longer than the first\n- a third`,
      `| Term | Meaning |\n|---|---|\n| ${i} | a row |\n| more | rows |`,
      '```ts\n' + `export function section${i}(input: string): string {\n  return input.trim().toUpperCase();\n}\n` + '```',
      `> A quotation for section ${i}, set apart from the text.`,
    ][i % 6];
    blocks.push(block);
    size += Buffer.byteLength(block) + 2;
  }
  return blocks.join('\n\n');
}

function slices(text: string, size: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}

/** Bundles bench/page/naiveRenderer.ts for the browser, as the webview bundle is built. */
async function naiveRendererSource(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(repoRoot, 'bench', 'page', 'naiveRenderer.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export interface RendererFigures {
  updates: Summary;
  p50Ms: Summary;
  p95Ms: Summary;
  /** Longest task of the chat page itself; 0 when none reached the Long Tasks API's 50 ms. */
  longestTaskMs: Summary;
  tasksOver50: Summary;
  /** Tasks of 50 ms or more, all runs together. */
  tasksOver50Total: number;
  totalMs: Summary;
}

export interface ChatCase {
  label: string;
  bytes: number;
  earlierMessages: number;
  inkwell: RendererFigures;
  naive: RendererFigures;
}

export interface ChatRenderResults {
  runs: number;
  chunkChars: number;
  chunksPerSecond: number;
  /** `chatPace` as this build has it: the extension's batching and the webview's render pace. */
  forwardIntervalMs: number;
  renderIntervalMs: number;
  cases: ChatCase[];
}

function figuresOf(runs: readonly RenderRun[]): RendererFigures {
  return {
    updates: summarize(runs.map((run) => run.renderMs.length)),
    p50Ms: summarize(runs.map((run) => quantile(run.renderMs, 0.5))),
    p95Ms: summarize(runs.map((run) => quantile(run.renderMs, 0.95))),
    longestTaskMs: summarize(runs.map((run) => Math.max(0, ...run.longTasks))),
    tasksOver50: summarize(runs.map((run) => run.longTasks.length)),
    tasksOver50Total: sum(runs.map((run) => run.longTasks.length)),
    totalMs: summarize(runs.map((run) => sum(run.renderMs))),
  };
}

/** Waits until the transcript shows exactly `count` messages, or at least `count` with `atLeast`. */
async function messagesShown(frame: Frame, count: number, atLeast = false): Promise<void> {
  await frame.waitForFunction(
    ([expected, orMore]) => {
      const shown = document.querySelectorAll('.messages > .message').length;
      return orMore ? shown >= expected : shown === expected;
    },
    [count, atLeast] as const,
    { timeout: 30_000 },
  );
}

/**
 * Item 3 in the real chat webview: an answer streams from the local server
 * through the extension into the page, and the page's own instrumentation
 * (`window.inkwellDiagnostics`) times each render. The chunks, as the page
 * received them, are then replayed at the same times into a naive renderer
 * in the same page, which re-renders the whole answer on every chunk.
 * `earlierIds` are seeded conversations of 200 messages, one per run.
 */
export async function measureChatRender(
  bench: BenchHost,
  server: FakeOpenAIServer,
  options: { sizes: number[]; runs: number; chunkChars: number; chunksPerSecond: number; earlierIds: string[]; earlierMessages: number },
  log: (line: string) => void,
): Promise<ChatRenderResults> {
  await bench.host.page.context().addInitScript(captureTrustedTypesPolicies);
  await bench.call('command', { id: 'inkwell.openChat' });
  const frame = await bench.chatFrame();
  await frame.evaluate(installChatProbe);
  const naiveSource = await naiveRendererSource();
  let naiveLoaded = false;
  const composer = frame.locator('.composer-input');
  let nextEarlier = 0;

  const turn = async (bytes: number): Promise<{ inkwell: RenderRun; naive: RenderRun }> => {
    const startedAt = await frame.evaluate(startRecording);
    server.reset();
    server.enqueue({ kind: 'reply', chunks: slices(markdownAnswer(bytes), options.chunkChars), tokensPerSecond: options.chunksPerSecond });
    await composer.fill(`Write about ${bytes} bytes of notes, please.`);
    await composer.press('Enter');
    await frame.waitForFunction(() => window.inkwellBench?.doneAt !== undefined, undefined, { timeout: 120_000 });
    const inkwell = await frame.evaluate(stopRecording, startedAt);
    // Only now has the page's DOMPurify made the Trusted Types policy the naive copy borrows.
    if (!naiveLoaded) await frame.evaluate(naiveSource);
    naiveLoaded = true;
    const naive = await frame.evaluate(replayNaive);
    return { inkwell, naive };
  };

  const cases: ChatCase[] = [];
  for (const earlier of [0, options.earlierMessages]) {
    for (const bytes of options.sizes) {
      const runs: Array<{ inkwell: RenderRun; naive: RenderRun }> = [];
      for (let run = 0; run < options.runs; run++) {
        if (earlier === 0) {
          await bench.call('command', { id: 'inkwell.chat.newConversation' });
          await messagesShown(frame, 0);
        } else {
          const id = options.earlierIds[nextEarlier++ % options.earlierIds.length];
          await bench.call('command', { id: 'inkwell.chat.showHistory' });
          await frame.locator(`.history-item[data-conversation-id="${id}"] .history-title`).click();
          await messagesShown(frame, earlier, true);
        }
        runs.push(await turn(bytes));
      }
      const label = `${Math.round(bytes / 1024)} KB answer${earlier ? `, ${earlier} earlier messages` : ''}`;
      cases.push({
        label,
        bytes,
        earlierMessages: earlier,
        inkwell: figuresOf(runs.map((run) => run.inkwell)),
        naive: figuresOf(runs.map((run) => run.naive)),
      });
      log(`  chat: ${label} done`);
    }
  }
  return { runs: options.runs, chunkChars: options.chunkChars, chunksPerSecond: options.chunksPerSecond, ...chatPace, cases };
}
