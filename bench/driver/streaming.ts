import type { FakeOpenAIServer, RecordedRequest } from '../../test/support/openaiServer';
import { splitIntoTokens } from '../../test/support/openaiScenarios';
import type { BenchHost } from './benchHost';
import type { DocumentSample, StreamPath } from '../shared/benchProtocol';
import { quantile, summarize, type Summary } from './stats';

/** Deterministic prose, split the way the local server streams it; exactly `tokens` chunks. */
export function answerTokens(tokens: number): string[] {
  const words = [
    'the',
    'draft',
    'reads',
    'clearly',
    'and',
    'each',
    'section',
    'builds',
    'on',
    'what',
    'came',
    'before',
    'so',
    'readers',
    'follow',
    'its',
    'argument',
    'without',
    'effort',
  ];
  let text = '';
  for (let sentence = 0; splitIntoTokens(text).length < tokens + 20; sentence++) {
    const length = 8 + (sentence % 7);
    const body = Array.from({ length }, (_, i) => words[(sentence * 3 + i * 5) % words.length]).join(' ');
    text += `${body[0].toUpperCase()}${body.slice(1)}.${sentence % 6 === 5 ? '\n\n' : ' '}`;
  }
  const chunks = splitIntoTokens(text).slice(0, tokens);
  // No trailing white space: a cleanup step may trim it, and every chunk must be findable in the document.
  chunks[chunks.length - 1] = chunks[chunks.length - 1].trimEnd() || 'end';
  return chunks;
}

/**
 * For each chunk, the time from the server writing it to the document first
 * holding its last character (same machine clock), in ms.
 */
export function chunkLatencies(chunkTimes: RecordedRequest['chunkTimes'], samples: readonly DocumentSample[]): number[] {
  const latencies: number[] = [];
  let written = 0;
  let next = 0;
  for (const chunk of chunkTimes ?? []) {
    written += chunk.chars;
    while (next < samples.length && samples[next].chars < written) next++;
    if (next === samples.length) break;
    latencies.push(samples[next].at - chunk.at);
  }
  return latencies;
}

/** The chat completion of the last run (the one carrying chunk times). */
export function streamedRequest(server: FakeOpenAIServer): RecordedRequest {
  const request = server.requests.filter((candidate) => candidate.chat).at(-1);
  if (!request?.chunkTimes?.length) throw new Error('the local server streamed no content in this run');
  return request;
}

/** The editor path at a steady pace may keep at most this share of one core busy in the extension host. */
export const editorCoreShareGoal = 0.05;

interface PathRun {
  wallMs: number;
  cpuMs: number;
  cpuUsPerChunk: number;
  /** Changes the document saw (the editor path; 0 for the others). */
  edits: number;
  latencyP50?: number;
  latencyP95?: number;
}

export interface PathFigures {
  wallMs: Summary;
  /** Wall time ÷ the bare loop's in the same round, round by round: pairs measured moments apart share the machine's state. */
  wallRatio: Summary;
  cpuRatio: Summary;
  /** CPU of the whole run. */
  cpuMs: Summary;
  cpuUsPerChunk: Summary;
  /** CPU time ÷ wall time of each run: the share of one core the run kept busy. */
  coreShare: Summary;
  edits: Summary;
  latencyP50: Summary;
  latencyP95: Summary;
}

export interface PaceFigures extends Pace {
  paths: Record<StreamPath, PathFigures>;
}

/** Run `run`'s order: rotated, and reversed every other run, so no path always follows the same one. */
export function orderOf<T>(items: readonly T[], run: number): T[] {
  const rotated = [...items.slice(run % items.length), ...items.slice(0, run % items.length)];
  return run % 2 === 1 ? rotated.reverse() : rotated;
}

/** The paths that consume a stream, (a) to (d). */
export const streamPaths: readonly StreamPath[] = ['sdk', 'service', 'editor', 'review'];

export interface Pace {
  label: string;
  tokens: number;
  tokensPerSecond?: number;
  runs: number;
  /** Length of the idle reference; about the bare loop's wall time at this pace. */
  idleMs: number;
  /** Whether the Goals table judges this pace. */
  inGoals: boolean;
}

