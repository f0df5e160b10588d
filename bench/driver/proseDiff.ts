import { diffArrays } from 'diff';
import { performance } from 'perf_hooks';
import { diffProse } from '../../src/trackedChanges/proseDiff';
import { StreamingProseDiff } from '../../src/trackedChanges/streamingProseDiff';
import { tokenize } from '../../src/trackedChanges/tokens';
import { summarize, type Summary } from './stats';

/** What issue #11 asks of the diff. */
export const proseDiffGoals = { fullMs: 50, perChunkMs: 1 };

/** The figures of the tracked-changes diff, measured in plain Node (the diff never touches VS Code). */
export interface ProseDiffFigures {
  words: number;
  changes: number;
  /** Sentence-aligned prose diff of the whole proposal, once. */
  full: Summary;
  /** Baseline: one word-level diff of the whole text, without sentence alignment. */
  wordDiffBaseline: Summary;
  chunks: number;
  chunkChars: number;
  rediffSamples: number;
  /** Streaming: total update time over the stream divided by the chunks. */
  perChunkStreaming: Summary;
  /** Baseline: the whole proposal so far re-diffed on a sample of chunks. */
  perChunkFullRediff: Summary;
}

const english = 'The writer reads the draft again in the morning and changes a few words where the meaning was not clear enough.';
const chinese = '作者第二天早上又读了一遍草稿，在意思不够清楚的地方改了几个词。';

/** A document of about `words` words in English and Chinese sentences, and a proposal that edits one word in six. */
export function proseSample(words: number): { original: string; proposed: string } {
  const sentences: string[] = [];
  for (let count = 0; count < words; count += 20) sentences.push(sentences.length % 4 === 3 ? chinese : english);
  const paragraphs: string[] = [];
  for (let at = 0; at < sentences.length; at += 5) paragraphs.push(sentences.slice(at, at + 5).join(' '));
  const original = paragraphs.join('\n\n');
  let index = 0;
  const proposed = original.replace(/\b(morning|few|clear)\b|改了/g, (word) =>
    index++ % 2 === 0 ? { morning: 'evening', few: 'several', clear: 'plain', 改了: '换了' }[word]! : word,
  );
  return { original, proposed };
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export function measureProseDiff(options: { words: number; runs: number; chunkChars: number }): ProseDiffFigures {
  const { original, proposed } = proseSample(options.words);
  const changes = diffProse(original, proposed).length;
  const full = summarize(Array.from({ length: options.runs }, () => timed(() => diffProse(original, proposed))));
  const wordDiffBaseline = summarize(
    Array.from({ length: options.runs }, () => timed(() => diffArrays(tokenize(original) as string[], tokenize(proposed) as string[]))),
  );
  const chunks = Math.ceil(proposed.length / options.chunkChars);
  const perChunkStreaming = summarize(
    Array.from({ length: options.runs }, () => {
      const streaming = new StreamingProseDiff(original);
      const total = timed(() => {
        for (let end = options.chunkChars; end < proposed.length + options.chunkChars; end += options.chunkChars)
          streaming.update(proposed.slice(0, end));
        streaming.finish(proposed);
      });
      return total / chunks;
    }),
  );
  // Re-diffing everything per chunk is too slow to run for every chunk: a sample spread over the stream stands for them.
  const rediffSamples = 20;
  const sampled = Array.from({ length: rediffSamples }, (_, index) => Math.ceil(((index + 1) / rediffSamples) * proposed.length));
  const perChunkFullRediff = summarize(sampled.map((end) => timed(() => diffProse(original, proposed.slice(0, end)))));
  return {
    words: options.words,
    changes,
    full,
    wordDiffBaseline,
    chunks,
    chunkChars: options.chunkChars,
    rediffSamples,
    perChunkStreaming,
    perChunkFullRediff,
  };
}
