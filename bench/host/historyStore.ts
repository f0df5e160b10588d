import * as fs from 'fs';
import * as path from 'path';
import { ConversationStore, type StoredConversation } from '../../src/chat/conversationStore';
import type { HistoryStoreArgs, HistoryStoreFigures } from '../shared/benchProtocol';

const pageSize = 50;

/**
 * The history's first page the way Inkwell gets it (a fresh store reads
 * `index.json`), against the way a store without an index must: read and
 * parse every conversation file, then sort. Same folder, same process.
 */
export async function runHistoryStore(args: HistoryStoreArgs): Promise<HistoryStoreFigures> {
  const indexMs: number[] = [];
  const readEveryFileMs: number[] = [];
  let conversations = 0;
  for (let run = 0; run < args.repeats; run++) {
    let started = performance.now();
    const page = await new ConversationStore(args.directory, { warn: () => undefined }).page('', 0, pageSize);
    indexMs.push(performance.now() - started);
    conversations = page.total;

    started = performance.now();
    const names = (await fs.promises.readdir(args.directory)).filter((name) => name.endsWith('.json') && name !== 'index.json');
    const all = await Promise.all(
      names.map(async (name) => JSON.parse(await fs.promises.readFile(path.join(args.directory, name), 'utf8')) as StoredConversation),
    );
    all.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, pageSize);
    readEveryFileMs.push(performance.now() - started);
  }
  return { indexMs, readEveryFileMs, conversations };
}
