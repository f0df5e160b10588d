import type { ChatRenderResults } from './chatRender';
import type { ColdStartResults } from './coldStart';
import type { EditorApplyResults } from './editorApply';
import type { FootprintFigures } from './footprint';
import { frameMs, inlineReviewGoals, type InlineReviewResults } from './inlineReview';
import type { LongDocumentResults } from './longDocument';
import { pathologicalBound, type PathologicalResults } from './pathologicalAnswers';
import { proseDiffGoals, type ProseDiffFigures } from './proseDiff';
import { ratio, type Summary } from './stats';
import type { StreamPath } from '../shared/benchProtocol';
import { latencyTargetMs } from '../../src/editor/editPacing';
import { editorCoreShareGoal, streamPaths, type PaceFigures } from './streaming';

/** Everything one `npm run bench` measured; a phase that failed has its error instead. */
export interface BenchResults {
  machine: { date: string; cpu: string; cores: number; loadAverage: number[]; node: string; vscode: string; durationS?: number };
  footprint?: FootprintFigures;
  coldStart?: ColdStartResults;
  streaming?: PaceFigures[];
  longDocument?: LongDocumentResults;
  editorApply?: EditorApplyResults;
  chat?: ChatRenderResults;
  pathological?: PathologicalResults;
  proseDiff?: ProseDiffFigures;
  inlineReview?: InlineReviewResults;
  errors: Record<string, string>;
}

const kib = 1024;

