import type { FakeOpenAIServer } from '../../test/support/openaiServer';
import type { BenchHost } from './benchHost';
import { median, summarize, type Summary } from './stats';

export interface LongDocumentWay {
  wallMs: Summary;
  idealMs: Summary;
  /** wall ÷ ideal, run by run. */
  overIdeal: Summary;
  requests: Summary;
  parts: Summary;
  maxConcurrent: Summary;
  /** Where the time goes, from the server's records. Command → first request received. */
  beforeFirstMs: Summary;
  /** A part answered → the next part request received (a worker picking up work), median per run. */
  refillMs: Summary;
  /** Last part answered → combine request received. */
  beforeCombineMs: Summary;
  /** Combine answered → the command done (the summary in the document). */
  afterCombineMs: Summary;
}

export interface LongDocumentResults {
  chars: number;
  latencyMs: number;
  concurrency: number;
  runs: number;
  /** The window's first long summary (Inkwell's way), left out of the medians. */
  firstRunMs: number;
  /** Inkwell as configured (`inkwell.maxConcurrentRequests`, default 4). */
  inkwell: LongDocumentWay;
  /** The same summary one request at a time: what a plain loop over the parts would do. */
  sequential: LongDocumentWay;
}

const partReply = 'This part explains one aspect of the project. Its main points are the plan, the cost and the timeline.';

/**
 * Item 4: "Summarize" on 300,000 characters against the local server, which
 * waits `latencyMs` before answering each request. The ideal is what the
 * run would take if Inkwell added nothing: ⌈parts ÷ concurrency⌉ rounds of
 * the median part request (as the server timed it) plus the combine request.
 */
export async function measureLongDocument(
  host: BenchHost,
  server: FakeOpenAIServer,
  options: { chars: number; latencyMs: number; concurrency: number; runs: number },
  log: (line: string) => void,
): Promise<LongDocumentResults> {
  const once = async (concurrency: number) => {
    server.reset();
    server.setDefault({ kind: 'reply', text: partReply, latencyMs: options.latencyMs });
    const figures = await host.call('longDocument', { chars: options.chars });
    if (figures.status !== 'done') throw new Error(`the long summary ended with ${figures.status}`);
    const requests = server.requests.filter((request) => request.chat);
    const durations = requests.map((request) => (request.closedAt ?? NaN) - request.receivedAt);
    const parts = requests.length - 1;
    const idealMs = Math.ceil(parts / concurrency) * median(durations.slice(0, -1)) + durations[durations.length - 1];
    // Server times are Date.now() (whole ms): fine for gaps of tens of ms.
    const partRequests = requests.slice(0, -1);
    const combine = requests[requests.length - 1];
    const closes = partRequests.map((request) => request.closedAt ?? NaN).sort((a, b) => a - b);
    const refills = partRequests.slice(concurrency).map((request, index) => request.receivedAt - closes[index]);
    return {
      wallMs: figures.wallMs,
      idealMs,
      requests: requests.length,
      parts,
      maxConcurrent: server.maxConcurrent,
      beforeFirstMs: requests[0].receivedAt - figures.startedAt,
      refillMs: refills.length ? median(refills) : NaN,
      beforeCombineMs: combine.receivedAt - closes[closes.length - 1],
      afterCombineMs: figures.startedAt + figures.wallMs - (combine.closedAt ?? NaN),
    };
  };
  const collect = async (concurrency: number): Promise<LongDocumentWay> => {
    await host.call('configure', { maxConcurrentRequests: concurrency });
    const runs = [];
    for (let run = 0; run < options.runs; run++) runs.push(await once(concurrency));
    return {
      wallMs: summarize(runs.map((run) => run.wallMs)),
      idealMs: summarize(runs.map((run) => run.idealMs)),
      overIdeal: summarize(runs.map((run) => run.wallMs / run.idealMs)),
      requests: summarize(runs.map((run) => run.requests)),
      parts: summarize(runs.map((run) => run.parts)),
      maxConcurrent: summarize(runs.map((run) => run.maxConcurrent)),
      beforeFirstMs: summarize(runs.map((run) => run.beforeFirstMs)),
      refillMs: summarize(runs.map((run) => run.refillMs)),
      beforeCombineMs: summarize(runs.map((run) => run.beforeCombineMs)),
      afterCombineMs: summarize(runs.map((run) => run.afterCombineMs)),
    };
  };
  // The first long summary in a window also pays for what loads on first use; the medians leave it out.
  await host.call('configure', { maxConcurrentRequests: options.concurrency });
  const firstRunMs = (await once(options.concurrency)).wallMs;
  const inkwell = await collect(options.concurrency);
  log('  long document: concurrent runs done');
  const sequential = await collect(1);
  await host.call('configure', { maxConcurrentRequests: null });
  server.reset();
  return { ...options, firstRunMs, inkwell, sequential };
}
