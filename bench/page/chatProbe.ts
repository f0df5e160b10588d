/**
 * Functions the bench evaluates inside the chat webview (Playwright sends
 * their source), so each must stand alone: no imports, no outer variables.
 * Times are the page's `performance.now()` unless named `...Epoch`.
 */
import type {} from '../../src/webview/diagnostics';
import type {} from './naiveRenderer';

/** A task of 50 ms or more, as the browser's Long Tasks API reports it. */
export interface LongTask {
  start: number;
  duration: number;
  /** `self` for the chat page's own work; the workbench around it shows as an ancestor. */
  culprit: string;
}

export interface ChatProbe {
  longTasks: LongTask[];
  /** The `chunk` messages of the recorded turn as they reached the page. */
  chunks: Array<{ at: number; text: string }>;
  recording: boolean;
  doneAt?: number;
  historyPaintedEpoch?: number;
}

/** The part of the Trusted Types API the bench uses. */
interface PolicyFactory {
  createPolicy(name: string, rules: object): unknown;
}

declare global {
  interface Window {
    inkwellBench?: ChatProbe;
    /** Trusted Types policies the page created, by name (see {@link captureTrustedTypesPolicies}). */
    inkwellBenchPolicies?: Record<string, unknown>;
  }
}

/**
 * An init script for every frame: remembers each Trusted Types policy a page
 * creates. The chat page allows exactly one policy, `dompurify`, made by its
 * DOMPurify on first use; the naive renderer's own copy of DOMPurify cannot
 * make a second one, so it borrows the page's (an identity policy either way).
 */
export function captureTrustedTypesPolicies(): void {
  const factory = (window as unknown as { trustedTypes?: PolicyFactory }).trustedTypes;
  if (!factory) return;
  const create = factory.createPolicy.bind(factory);
  const policies: Record<string, unknown> = (window.inkwellBenchPolicies ??= {});
  factory.createPolicy = (name: string, rules: object) => (policies[name] = create(name, rules));
}

/** Once per page: a Long Tasks observer and a recorder of the extension's messages. */
export function installChatProbe(): void {
  if (window.inkwellBench) return;
  const probe: ChatProbe = { longTasks: [], chunks: [], recording: false };
  window.inkwellBench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration, culprit: entry.name });
  }).observe({ type: 'longtask' });
  window.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as { type?: string; text?: string } | undefined;
    if (!probe.recording) return;
    if (message?.type === 'chunk' && typeof message.text === 'string') probe.chunks.push({ at: performance.now(), text: message.text });
    if (message?.type === 'done' || message?.type === 'error') probe.doneAt = performance.now();
  });
}

/** Starts recording a turn; returns the page time it started at. */
export function startRecording(): number {
  const probe = window.inkwellBench!;
  window.inkwellDiagnostics!.renderStats.reset();
  probe.longTasks = [];
  probe.chunks = [];
  probe.doneAt = undefined;
  probe.recording = true;
  return performance.now();
}

export interface RenderRun {
  /** Each render's duration, ms. */
  renderMs: number[];
  /** Long tasks of the chat page itself during the turn. */
  longTasks: number[];
  chunks: number;
}

/** Ends recording after the turn's last render and returns what Inkwell's renderer did. */
export async function stopRecording(startedAt: number): Promise<RenderRun> {
  // Two frames: the final render has happened and been painted.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const probe = window.inkwellBench!;
  probe.recording = false;
  return {
    renderMs: window.inkwellDiagnostics!.renderStats.samples.map((sample) => sample.ms),
    longTasks: probe.longTasks.filter((task) => task.culprit === 'self' && task.start >= startedAt).map((task) => task.duration),
    chunks: probe.chunks.length,
  };
}

/**
 * Replays the recorded turn's chunks, at the times they arrived, into a new
 * answer in the transcript, re-rendering the whole answer on each one (the
 * naive renderer must have been evaluated in the page first).
 */
export async function replayNaive(): Promise<RenderRun> {
  const probe = window.inkwellBench!;
  const naive = window.inkwellNaiveRenderer!;
  const article = document.createElement('article');
  article.className = 'message assistant';
  const body = document.createElement('div');
  body.className = 'message-body markdown';
  article.append(body);
  document.querySelector('.messages')!.append(article);
  const startedAt = performance.now();
  probe.longTasks = [];
  const renderMs: number[] = [];
  const first = probe.chunks[0]?.at ?? 0;
  let text = '';
  for (const chunk of probe.chunks) {
    const wait = startedAt + (chunk.at - first) - performance.now();
    // Each chunk is its own task, as each message event would be.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    text += chunk.text;
    const started = performance.now();
    naive.render(body, text);
    renderMs.push(performance.now() - started);
  }
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const longTasks = probe.longTasks.filter((task) => task.culprit === 'self' && task.start >= startedAt).map((task) => task.duration);
  article.remove();
  return { renderMs, longTasks, chunks: probe.chunks.length };
}

/** Marks the moment the first history entry has been painted (a frame after it is in the DOM). */
export function watchHistoryPaint(): void {
  const probe = window.inkwellBench!;
  probe.historyPaintedEpoch = undefined;
  const list = document.querySelector('.history-list')!;
  const seen = (): boolean => list.querySelector('.history-item') !== null;
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (probe.historyPaintedEpoch = performance.timeOrigin + performance.now()), 0));
  });
  observer.observe(list, { childList: true });
}