/** A number with as many decimals as its size deserves. */
function num(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${num(value)} ms` : '–';
}

function kb(bytes: number): string {
  return `${(bytes / kib).toFixed(1)} KB`;
}

function mb(bytes: number): string {
  return `${(bytes / kib / kib).toFixed(1)} MB`;
}

/** `median (min–max)` with a unit formatter. */
function range(summary: Summary | undefined, format: (value: number) => string = ms): string {
  if (!summary || summary.runs === 0) return '–';
  if (summary.runs === 1 || summary.min === summary.max) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

function times(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

function us(value: number): string {
  return Number.isFinite(value) ? `${num(value)} µs` : '–';
}

/** A share of one core, as a percentage. */
function share(value: number): string {
  return Number.isFinite(value) ? `${num(value * 100)} %` : '–';
}

function count(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : num(value);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

interface Goal {
  goal: string;
  measured: string;
  met: boolean | undefined;
}

function verdict(met: boolean | undefined): string {
  return met === undefined ? 'not measured' : met ? 'met' : '**not met**';
}

function goals(results: BenchResults): Goal[] {
  const list: Goal[] = [];
  const add = (goal: string, measured: string, met: boolean | undefined) => list.push({ goal, measured, met });
  const { footprint, coldStart, streaming, longDocument, editorApply, chat, pathological, proseDiff, inlineReview } = results;
  add(
    'Activation (activate() call → return) under 50 ms',
    coldStart ? ms(coldStart.activateMs.median) : '–',
    coldStart ? coldStart.activateMs.median < 50 : undefined,
  );
  add(
    'dist/extension.js under 300 KB minified',
    footprint ? kb(footprint.extensionBytes) : '–',
    footprint ? footprint.extensionBytes < 300 * kib : undefined,
  );
  add(
    'VSIX under 1 MB, no native binaries',
    footprint
      ? `${kb(footprint.vsix.bytes)}, ${footprint.vsix.nativeBinaries.length ? footprint.vsix.nativeBinaries.join(', ') : 'no native binaries'}`
      : '–',
    footprint ? footprint.vsix.bytes < kib * kib && footprint.vsix.nativeBinaries.length === 0 : undefined,
  );
  for (const pace of (streaming ?? []).filter((candidate) => candidate.inGoals)) {
    const { sdk, service, editor } = pace.paths;
    const serviceRatio = service.wallRatio.median;
    add(
      `Generation service within 5 % of the bare SDK's wall time (${pace.label}; its CPU ratio in brackets)`,
      `${range(service.wallRatio, times)} (CPU ${times(service.cpuRatio.median)})`,
      Number.isFinite(serviceRatio) ? serviceRatio <= 1.05 : undefined,
    );
    const added = editor.cpuUsPerChunk.median - sdk.cpuUsPerChunk.median;
    add(
      `Full editor path under 15 µs CPU per chunk (${pace.label}): added over the bare SDK loop (total in brackets)`,
      `${us(added)} (${us(editor.cpuUsPerChunk.median)})`,
      Number.isFinite(added) ? added < 15 : undefined,
    );
    add(
      `Chunk → document p95 under 50 ms (${pace.label}; the bare SDK loop's chunk → received in brackets)`,
      `${ms(editor.latencyP95.median)} (${ms(sdk.latencyP95.median)})`,
      Number.isFinite(editor.latencyP95.median) ? editor.latencyP95.median < 50 : undefined,
    );
    if (pace.tokensPerSecond) {
      add(
        `Full editor path under ${share(editorCoreShareGoal)} of a core (${pace.label}; extension host CPU ÷ wall time; the bare SDK loop's share in brackets)`,
        `${share(editor.coreShare.median)} (${share(sdk.coreShare.median)})`,
        Number.isFinite(editor.coreShare.median) ? editor.coreShare.median < editorCoreShareGoal : undefined,
      );
    }
  }
  const big = chat?.cases.filter((item) => item.bytes >= 64 * 1000);
  const alone = big?.find((item) => item.earlierMessages === 0);
  const crowded = big?.find((item) => item.earlierMessages > 0);
  add(
    'Chat: per-update render p95 under 4 ms at 64 KB',
    alone ? ms(alone.inkwell.p95Ms.median) : '–',
    alone ? alone.inkwell.p95Ms.median < 4 : undefined,
  );
  const longTasks = big?.reduce((total, item) => total + item.inkwell.tasksOver50Total, 0) ?? 0;
  const longest = Math.max(0, ...(big ?? []).map((item) => item.inkwell.longestTaskMs.max));
  add(
    `Chat: no main-thread task over 50 ms at 64 KB (with and without earlier messages, all runs)`,
    big?.length
      ? longTasks > 0
        ? `${longTasks} task(s) in ${big.length * (chat?.runs ?? 0)} runs, longest ${ms(longest)}`
        : 'none in any run'
      : '–',
    big?.length ? longTasks === 0 : undefined,
  );
  add(
    'Chat: total render for 64 KB under 150 ms',
    alone ? ms(alone.inkwell.totalMs.median) : '–',
    alone ? alone.inkwell.totalMs.median < 150 : undefined,
  );
  const slower = alone && crowded ? ratio(crowded.inkwell.totalMs, alone.inkwell.totalMs) : NaN;
  add(
    `Chat: with ${crowded?.earlierMessages ?? 200} earlier messages, under 10 % slower (total render, 64 KB)`,
    times(slower),
    Number.isFinite(slower) ? slower <= 1.1 : undefined,
  );
  add(
    'Long documents within 1.3× the ideal',
    longDocument ? times(longDocument.inkwell.overIdeal.median) : '–',
    longDocument ? longDocument.inkwell.overIdeal.median <= 1.3 : undefined,
  );
  add(
    `${coldStart?.conversations ?? 500} conversations listed in under 100 ms (Chat History on the open chat view → first entry painted; opening the view too, in brackets)`,
    coldStart ? `${ms(coldStart.listPaintMs.median)} (${ms(coldStart.coldListPaintMs.median)})` : '–',
    coldStart ? coldStart.listPaintMs.median < 100 : undefined,
  );
  const apply = editorApply?.ways.inkwell;
  add(
    'Editor apply: at most one edit per frame',
    apply ? `${count(apply.maxEditsPerFrame.max)} at most in any 16.7 ms` : '–',
    apply ? apply.maxEditsPerFrame.max <= 1 : undefined,
  );
  add(
    'Editor apply: last token → final text under 100 ms',
    apply ? ms(apply.lastTokenToFinalMs.median) : '–',
    apply ? apply.lastTokenToFinalMs.median < 100 : undefined,
  );
  const worst = pathological?.cases.reduce<PathologicalResults['cases'][number] | undefined>(
    (top, item) => (!top || item.ratio > top.ratio ? item : top),
    undefined,
  );
  add(
    `Pathological answers (a URL and up to 120,000 \`*\`) parse and render within ${pathologicalBound}× a normal answer of the same size`,
    worst
      ? `${times(worst.ratio)} at worst (${worst.label}: ${ms(worst.pathologicalMs.median)} against ${ms(worst.normalMs.median)})`
      : '–',
    worst ? worst.ratio <= pathologicalBound : undefined,
  );
  add('Editor apply: one undo step', apply ? count(apply.undoSteps.median) : '–', apply ? apply.undoSteps.max === 1 : undefined);
  add(
    `Tracked changes: diff of a ${count(proseDiff?.words ?? 5000)}-word proposal under ${proseDiffGoals.fullMs} ms`,
    proseDiff ? range(proseDiff.full) : '–',
    proseDiff ? proseDiff.full.median < proseDiffGoals.fullMs : undefined,
  );
  add(
    `Tracked changes: streamed diff under ${proseDiffGoals.perChunkMs} ms per chunk, amortized`,
    proseDiff ? `${range(proseDiff.perChunkStreaming)} per chunk` : '–',
    proseDiff ? proseDiff.perChunkStreaming.median < proseDiffGoals.perChunkMs : undefined,
  );
  add(
    `Tracked changes: decorations redrawn at most ${count(inlineReviewGoals.drawsPerFrame)} time per ${num(frameMs)} ms frame while a ${count(inlineReview?.words ?? 5000)}-word proposal streams (most chunks in one frame in brackets)`,
    inlineReview ? `${count(inlineReview.maxDrawsPerFrame.max)} at most (${count(inlineReview.maxChunksPerFrame.max)})` : '–',
    inlineReview ? inlineReview.maxDrawsPerFrame.max <= inlineReviewGoals.drawsPerFrame : undefined,
  );
  return list;
}