/**
 * Item 2: the same answer consumed four ways in the extension host, the
 * ways interleaved and their order changed run by run, so drift on a noisy
 * machine spreads over all of them. An idle reference (no stream, the same
 * length of time) shows what the extension host spends anyway. One
 * unrecorded round first warms up the JIT and the lazily loaded parts of
 * VS Code.
 */
export async function measureStreaming(
  host: BenchHost,
  server: FakeOpenAIServer,
  model: string,
  paces: readonly Pace[],
  log: (line: string) => void,
): Promise<PaceFigures[]> {
  const once = async (path: StreamPath, chunks: string[], pace: Pace): Promise<PathRun> => {
    if (path === 'idle') {
      const figures = await host.call('stream', { path, baseUrl: server.baseUrl, model, idleMs: pace.idleMs });
      return { wallMs: figures.wallMs, cpuMs: figures.cpuMs, cpuUsPerChunk: (figures.cpuMs * 1000) / chunks.length, edits: 0 };
    }
    server.reset();
    server.enqueue({ kind: 'reply', chunks, tokensPerSecond: pace.tokensPerSecond });
    const figures = await host.call('stream', { path, baseUrl: server.baseUrl, model });
    if (figures.status !== 'done' && figures.status !== 'stop') throw new Error(`stream ${path} ended with ${figures.status}`);
    const request = streamedRequest(server);
    const sent = request.chunkTimes!.reduce((total, chunk) => total + chunk.chars, 0);
    if (figures.chars !== sent) throw new Error(`stream ${path}: ${figures.chars} characters arrived of ${sent} sent`);
    const latencies = chunkLatencies(request.chunkTimes, figures.samples);
    return {
      wallMs: figures.wallMs,
      cpuMs: figures.cpuMs,
      cpuUsPerChunk: (figures.cpuMs * 1000) / request.chunkTimes!.length,
      edits: path === 'editor' ? figures.samples.length : 0,
      latencyP50: latencies.length ? quantile(latencies, 0.5) : undefined,
      latencyP95: latencies.length ? quantile(latencies, 0.95) : undefined,
    };
  };

  const all: readonly StreamPath[] = ['idle', ...streamPaths];
  const warmUp: Pace = { label: 'warm-up', tokens: 400, runs: 1, idleMs: 100, inGoals: false };
  for (const path of all) await once(path, answerTokens(warmUp.tokens), warmUp);
  const results: PaceFigures[] = [];
  for (const pace of paces) {
    const chunks = answerTokens(pace.tokens);
    const runs = new Map<StreamPath, PathRun[]>(all.map((path) => [path, []]));
    for (let run = 0; run < pace.runs; run++) {
      for (const path of orderOf(all, run)) {
        runs.get(path)!.push(await once(path, chunks, pace));
        // What a run sets off (closing the diff, the workbench catching up) must not land in the next one.
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      log(`  streaming, ${pace.label}: run ${run + 1} of ${pace.runs}`);
    }
    const paths = {} as Record<StreamPath, PathFigures>;
    const base = runs.get('sdk')!;
    for (const [path, list] of runs) {
      paths[path] = {
        wallMs: summarize(list.map((run) => run.wallMs)),
        wallRatio: summarize(list.map((run, index) => run.wallMs / base[index].wallMs)),
        cpuRatio: summarize(list.map((run, index) => run.cpuMs / base[index].cpuMs)),
        cpuMs: summarize(list.map((run) => run.cpuMs)),
        cpuUsPerChunk: summarize(list.map((run) => run.cpuUsPerChunk)),
        coreShare: summarize(list.map((run) => run.cpuMs / run.wallMs)),
        edits: summarize(list.map((run) => run.edits)),
        latencyP50: summarize(list.map((run) => run.latencyP50)),
        latencyP95: summarize(list.map((run) => run.latencyP95)),
      };
    }
    results.push({ ...pace, paths });
  }
  return results;
}
