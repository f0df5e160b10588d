import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ConversationStore, type StoredConversation } from '../../src/chat/conversationStore';
import { recordFigure, recordingLog, tempFolder, type RecordingLog } from './kit/recording';

let counter = 0;

function conversation(title: string, text = `Message about ${title}`, updatedAt = Date.now()): StoredConversation {
  const id = `c${(++counter).toString().padStart(5, '0')}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    version: 1,
    id,
    title,
    createdAt: updatedAt - 1000,
    updatedAt,
    messages: [
      { id: `${id}-u`, role: 'user', text, status: 'complete', createdAt: updatedAt - 1000 },
      { id: `${id}-a`, role: 'assistant', text: `An answer to ${title}.`, status: 'complete', createdAt: updatedAt },
    ],
  };
}

describe('The conversation store', () => {
  let folder: string;
  let log: RecordingLog;
  let store: ConversationStore;
  const reopen = (): ConversationStore => new ConversationStore(folder, log.channel);
  const warnings = (): string[] => log.lines.filter((line) => line.level === 'warn').map((line) => line.message);

  beforeEach(() => {
    folder = tempFolder('store');
    log = recordingLog();
    store = reopen();
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('keeps one JSON file per conversation and reads them back after a restart', async () => {
    const first = conversation('First');
    const second = conversation('Second', 'x', first.updatedAt + 10);
    await store.save(first);
    await store.save(second);
    const files = fs.readdirSync(folder).sort();
    assert.deepStrictEqual(files, [`${first.id}.json`, `${second.id}.json`, 'index.json'].sort());
    const again = reopen();
    assert.deepStrictEqual(
      (await again.list()).map((entry) => entry.title),
      ['Second', 'First'],
    );
    assert.deepStrictEqual(await again.load(first.id), first);
  });

  it('keeps the previous version intact when a save dies before its rename (a simulated crash mid-write)', async () => {
    const original = conversation('Before the crash');
    await store.save(original);
    const rename = fs.promises.rename;
    fs.promises.rename = async () => {
      throw Object.assign(new Error('simulated crash between write and rename'), { code: 'EIO' });
    };
    try {
      const changed = {
        ...original,
        title: 'Never written',
        messages: [...original.messages, { ...original.messages[1], id: 'extra', text: 'lost' }],
      };
      await assert.rejects(store.save(changed), /simulated crash/);
    } finally {
      fs.promises.rename = rename;
    }
    const afterRestart = await reopen().load(original.id);
    assert.deepStrictEqual(afterRestart, original);
    assert.deepStrictEqual(
      fs.readdirSync(folder).filter((name) => name.endsWith('.tmp')),
      [],
      'no temp file left behind',
    );
  });

  it('ignores and cleans up a half-written temp file left by a killed process, and keeps the real file', async () => {
    const original = conversation('Survivor');
    await store.save(original);
    const leftover = path.join(folder, `${original.id}.json.4242-dead.tmp`);
    fs.writeFileSync(leftover, JSON.stringify({ ...original, title: 'half' }).slice(0, 40));
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(leftover, old, old);
    const fresh = path.join(folder, `${original.id}.json.4243-busy.tmp`);
    fs.writeFileSync(fresh, '{"being written by another window');
    const again = reopen();
    assert.deepStrictEqual(
      (await again.list()).map((entry) => entry.title),
      ['Survivor'],
    );
    assert.deepStrictEqual(await again.load(original.id), original);
    assert.strictEqual(fs.existsSync(leftover), false, 'the stale temp file is removed');
    assert.strictEqual(fs.existsSync(fresh), true, 'a recent temp file may be another window writing: left alone');
    assert.deepStrictEqual(warnings(), []);
  });

  it('skips a truncated conversation file with a warning, and the others still load', async () => {
    const good = [conversation('Good one'), conversation('Good two')];
    const broken = conversation('Broken');
    for (const entry of [...good, broken]) await store.save(entry);
    const brokenFile = path.join(folder, `${broken.id}.json`);
    fs.writeFileSync(brokenFile, fs.readFileSync(brokenFile, 'utf8').slice(0, 50));
    fs.rmSync(path.join(folder, 'index.json'));
    const again = reopen();
    assert.deepStrictEqual((await again.list()).map((entry) => entry.title).sort(), ['Good one', 'Good two']);
    assert.strictEqual(warnings().length, 1);
    assert.match(warnings()[0], new RegExp(`${broken.id}\\.json.*not valid JSON`));
    for (const entry of good) assert.deepStrictEqual(await again.load(entry.id), entry);
  });

  it('reports a file damaged after it was indexed when it is opened, without affecting the list', async () => {
    const good = conversation('Fine');
    const damaged = conversation('Damaged later');
    await store.save(good);
    await store.save(damaged);
    fs.writeFileSync(path.join(folder, `${damaged.id}.json`), '{"version":1,"id":');
    const again = reopen();
    assert.strictEqual((await again.list()).length, 2);
    assert.strictEqual(await again.load(damaged.id), undefined);
    assert.deepStrictEqual(await again.load(good.id), good);
    assert.strictEqual(warnings().length, 1);
  });

  it('rebuilds a corrupt index from the conversation files', async () => {
    await store.save(conversation('Alpha'));
    await store.save(conversation('Beta'));
    fs.writeFileSync(path.join(folder, 'index.json'), '{"version":1,"conversations":[{"id":');
    const again = reopen();
    assert.deepStrictEqual((await again.list()).map((entry) => entry.title).sort(), ['Alpha', 'Beta']);
    assert.match(warnings()[0], /index.*rebuilding/);
    JSON.parse(fs.readFileSync(path.join(folder, 'index.json'), 'utf8'));
  });

  it('finds a conversation missing from the index (a crash between the two renames)', async () => {
    await store.save(conversation('Indexed'));
    const orphan = conversation('Written but not indexed');
    fs.writeFileSync(path.join(folder, `${orphan.id}.json`), JSON.stringify(orphan));
    assert.deepStrictEqual((await reopen().list()).map((entry) => entry.title).sort(), ['Indexed', 'Written but not indexed']);
  });

  it('refuses ids that could leave its folder', async () => {
    await assert.rejects(store.save({ ...conversation('x'), id: '../escape' }), /invalid conversation id/);
    assert.strictEqual(await store.load('../index'), undefined);
    await store.delete('../../something');
  });

  it('searches titles and message text, renames and deletes', async () => {
    const recipes = conversation('Recipes', 'How long do I bake sourdough?');
    const travel = conversation('Travel plans', 'Trains from Lyon to Turin');
    await store.save(recipes);
    await store.save(travel);
    assert.deepStrictEqual(
      (await store.page('SOURDOUGH', 0, 10)).items.map((entry) => entry.id),
      [recipes.id],
    );
    assert.deepStrictEqual(
      (await store.page('travel', 0, 10)).items.map((entry) => entry.id),
      [travel.id],
    );
    assert.strictEqual((await store.page('nothing like this', 0, 10)).total, 0);
    await store.rename(travel.id, 'Italy trip');
    assert.strictEqual((await reopen().load(travel.id))?.title, 'Italy trip');
    await store.delete(recipes.id);
    assert.deepStrictEqual(
      (await reopen().list()).map((entry) => entry.title),
      ['Italy trip'],
    );
  });

  it('lists 500 conversations, newest first and a page at a time, from the index alone, reading none of their files', async function () {
    this.timeout(60_000);
    const now = Date.now();
    const entries = Array.from({ length: 500 }, (_, i) => conversation(`Conversation ${i}`, `Text ${i} `.repeat(200), now - i * 1000));
    for (const entry of entries) fs.writeFileSync(path.join(folder, `${entry.id}.json`), JSON.stringify(entry));

    const rebuildStarted = performance.now();
    assert.strictEqual((await reopen().list()).length, 500);
    const rebuildMs = performance.now() - rebuildStarted;

    const readFile = fs.promises.readFile;
    const read: string[] = [];
    fs.promises.readFile = ((file: fs.PathLike, ...rest: unknown[]) => {
      read.push(path.basename(String(file)));
      return (readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest);
    }) as typeof fs.promises.readFile;
    let listMs: number;
    let pageMs: number;
    try {
      const started = performance.now();
      const fresh = reopen();
      const listed = await fresh.list();
      listMs = performance.now() - started;
      assert.strictEqual(listed.length, 500);
      assert.strictEqual(listed[0].title, 'Conversation 0', 'newest first');
      const pageStarted = performance.now();
      const page = await fresh.page('', 450, 50);
      pageMs = performance.now() - pageStarted;
      assert.strictEqual(page.items.length, 50);
      assert.strictEqual(page.total, 500);
    } finally {
      fs.promises.readFile = readFile;
    }
    assert.deepStrictEqual(read, ['index.json']);
    recordFigure('store: 500 conversations', {
      rebuildIndexMs: Math.round(rebuildMs),
      listFromIndexMs: Number(listMs.toFixed(1)),
      pageMs: Number(pageMs.toFixed(1)),
    });
  });

  describe('retention and deleting everything', () => {
    const day = 24 * 60 * 60 * 1000;
    const withRetention = (days: number): ConversationStore => new ConversationStore(folder, log.channel, () => days);
    const files = (): string[] => (fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []);

    it('deletes chats unused for longer than the retention period when it starts, and keeps the newer ones', async () => {
      const old = conversation('Old', 'An attached file, kept too long', Date.now() - 40 * day);
      const recent = conversation('Recent', 'Fresh', Date.now() - 2 * day);
      await store.save(old);
      await store.save(recent);
      const reopened = withRetention(30);
      assert.strictEqual(await reopened.prune(), 1);
      assert.deepStrictEqual(
        (await reopened.list()).map((summary) => summary.title),
        ['Recent'],
      );
      assert.deepStrictEqual(files(), [`${recent.id}.json`, 'index.json']);
      assert.strictEqual(await withRetention(30).load(old.id, true), undefined);
    });

    it('deletes expired chats whenever a chat is saved', async () => {
      const old = conversation('Old', 'x', Date.now() - 10 * day);
      await store.save(old);
      const kept = withRetention(7);
      await kept.save(conversation('New'));
      assert.deepStrictEqual(
        (await kept.list()).map((summary) => summary.title),
        ['New'],
      );
      assert.ok(!files().includes(`${old.id}.json`));
    });

    it('keeps every chat, however old, when the retention is 0', async () => {
      await store.save(conversation('Ancient', 'x', Date.now() - 3650 * day));
      const keeping = withRetention(0);
      assert.strictEqual(await keeping.prune(), 0);
      await keeping.save(conversation('New'));
      assert.strictEqual((await keeping.list()).length, 2);
    });

    it('deletes every chat with its attached files, also those another window saved', async () => {
      const withFile = conversation('With a file');
      withFile.messages[0].context = [{ kind: 'file', label: 'File · secret-plan.md', text: 'The whole attached file. '.repeat(1000) }];
      await store.save(withFile);
      await reopen().save(conversation('From another window'));
      fs.writeFileSync(path.join(folder, 'c99999-damaged.json'), '{ cut short');
      assert.strictEqual(await store.deleteAll(), 2);
      assert.deepStrictEqual(files(), []);
      assert.deepStrictEqual(await store.list(), []);
      await store.save(conversation('Afterwards'));
      assert.deepStrictEqual(
        (await reopen().list()).map((summary) => summary.title),
        ['Afterwards'],
        'the store works on after deleting everything',
      );
    });
  });
});