function footprintSection(footprint: FootprintFigures | undefined, cold: ColdStartResults | undefined): string[] {
  const out = ['## 1. Footprint and activation', ''];
  if (footprint) {
    const files = [...footprint.vsix.files].sort((a, b) => b.compressedBytes - a.compressedBytes);
    out.push(
      table(
        ['Figure', 'Value', 'Goal'],
        [
          ['dist/extension.js (minified)', kb(footprint.extensionBytes), '< 300 KB'],
          [`VSIX from \`npm run package\` (${footprint.vsix.files.length} files)`, kb(footprint.vsix.bytes), '< 1 MB'],
          ['Native binaries in the VSIX', footprint.vsix.nativeBinaries.length ? footprint.vsix.nativeBinaries.join(', ') : 'none', 'none'],
        ],
      ),
      '',
      'What the VSIX holds, biggest first (1 KB = 1,024 bytes):',
      '',
      table(
        ['File', 'Size', 'Compressed in the VSIX'],
        files.map((file) => [file.name, kb(file.bytes), kb(file.compressedBytes)]),
      ),
      '',
    );
  }
  if (cold) {
    out.push(
      table(
        [`Activation, a fresh VS Code window per run (${cold.runs} runs)`, 'Median (min–max)'],
        [
          ['Loading dist/extension.js (`require`, before VS Code calls activate)', range(cold.loadMs)],
          ['`activate()` call → return', range(cold.activateMs)],
          [
            'First command ready: `inkwell.cancel` on the cold extension → done (loading and activation included)',
            range(cold.firstCommandMs),
          ],
        ],
      ),
      '',
    );
    if (cold.alreadyActive)
      out.push(`In ${cold.alreadyActive} run(s) Inkwell was already active before the bench touched it; those runs are left out.`, '');
  }
  if (footprint) {
    const total = footprint.extensionBytes;
    const parts = footprint.extensionParts.slice(0, 8);
    const rest = footprint.extensionParts.slice(8).reduce((sum, part) => sum + part.bytes, 0);
    const webviewTop = footprint.webviewParts
      .slice(0, 4)
      .map((part) => `${part.name} ${kb(part.bytes)}`)
      .join(', ');
    out.push(
      'Biggest modules in dist/extension.js (esbuild metafile, bytes in the minified output):',
      '',
      table(
        ['Module', 'Bytes', 'Share'],
        [
          ...parts.map((part) => [part.name, kb(part.bytes), `${((part.bytes / total) * 100).toFixed(1)} %`]),
          ...(rest ? [['everything else', kb(rest), `${((rest / total) * 100).toFixed(1)} %`]] : []),
        ],
      ),
      '',
      `dist/webview.js, biggest: ${webviewTop}.`,
      '',
    );
  }
  return out;
}

const pathNames: Record<StreamPath, string> = {
  idle: 'extension host idle, no stream, for a similar time',
  sdk: '(a) bare `openai` SDK loop',
  service: '(b) generation service (provider + service, log channel)',
  editor: '(c) Summarize → editor, insert mode (whole command)',
  review: '(d) Improve → diff review (whole command)',
};

