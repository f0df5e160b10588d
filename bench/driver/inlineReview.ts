import type { FakeOpenAIServer } from '../../test/support/openaiServer';
import { splitIntoTokens } from '../../test/support/openaiScenarios';
import type { BenchHost } from './benchHost';
import { proseSample } from './proseDiff';
import { maxInWindow, summarize, type Summary } from './stats';
import { streamedRequest } from './streaming';

/** One 60 Hz frame. */
export const frameMs = 1000 / 60;

/** What issue #11 asks of the review's drawing: decorations updated at most once per frame. */
export const inlineReviewGoals = { drawsPerFrame: 1 };

export interface InlineReviewResults {
  words: number;
  chars: number;
  chunks: number;
  changes: number;
  /** Redraws of the decorations over the whole stream. */
  draws: Summary;
  /** Most redraws in any one frame. */
  maxDrawsPerFrame: Summary;
  /** Baseline: most chunks arriving in any one frame, which a view redrawing per chunk would draw. */
  maxChunksPerFrame: Summary;
  wallMs: Summary;
  /** Extension host CPU for the whole command, per chunk of the answer. */
  cpuUsPerChunk: Summary;
}

/**
 * Improve Writing on a 5,000-word document reviewed as tracked changes,
 * the proposal streamed token by token as fast as the local server can:
 * how often the review redraws against how often chunks arrive.
 */
export async function measureInlineReview(
  host: BenchHost,
  server: FakeOpenAIServer,
  options: { words: number; runs: number },
  log: (line: string) => void,
): Promise<InlineReviewResults> {
  const { original, proposed } = proseSample(options.words);
  const chunks = splitIntoTokens(proposed);
  await host.call('configure', { maxTokens: chunks.length + 1000, contextWindow: chunks.length * 2 + 100_000, 'review.style': null });
  const runs: Array<{ draws: number; maxDraws: number; maxChunks: number; wallMs: number; cpuUs: number; changes: number }> = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      server.reset();
      server.enqueue({ kind: 'reply', chunks });
      const figures = await host.call('inlineReview', { original });
      if (figures.status !== 'done') throw new Error(`the inline review ended with ${figures.status}`);
      if (!figures.unchanged) throw new Error('Reject All did not leave the document as it was');
      const arrivals = streamedRequest(server).chunkTimes!.map((chunk) => chunk.at);
      runs.push({
        draws: figures.draws.length,
        maxDraws: maxInWindow(figures.draws, frameMs),
        maxChunks: maxInWindow(arrivals, frameMs),
        wallMs: figures.wallMs,
        cpuUs: (figures.cpuMs * 1000) / chunks.length,
        changes: figures.changes,
      });
      log(
        `inline review run ${run + 1}: ${figures.draws.length} redraws for ${chunks.length} chunks, at most ${runs.at(-1)!.maxDraws} per frame`,
      );
    }
  } finally {
    await host.call('configure', { maxTokens: null, contextWindow: null });
  }
  return {
    words: options.words,
    chars: proposed.length,
    chunks: chunks.length,
    changes: runs[0]?.changes ?? 0,
    draws: summarize(runs.map((run) => run.draws)),
    maxDrawsPerFrame: summarize(runs.map((run) => run.maxDraws)),
    maxChunksPerFrame: summarize(runs.map((run) => run.maxChunks)),
    wallMs: summarize(runs.map((run) => run.wallMs)),
    cpuUsPerChunk: summarize(runs.map((run) => run.cpuUs)),
  };
}
