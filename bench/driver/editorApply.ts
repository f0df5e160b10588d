import type { FakeOpenAIServer } from '../../test/support/openaiServer';
import { splitIntoTokens } from '../../test/support/openaiScenarios';
import type { BenchHost } from './benchHost';
import type { ApplyWay } from '../shared/benchProtocol';
import { streamedRequest } from './streaming';
import { maxInWindow, summarize, type Summary } from './stats';

/** One 60 Hz frame. */
const frameMs = 1000 / 60;

/** A summary of `lines` lines, as a model would write a long bulleted answer. */
export function longAnswer(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `- Point ${i + 1}: the section keeps its argument and adds one example.`).join('\n');
}

export interface ApplyFigures {
  edits: Summary;
  /** Most edits seen within any one 16.7 ms frame. */
  maxEditsPerFrame: Summary;
  /** From the server writing the last chunk to the document holding the final text. */
  lastTokenToFinalMs: Summary;
  /** From the command (or loop) starting to the final text. */
  wallMs: Summary;
  /** Extension host CPU over that time, and per chunk of the answer. */
  cpuMs: Summary;
  cpuUsPerChunk: Summary;
  undoSteps: Summary;
  /** Some run's undo count stopped at the cap. */
  undoCapped: boolean;
  complete: boolean;
}

export interface EditorApplyResults {
  documentLines: number;
  answerLines: number;
  chunks: number;
  tokens: number;
  runs: number;
  undoCap: number;
  ways: Record<ApplyWay, ApplyFigures>;
}

/**
 * Item 6: a 2,000-line answer streamed as fast as the server can into the
 * middle of a 5,000-line document, by Inkwell and by the naive loop, runs
 * alternating.
 */
export async function measureEditorApply(
  host: BenchHost,
  server: FakeOpenAIServer,
  model: string,
  options: { documentLines: number; answerLines: number; runs: number; undoCap: number },
  log: (line: string) => void,
): Promise<EditorApplyResults> {
  const answer = longAnswer(options.answerLines);
  // One line per chunk (about 15 tokens, as providers that batch tokens send them): token-sized
  // chunks would take the naive way, at one awaited edit each, many minutes.
  const chunks = answer.split(/(?<=\n)/);
  const tokens = splitIntoTokens(answer).length;
  // The answer is longer than the default output limit and window allow; a big-context model would take it.
  await host.call('configure', { maxTokens: tokens + 1000, contextWindow: tokens + 100_000 });
  const runs = new Map<
    ApplyWay,
    Array<{
      edits: number;
      maxPerFrame: number;
      lastToFinal: number;
      wallMs: number;
      cpuMs: number;
      undoSteps: number;
      undoCapped: boolean;
      complete: boolean;
    }>
  >([
    ['inkwell', []],
    ['naive', []],
  ]);
  for (let run = 0; run < options.runs; run++) {
    for (const way of run % 2 === 0 ? (['inkwell', 'naive'] as const) : (['naive', 'inkwell'] as const)) {
      server.reset();
      server.enqueue({ kind: 'reply', chunks });
      const figures = await host.call('editorApply', {
        way,
        documentLines: options.documentLines,
        answerChars: answer.length,
        baseUrl: server.baseUrl,
        model,
        undoCap: options.undoCap,
      });
      if (figures.status !== 'done') throw new Error(`editor apply (${way}) ended with ${figures.status}`);
      const request = streamedRequest(server);
      const lastChunk = request.chunkTimes!.at(-1)!.at;
      const finalAt = figures.samples.find((sample) => sample.chars >= answer.length)?.at ?? NaN;
      runs.get(way)!.push({
        edits: figures.samples.length,
        maxPerFrame: maxInWindow(
          figures.samples.map((sample) => sample.at),
          frameMs,
        ),
        lastToFinal: finalAt - lastChunk,
        wallMs: figures.wallMs,
        cpuMs: figures.cpuMs,
        undoSteps: figures.undoSteps,
        undoCapped: figures.undoCapped,
        complete: figures.complete,
      });
    }
    log(`  editor apply: run ${run + 1} of ${options.runs}`);
  }
  await host.call('configure', { maxTokens: null, contextWindow: null });
  const ways = {} as Record<ApplyWay, ApplyFigures>;
  for (const [way, list] of runs) {
    ways[way] = {
      edits: summarize(list.map((run) => run.edits)),
      maxEditsPerFrame: summarize(list.map((run) => run.maxPerFrame)),
      lastTokenToFinalMs: summarize(list.map((run) => run.lastToFinal)),
      wallMs: summarize(list.map((run) => run.wallMs)),
      cpuMs: summarize(list.map((run) => run.cpuMs)),
      cpuUsPerChunk: summarize(list.map((run) => (run.cpuMs * 1000) / chunks.length)),
      undoSteps: summarize(list.map((run) => run.undoSteps)),
      undoCapped: list.some((run) => run.undoCapped),
      complete: list.every((run) => run.complete),
    };
  }
  return { ...options, chunks: chunks.length, tokens, ways };
}