function streamingSection(paces: PaceFigures[]): string[] {
  const out = [
    '## 2. Streaming overhead',
    '',
    "All paths run in the same extension host, interleaved (the order changes each round), against the local server in the bench process. × (a): each round's figure divided by the bare loop's in the same round, median (min–max) over the rounds. CPU: the extension host process's `process.cpuUsage()` (user + system) over the run, divided by the content chunks the server sent; the idle row is what the extension host spends anyway over a similar time. Share of a core: the same CPU divided by the run's wall time. Chunk →: from the server writing a chunk to the path having its last character (received, for (a) and (b); in the document, for (c); in the review's proposal document, for (d)), same machine clock.",
    '',
  ];
  for (const pace of paces) {
    const sdk = pace.paths.sdk;
    const rows = (['idle', ...streamPaths] as StreamPath[]).map((path) => {
      const figures = pace.paths[path];
      const isBase = path === 'sdk';
      const streams = path !== 'idle';
      return [
        path === 'idle' ? `${pathNames.idle} (${num(pace.idleMs)} ms)` : pathNames[path],
        range(figures.wallMs),
        isBase ? 'baseline' : streams ? range(figures.wallRatio, times) : '–',
        range(figures.cpuUsPerChunk, us),
        range(figures.coreShare, share),
        isBase ? 'baseline' : range(figures.cpuRatio, times),
        isBase || !streams ? '–' : us(figures.cpuUsPerChunk.median - sdk.cpuUsPerChunk.median),
        streams ? range(figures.latencyP50) : '–',
        streams ? range(figures.latencyP95) : '–',
      ];
    });
    out.push(
      `### ${pace.label} (${pace.runs} runs)`,
      '',
      table(
        [
          'Path',
          'Wall time',
          '× (a)',
          'CPU per chunk',
          'Share of a core',
          '× (a)',
          'CPU added per chunk over (a)',
          'Chunk → p50',
          'Chunk → p95',
        ],
        rows,
      ),
      '',
    );
    const { editor } = pace.paths;
    if (editor.edits.runs > 0) {
      const everyMs = editor.wallMs.median / editor.edits.median;
      out.push(
        `(c) wrote the answer in ${range(editor.edits, count)} edits, one every ${ms(everyMs)} on average: each edit costs the extension host about the same whatever its size, so streamed text waits for more to join it, as long as it still reaches the document within ${ms(latencyTargetMs)} of arriving, the edit's round trip included (src/editor/editPacing.ts).`,
        '',
      );
    }
  }
  const long = paces.find((pace) => pace.tokens >= 4000 && !pace.tokensPerSecond);
  const short = paces.find((pace) => pace.tokens < 1000 && !pace.tokensPerSecond);
  if (long && short) {
    const rows = streamPaths.map((path) => {
      const slope = ((long.paths[path].cpuMs.median - short.paths[path].cpuMs.median) / (long.tokens - short.tokens)) * 1000;
      const fixed = short.paths[path].cpuMs.median - (slope / 1000) * short.tokens;
      const baseSlope = ((long.paths.sdk.cpuMs.median - short.paths.sdk.cpuMs.median) / (long.tokens - short.tokens)) * 1000;
      return [pathNames[path], ms(fixed), us(slope), path === 'sdk' ? '–' : us(slope - baseSlope)];
    });
    out.push(
      `Fixed and per-chunk CPU, from the ${short.tokens}- and ${long.tokens.toLocaleString('en-US')}-token answers at full speed (a straight line through the two medians):`,
      '',
      table(['Path', 'Fixed CPU per run', 'CPU per extra chunk', 'Per extra chunk, over (a)'], rows),
      '',
    );
  }
  return out;
}

