import { performance } from 'perf_hooks';
import { createMarkdownParser } from '../../src/webview/markdownParser';
import { pathologicalAnswers } from '../../test/support/pathologicalAnswers';
import { markdownAnswer } from './chatRender';
import { ratio, summarize, type Summary } from './stats';

/**
 * A longest answer's parse must stay near a normal one's: beyond this many
 * times the normal answer of the same size, something backtracks again.
 */
export const pathologicalBound = 10;

export interface PathologicalCase {
  label: string;
  chars: number;
  /** markdown-it parse and render of the pathological answer, as the webview does it. */
  pathologicalMs: Summary;
  /** The same for a normal answer of the same size (headings, prose, lists, tables, code). */
  normalMs: Summary;
  /** Pathological ÷ normal, medians. */
  ratio: number;
}

export interface PathologicalResults {
  runs: number;
  cases: PathologicalCase[];
}

function timeRender(text: string): number {
  const parser = createMarkdownParser();
  const started = performance.now();
  parser.render(text);
  return performance.now() - started;
}

/**
 * The answers of CVE-2026-2327 (a URL followed by a long run of `*`), each
 * timed beside a normal answer of the same size, alternating, in this
 * process: markdown-it runs the same in the webview as in Node, so plain
 * Node shows whether it backtracks.
 */
export function measurePathologicalAnswers(runs: number): PathologicalResults {
  const cases = pathologicalAnswers.map((answer): PathologicalCase => {
    const normal = markdownAnswer(answer.text.length).slice(0, answer.text.length);
    const pathological: number[] = [];
    const baseline: number[] = [];
    // One untimed pass each, so the first run does not pay for compiling the parser.
    timeRender(answer.text);
    timeRender(normal);
    for (let run = 0; run < runs; run++) {
      pathological.push(timeRender(answer.text));
      baseline.push(timeRender(normal));
    }
    const pathologicalMs = summarize(pathological);
    const normalMs = summarize(baseline);
    return { label: answer.label, chars: answer.text.length, pathologicalMs, normalMs, ratio: ratio(pathologicalMs, normalMs) };
  });
  return { runs, cases };
}
