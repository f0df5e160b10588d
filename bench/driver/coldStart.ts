import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startBenchHost } from './benchHost';
import type { ActivationFigures } from '../shared/benchProtocol';
import { addHistoryPaintProbe, manyConversations, measureColdHistory, seedConversations, type ColdHistoryFigures } from './history';
import { summarize, type Summary } from './stats';

export interface ColdStartResults {
  runs: number;
  conversations: number;
  /** Runs where Inkwell was already active before the bench touched it (should be 0). */
  alreadyActive: number;
  loadMs: Summary;
  activateMs: Summary;
  firstCommandMs: Summary;
  viewPaintMs: Summary;
  coldListPaintMs: Summary;
  listPaintMs: Summary;
  heapUsedBytes: Summary;
  rssBytes: Summary;
  heapGrowthBytes: Summary;
  rssGrowthBytes: Summary;
  /** Store level, all runs pooled: first page from the index, and by reading every file. */
  storeIndexMs: Summary;
  storeReadEveryFileMs: Summary;
}

/**
 * Items 1 (activation) and 5 (history): each run is a fresh VS Code window
 * whose store already holds `conversations` chats, because both figures only
 * exist once per extension host. The workbench is given a moment to finish
 * starting, as it would have before a person reaches for a command.
 */
export async function measureColdStarts(
  options: { runs: number; conversations: number; settleMs: number; userSettings: Record<string, unknown> },
  log: (line: string) => void,
): Promise<ColdStartResults> {
  const activations: ActivationFigures[] = [];
  const histories: ColdHistoryFigures[] = [];
  for (let run = 0; run < options.runs; run++) {
    const serverDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-data-'));
    seedConversations(serverDataDir, manyConversations(options.conversations, Date.now()));
    const bench = await startBenchHost({ label: 'bench-cold-start', userSettings: options.userSettings, serverDataDir });
    try {
      await addHistoryPaintProbe(bench.host.page);
      await new Promise((resolve) => setTimeout(resolve, options.settleMs));
      activations.push(await bench.call('activation'));
      histories.push(await measureColdHistory(bench, serverDataDir));
    } finally {
      await bench.close();
    }
    log(
      `  cold start ${run + 1} of ${options.runs}: activate() ${activations.at(-1)!.activateMs.toFixed(1)} ms, history painted ${histories.at(-1)!.coldListPaintMs.toFixed(0)} ms cold, ${histories.at(-1)!.listPaintMs.toFixed(0)} ms with the view open`,
    );
  }
  const pick = (key: keyof Omit<ColdHistoryFigures, 'store'>) => summarize(histories.map((history) => history[key]));
  return {
    runs: options.runs,
    conversations: options.conversations,
    alreadyActive: activations.filter((activation) => activation.wasActive).length,
    loadMs: summarize(activations.map((activation) => activation.loadMs)),
    activateMs: summarize(activations.map((activation) => activation.activateMs)),
    firstCommandMs: summarize(activations.map((activation) => activation.firstCommandMs)),
    viewPaintMs: pick('viewPaintMs'),
    coldListPaintMs: pick('coldListPaintMs'),
    listPaintMs: pick('listPaintMs'),
    heapUsedBytes: pick('heapUsedBytes'),
    rssBytes: pick('rssBytes'),
    heapGrowthBytes: pick('heapGrowthBytes'),
    rssGrowthBytes: pick('rssGrowthBytes'),
    storeIndexMs: summarize(histories.flatMap((history) => history.store.indexMs)),
    storeReadEveryFileMs: summarize(histories.flatMap((history) => history.store.readEveryFileMs)),
  };
}