function chatSection(chat: ChatRenderResults): string[] {
  const rows: string[][] = [];
  for (const item of chat.cases) {
    for (const [name, figures] of [
      ['Inkwell', item.inkwell],
      ['naive: whole answer re-rendered per chunk', item.naive],
    ] as const) {
      rows.push([
        name === 'Inkwell' ? item.label : '',
        name,
        range(figures.updates, count),
        range(figures.p50Ms),
        range(figures.p95Ms),
        figures.tasksOver50Total > 0
          ? `${ms(figures.longestTaskMs.max)}; ${figures.tasksOver50Total} task(s) ≥ 50 ms in ${chat.runs} runs`
          : 'none ≥ 50 ms',
        range(figures.totalMs),
        name === 'Inkwell' ? 'baseline' : times(ratio(figures.totalMs, item.inkwell.totalMs)),
      ]);
    }
  }
  const alone = chat.cases.filter((item) => item.earlierMessages === 0);
  const crowdedLines = chat.cases
    .filter((item) => item.earlierMessages > 0)
    .map((item) => {
      const base = alone.find((candidate) => candidate.bytes === item.bytes);
      return base
        ? `- ${item.label}: Inkwell's total render ${times(ratio(item.inkwell.totalMs, base.inkwell.totalMs))} and p95 ${times(ratio(item.inkwell.p95Ms, base.inkwell.p95Ms))} of the empty conversation's.`
        : '';
    });
  return [
    '## 3. Chat rendering',
    '',
    `In the real chat webview (VS Code's webview in headless Chromium). The local server streams the answer in ${chat.chunkChars}-character chunks at ${chat.chunksPerSecond} chunks/s; the extension forwards them at most every ${chat.forwardIntervalMs} ms, and Inkwell renders at most every ${chat.renderIntervalMs} ms (\`src/shared/chatPace.ts\`): finished blocks once, the unfinished tail re-rendered with them in one sanitizing pass, and plain text at the end of a tail paragraph appended without a re-render. Inkwell's figures come from the page's own instrumentation (\`window.inkwellDiagnostics.renderStats\`: the time of each render call). The naive baseline is then run in the same page: the chunks, as the page received them, are replayed at the same times into a new message, and each re-renders the whole answer with the same pipeline (markdown-it, highlight.js, DOMPurify). Long tasks: the browser's Long Tasks API, tasks of the chat page itself. ${chat.runs} runs per case.`,
    '',
    table(
      ['Case', 'Renderer', 'Updates', 'Render p50', 'Render p95', 'Longest main-thread task (≥ 50 ms)', 'Total render', 'Total × Inkwell'],
      rows,
    ),
    '',
    ...crowdedLines,
    '',
  ];
}

function longDocumentSection(long: LongDocumentResults): string[] {
  const row = (name: string, way: LongDocumentResults['inkwell']) => [
    name,
    range(way.wallMs),
    range(way.idealMs),
    range(way.overIdeal, times),
    range(way.requests, count),
    range(way.maxConcurrent, count),
  ];
  return [
    '## 4. Long documents',
    '',
    `"Summarize" on ${long.chars.toLocaleString('en-US')} characters (the whole document selected). The local server waits ${long.latencyMs} ms before answering each request. Ideal = ⌈parts ÷ concurrency⌉ × the median part request (as the server timed it, latency included) + the combine request. ${long.runs} runs each.`,
    '',
    table(
      ['Way', 'Wall time', 'Ideal', 'Wall ÷ ideal', 'Requests', 'Peak concurrent requests'],
      [
        row(`Inkwell (inkwell.maxConcurrentRequests = ${long.concurrency})`, long.inkwell),
        row('One request at a time (maxConcurrentRequests = 1)', long.sequential),
      ],
    ),
    '',
    `Inkwell takes ${times(ratio(long.inkwell.wallMs, long.sequential.wallMs))} the time of the one-at-a-time way. The window's first long summary, run before these and left out of them, took ${ms(long.firstRunMs)}.`,
    '',
    "Where the time beyond the ideal goes (from the server's records of each request):",
    '',
    table(
      [
        'Way',
        'Command → first request',
        'Part answered → next part requested (median)',
        'Last part answered → combine requested',
        'Combine answered → command done',
      ],
      [
        [
          `Inkwell (${long.concurrency} at once)`,
          range(long.inkwell.beforeFirstMs),
          range(long.inkwell.refillMs),
          range(long.inkwell.beforeCombineMs),
          range(long.inkwell.afterCombineMs),
        ],
        [
          'One request at a time',
          range(long.sequential.beforeFirstMs),
          range(long.sequential.refillMs),
          range(long.sequential.beforeCombineMs),
          range(long.sequential.afterCombineMs),
        ],
      ],
    ),
    '',
  ];
}

