import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureVsCodeServer, repoRoot, serverMainPath } from '../test/support/installVsCodeServer';
import { FakeOpenAIServer } from '../test/support/openaiServer';
import { startBenchHost } from './driver/benchHost';
import { measureChatRender } from './driver/chatRender';
import { measureColdStarts } from './driver/coldStart';
import { measureEditorApply } from './driver/editorApply';
import { measureFootprint } from './driver/footprint';
import { seedConversations, storedConversation } from './driver/history';
import { measureLongDocument } from './driver/longDocument';
import { measurePathologicalAnswers } from './driver/pathologicalAnswers';
import { measureInlineReview } from './driver/inlineReview';
import { measureProseDiff } from './driver/proseDiff';
import { renderReport, type BenchResults } from './driver/report';
import { measureStreaming } from './driver/streaming';

/**
 * `npm run bench` (after the production build and compile-tests): measures
 * what makes Inkwell feel instant, each figure beside its naive baseline,
 * prints the markdown table and writes it to bench/results.md. Benchmarks,
 * not tests: nothing here fails on a slow figure; the Goals table says
 * where things stand.
 *
 * One VS Code window at a time: several fresh ones for activation and the
 * history (once-per-window figures), then one for everything else.
 * `INKWELL_BENCH_ONLY=streaming,chat` runs some phases (footprint, cold,
 * streaming, long, apply, chat, inline, markdown, diff) and writes bench/.tmp/results.md instead;
 * `INKWELL_BENCH_QUICK=1` runs each figure fewer times, for trying changes.
 */

const model = 'test-model';
const quick = process.env.INKWELL_BENCH_QUICK === '1';
const only = process.env.INKWELL_BENCH_ONLY?.split(',').map((phase) => phase.trim());
const runs = (full: number) => (quick ? Math.min(2, full) : full);
const wanted = (phase: string) => !only || only.includes(phase);

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

async function phase<T>(name: string, results: BenchResults, work: () => Promise<T>): Promise<T | undefined> {
  if (!wanted(name)) return undefined;
  const started = Date.now();
  log(`${name}…`);
  try {
    const value = await work();
    log(`${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return value;
  } catch (error) {
    results.errors[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${name} FAILED: ${results.errors[name]}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const scratch = path.join(repoRoot, 'bench', '.tmp');
  fs.mkdirSync(scratch, { recursive: true });
  await ensureVsCodeServer();
  const results: BenchResults = {
    machine: {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.cpus().length,
      loadAverage: os.loadavg(),
      node: process.version,
      vscode: (
        JSON.parse(fs.readFileSync(path.join(path.dirname(path.dirname(serverMainPath)), 'package.json'), 'utf8')) as { version: string }
      ).version,
    },
    errors: {},
  };

  results.footprint = await phase('footprint', results, async () => measureFootprint(repoRoot, scratch));
  results.pathological = await phase('markdown', results, async () => measurePathologicalAnswers(runs(5)));
  results.proseDiff = await phase('diff', results, async () => measureProseDiff({ words: 5000, runs: runs(9), chunkChars: 16 }));

  const server = await FakeOpenAIServer.start({ recordChunkTimes: true });
  const userSettings = { 'inkwell.baseUrl': server.baseUrl, 'inkwell.model': model, 'inkwell.maxRetries': 0 };
  try {
    results.coldStart = await phase('cold', results, () =>
      measureColdStarts({ runs: runs(5), conversations: 500, settleMs: 1500, userSettings }, log),
    );

    if (['streaming', 'long', 'apply', 'chat', 'inline'].some(wanted)) {
      const earlierMessages = 200;
      const chatRuns = runs(3);
      const earlierIds = Array.from({ length: chatRuns * 2 }, (_, i) => `earlier-${i}`);
      const serverDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-data-'));
      seedConversations(
        serverDataDir,
        earlierIds.map((id, i) =>
          storedConversation(id, `A long conversation ${i}`, earlierMessages / 2, Date.now() - 86_400_000 - i * 60_000),
        ),
      );
      const bench = await startBenchHost({ label: 'bench-main', userSettings, serverDataDir });
      try {
        results.streaming = await phase('streaming', results, () =>
          measureStreaming(
            bench,
            server,
            model,
            [
              { label: '4,000 tokens, as fast as the server can send', tokens: 4000, runs: runs(9), idleMs: 300, inGoals: true },
              { label: '400 tokens, as fast as the server can send', tokens: 400, runs: runs(9), idleMs: 50, inGoals: false },
              { label: '400 tokens at 100 tokens/s', tokens: 400, tokensPerSecond: 100, runs: runs(3), idleMs: 4000, inGoals: true },
            ],
            log,
          ),
        );
        results.longDocument = await phase('long', results, () =>
          measureLongDocument(bench, server, { chars: 300_000, latencyMs: 300, concurrency: 4, runs: runs(3) }, log),
        );
        results.editorApply = await phase('apply', results, () =>
          measureEditorApply(bench, server, model, { documentLines: 5000, answerLines: 2000, runs: runs(3), undoCap: 100 }, log),
        );
        results.chat = await phase('chat', results, () =>
          measureChatRender(
            bench,
            server,
            { sizes: [8 * 1024, 64 * 1024], runs: chatRuns, chunkChars: 32, chunksPerSecond: 500, earlierIds, earlierMessages },
            log,
          ),
        );
        results.inlineReview = await phase('inline', results, () =>
          measureInlineReview(bench, server, { words: 5000, runs: runs(3) }, log),
        );
      } finally {
        await bench.close();
      }
    }
  } finally {
    await server.close();
  }

  results.machine.durationS = (Date.now() - started) / 1000;
  const report = renderReport(results);
  const target = only || quick ? path.join(scratch, 'results.md') : path.join(repoRoot, 'bench', 'results.md');
  fs.writeFileSync(target, report);
  console.log(`\n${report}`);
  log(`written to ${path.relative(repoRoot, target)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