function historySection(cold: ColdStartResults): string[] {
  return [
    '## 5. History',
    '',
    `Each run is a fresh VS Code window whose store holds ${cold.conversations} conversations (files and index.json as the extension writes them). First "Inkwell: Chat History" with the chat view never opened: the view opens and shows its history list. Then, the view open, the list is closed and the command run again, as the view's History button does. Paint: the first entry is in the page and one frame has passed (page clock), against the command's start in the extension host (same machine clock). ${cold.runs} runs.`,
    '',
    table(
      ['Figure', 'Median (min–max)', 'Baseline', 'Ratio'],
      [
        ['Chat History, chat view closed → chat page first contentful paint', range(cold.viewPaintMs), '–', '–'],
        ['Chat History, chat view closed → first history entry painted', range(cold.coldListPaintMs), '–', '–'],
        ['Chat History, chat view open → first history entry painted', range(cold.listPaintMs), '–', '–'],
        ['Extension host heap used, list shown', range(cold.heapUsedBytes, mb), '–', '–'],
        ['… grown since activation', range(cold.heapGrowthBytes, mb), '–', '–'],
        ['Extension host RSS, list shown', range(cold.rssBytes, mb), '–', '–'],
        ['… grown since activation', range(cold.rssGrowthBytes, mb), '–', '–'],
        [
          'Store: first page of 50 from a fresh store (reads index.json)',
          range(cold.storeIndexMs),
          range(cold.storeReadEveryFileMs),
          times(ratio(cold.storeIndexMs, cold.storeReadEveryFileMs)),
        ],
      ],
    ),
    '',
    `Baseline for the store: reading and parsing all ${cold.conversations} conversation files, then sorting (what a store without an index must do), in the same extension host, ${cold.storeIndexMs.runs / cold.runs} times per window.`,
    '',
  ];
}

function editorApplySection(apply: EditorApplyResults): string[] {
  const row = (name: string, way: EditorApplyResults['ways']['inkwell']) => [
    name,
    range(way.edits, count),
    range(way.maxEditsPerFrame, count),
    range(way.lastTokenToFinalMs),
    way.undoCapped ? `≥ ${apply.undoCap} (stopped counting)` : range(way.undoSteps, count),
    range(way.wallMs),
    range(way.cpuMs),
    range(way.cpuUsPerChunk, us),
    way.complete ? 'yes' : '**no**',
  ];
  return [
    '## 6. Editor apply',
    '',
    `A ${apply.answerLines.toLocaleString('en-US')}-line answer (${apply.tokens.toLocaleString('en-US')} tokens, sent as ${apply.chunks.toLocaleString('en-US')} chunks of one line each, as fast as the server can) inserted below a paragraph in the middle of a ${apply.documentLines.toLocaleString('en-US')}-line document. Edits: document change events the extension host saw. Undo steps: Undo commands until the original text is back. The naive way: the SDK's stream with one awaited \`editor.edit\` per chunk. ${apply.runs} runs each, alternating.`,
    '',
    table(
      [
        'Way',
        'Edits',
        'Most edits in one 16.7 ms frame',
        'Last token → final text',
        'Undo steps',
        'Wall time',
        'Extension host CPU',
        'CPU per chunk',
        'Complete',
      ],
      [row('Inkwell ("Summarize", insert below)', apply.ways.inkwell), row('Naive: one edit per chunk', apply.ways.naive)],
    ),
    '',
    `The naive way issues ${times(ratio(apply.ways.naive.edits, apply.ways.inkwell.edits))} as many edits and takes ${times(ratio(apply.ways.naive.lastTokenToFinalMs, apply.ways.inkwell.lastTokenToFinalMs))} as long from last token to final text.`,
    '',
  ];
}

function pathologicalSection(pathological: PathologicalResults): string[] {
  return [
    '## 7. Pathological answers',
    '',
    `The answers of CVE-2026-2327 (markdown-it's linkify backtracked on a URL followed by a long run of \`*\`; 14.1.0 took about 10 s for 40,000 \`*\` and a letter). Each is parsed and rendered with Inkwell's markdown-it configuration (\`src/webview/markdownParser.ts\`, as the webview uses it), alternating with a normal answer of the same size (headings, prose, lists, tables, code), in the bench process. ${pathological.runs} runs each.`,
    '',
    table(
      ['Answer', 'Characters', 'Parse + render', 'Normal answer, same size', 'Ratio'],
      pathological.cases.map((item) => [
        item.label,
        count(item.chars),
        range(item.pathologicalMs),
        range(item.normalMs),
        times(item.ratio),
      ]),
    ),
    '',
  ];
}

function proseDiffSection(figures: ProseDiffFigures): string[] {
  return [
    '## 8. Tracked changes: the diff',
    '',
    `A ${count(figures.words)}-word document of English and Chinese paragraphs, and a proposal that edits about one word in six (${count(figures.changes)} changes), diffed in the bench process (the diff, \`src/trackedChanges/\`, imports nothing from VS Code). Streaming: the proposal arrives in ${count(figures.chunks)} chunks of ${count(figures.chunkChars)} characters and each chunk updates the streamed diff; the figure is the whole stream's time divided by the chunks. Its baseline re-diffs the whole proposal so far, measured on ${count(figures.rediffSamples)} chunks spread over the stream. ${figures.full.runs} runs each.`,
    '',
    table(
      ['Figure', 'Inkwell', 'Baseline', 'Baseline is'],
      [
        [
          'Whole proposal, once',
          range(figures.full),
          `${range(figures.wordDiffBaseline)} (one word diff of the whole text, no sentence alignment)`,
          '',
        ],
        [
          'Per streamed chunk',
          range(figures.perChunkStreaming),
          `${range(figures.perChunkFullRediff)} (whole proposal re-diffed)`,
          times(figures.perChunkFullRediff.median / figures.perChunkStreaming.median),
        ],
      ],
    ),
    '',
  ];
}

function inlineReviewSection(figures: InlineReviewResults): string[] {
  return [
    '## 9. Tracked changes: drawing the review',
    '',
    `Improve Writing on a ${count(figures.words)}-word document (English and Chinese), reviewed as tracked changes in a real VS Code; the proposal (${count(figures.chars)} characters, ${count(figures.changes)} changes) streams in ${count(figures.chunks)} token-sized chunks as fast as the local server sends. The review redraws its decorations on a timer of one ${num(frameMs)} ms frame; the baseline is a view that redraws on every chunk, which would draw as many times as chunks arrive. ${figures.draws.runs} runs.`,
    '',
    table(
      ['Figure', 'Inkwell', 'Redraw per chunk'],
      [
        ['Redraws over the stream', range(figures.draws, count), count(figures.chunks)],
        [`Most redraws in one ${num(frameMs)} ms frame`, range(figures.maxDrawsPerFrame, count), range(figures.maxChunksPerFrame, count)],
        ['Command, start to complete proposal', range(figures.wallMs), ''],
        ['Extension host CPU per chunk (whole command)', range(figures.cpuUsPerChunk, us), ''],
      ],
    ),
    '',
  ];
}

/** The markdown written to bench/results.md and printed. */
export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const out = [
    '# Inkwell benchmarks',
    '',
    `Written by \`npm run bench\` on ${machine.date}: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverage.map((value) => value.toFixed(2)).join(' / ')} at the start; Node ${machine.node}; VS Code ${machine.vscode} (server build, web workbench in headless Chromium)${machine.durationS ? `; ${Math.round(machine.durationS)} s in all` : ''}. Each figure is the median of its runs with (min–max); ratios compare medians measured in this same run. These machines are noisy: ratios hold, absolute times drift.`,
    '',
    '## Goals',
    '',
    table(
      ['Goal', 'Measured (median)', 'Status'],
      goals(results).map((goal) => [goal.goal, goal.measured, verdict(goal.met)]),
    ),
    '',
  ];
  if (results.footprint || results.coldStart) out.push(...footprintSection(results.footprint, results.coldStart));
  if (results.streaming) out.push(...streamingSection(results.streaming));
  if (results.chat) out.push(...chatSection(results.chat));
  if (results.longDocument) out.push(...longDocumentSection(results.longDocument));
  if (results.coldStart) out.push(...historySection(results.coldStart));
  if (results.editorApply) out.push(...editorApplySection(results.editorApply));
  if (results.pathological) out.push(...pathologicalSection(results.pathological));
  if (results.proseDiff) out.push(...proseDiffSection(results.proseDiff));
  if (results.inlineReview) out.push(...inlineReviewSection(results.inlineReview));
  const errors = Object.entries(results.errors);
  if (errors.length) {
    out.push('## Not measured', '', ...errors.map(([phase, error]) => `- ${phase}: ${error.split('\n')[0]}`), '');
  }
  return out.join('\n');
}
