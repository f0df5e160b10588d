import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import type { FakeOpenAIServer, RecordedRequest, ScenarioSource } from '../support/openaiServer';
import { openaiErrors } from '../support/openaiScenarios';
import { closeAllWithoutSaving, echoFramedText, openUntitled, setSettings, useLocalServer, waitFor } from './editorTestKit';

/**
 * The invariant behind "nothing is lost": whatever the server does, the
 * user's text changes only when a complete proposal is accepted, and an
 * insertion only ever adds text that really arrived.
 */

/** One way a request can go wrong, from the server or from the user. */
interface Fault {
  name: string;
  /** What the server does with the request the fault hits. */
  reply?: ScenarioSource;
  /** Something to do while the commands run (e.g. cancel), given the requests the fault hit so far and how many it will hit. */
  during?: (hit: readonly RecordedRequest[], expected: number) => Promise<void>;
  /** Inkwell talks to a port where nothing listens. */
  serverDown?: boolean;
  /** Whether some text may have arrived before the failure. */
  partial: boolean;
  /** The failure category the command reports. */
  category: string;
  /** The fault that stands for its category in the full grid of shapes and decisions. */
  grid?: true;
}

const mid = 'Partial words that arrived before the failure, and then some more words';

const faults: Fault[] = [
  { name: 'a 401', reply: openaiErrors.invalidApiKey(), partial: false, category: 'missingKey', grid: true },
  { name: 'a 500', reply: openaiErrors.serverError(), partial: false, category: 'serverError' },
  { name: 'a 503', reply: openaiErrors.overloaded(), partial: false, category: 'serverError' },
  { name: 'a 429', reply: openaiErrors.rateLimited({ retryAfterSeconds: 1 }), partial: false, category: 'rateLimited', grid: true },
  { name: 'a connection reset before any text', reply: { kind: 'disconnect', afterChunks: 0 }, partial: false, category: 'network' },
  { name: 'the server being down', serverDown: true, partial: false, category: 'network' },
  {
    name: 'no response headers within the idle timeout',
    reply: { kind: 'reply', latencyMs: 2500 },
    partial: false,
    category: 'idleTimeout',
  },
  { name: 'an HTML page served with 200', reply: { kind: 'page' }, partial: false, category: 'badResponse' },
  { name: 'an empty answer', reply: { kind: 'empty' }, partial: false, category: 'emptyAnswer', grid: true },
  { name: 'a whitespace-only answer', reply: { kind: 'reply', chunks: ['  ', '\n\n', '   '] }, partial: false, category: 'emptyAnswer' },
  {
    name: 'a cancel before any text',
    reply: { kind: 'reply', latencyMs: 20_000 },
    during: cancelWhenInFlight,
    partial: false,
    category: 'cancelled',
  },
  {
    name: 'a connection dropped mid-answer',
    reply: { kind: 'disconnect', text: mid, afterChunks: 4 },
    partial: true,
    category: 'network',
    grid: true,
  },
  {
    name: 'a stream that stalls mid-answer',
    reply: { kind: 'stall', text: mid, afterChunks: 3 },
    partial: true,
    category: 'idleTimeout',
    grid: true,
  },
  {
    name: 'invalid JSON mid-answer',
    reply: { kind: 'malformed', text: mid, afterChunks: 3 },
    partial: true,
    category: 'badResponse',
    grid: true,
  },
  {
    name: 'an error event mid-answer',
    reply: { ...openaiErrors.serverError(), afterChunks: 3, text: mid },
    partial: true,
    category: 'serverError',
    grid: true,
  },
  {
    name: 'finish_reason length',
    reply: { kind: 'reply', text: mid, finishReason: 'length' },
    partial: true,
    category: 'truncated',
    grid: true,
  },
  {
    name: 'finish_reason content_filter',
    reply: { kind: 'reply', text: mid, finishReason: 'content_filter' },
    partial: true,
    category: 'contentFiltered',
    grid: true,
  },
  {
    name: 'a cancel mid-answer',
    reply: { kind: 'reply', text: `${mid} ${'slowly '.repeat(200)}`, tokensPerSecond: 40 },
    during: cancelAfterText,
    partial: true,
    category: 'cancelled',
    grid: true,
  },
];

async function cancelWhenInFlight(hit: readonly RecordedRequest[], expected: number): Promise<void> {
  await waitFor(
    () => hit.length >= expected && hit.every((request) => request.closedAt === undefined),
    'the faulted requests in flight',
    10_000,
  );
  await vscode.commands.executeCommand('inkwell.cancel');
}

async function cancelAfterText(hit: readonly RecordedRequest[], expected: number): Promise<void> {
  await waitFor(() => hit.length >= expected && hit.every((request) => request.chunksSent >= 4), 'some text streamed for each', 10_000);
  await vscode.commands.executeCommand('inkwell.cancel');
}

type Shape = 'one selection' | 'two selections' | 'a long document in parts';
const shapes: readonly Shape[] = ['one selection', 'two selections', 'a long document in parts'];
type ReviewStyle = 'sideBySide' | 'inline';
const reviewStyles: readonly ReviewStyle[] = ['sideBySide', 'inline'];
/** What the writer does with the failed review: try to take it, then throw it away; or close the document under it. */
type Decision = 'accept, then reject' | 'close the document, then accept';

/** A failed tracked-changes review offers nothing to take: not all at once, not one by one, not at the cursor. */
async function assertNoChangeToAccept(editor: vscode.TextEditor, reviewId: number): Promise<void> {
  const all = await vscode.commands.executeCommand<CommandResult>('inkwell.review.acceptAll', { reviewId });
  assert.notStrictEqual(all.status, 'done', `Accept All takes nothing: ${JSON.stringify(all).slice(0, 300)}`);
  if (!editor.document.isClosed) {
    await vscode.window.showTextDocument(editor.document, {
      selection: new vscode.Range(editor.document.positionAt(4), editor.document.positionAt(4)),
    });
    const atCursor = await vscode.commands.executeCommand<CommandResult>('inkwell.review.acceptChange');
    assert.notStrictEqual(
      atCursor.status,
      'done',
      `accepting the change at the cursor takes nothing: ${JSON.stringify(atCursor).slice(0, 300)}`,
    );
  }
  const listed = await vscode.commands.executeCommand<CommandResult>('inkwell.review.changes', { reviewId });
  assert.ok(
    !(listed.changes ?? []).some((change) => change.state === 'pending'),
    `no change is offered: ${JSON.stringify(listed).slice(0, 300)}`,
  );
}

/**
 * Each shape has text of its own, so the server can tell whose request it
 * holds, and one request of each shape is hit: the only one, the second of
 * two selections, the second part of a long document.
 */
const texts: Record<Shape, { paragraphs: string[]; selected: number[]; faultedPart: string }> = {
  'one selection': {
    paragraphs: [
      'The first paragraph, which the user wrote by hand.',
      '第二段是用户自己写的中文，不能丢。',
      'The third paragraph stays out of it.',
    ],
    selected: [0],
    faultedPart: 'The first paragraph, which the user wrote by hand.',
  },
  'two selections': {
    paragraphs: [
      "One of two selected paragraphs, in the writer's own words.",
      'A paragraph between them that nobody selected.',
      '两段选中的文字中的第二段，也是用户写的。',
    ],
    selected: [0, 2],
    faultedPart: '两段选中的文字中的第二段',
  },
  'a long document in parts': { paragraphs: [], selected: [], faultedPart: '## Part 2' },
};
const longSection = (n: number) =>
  `## Part ${n}\r\n\r\n${'A line of prose about the tides that the model returns unchanged. '.repeat(40)}\r\n\r\n`;

interface OpenShape {
  shape: Shape;
  editor: vscode.TextEditor;
  file: string;
  original: string;
}

/** A file on disk (so closing and autosave are real), CRLF and Chinese included, with the selections the shape needs. */
async function openShape(dir: string, shape: Shape): Promise<OpenShape> {
  const { paragraphs, selected } = texts[shape];
  const original =
    shape === 'a long document in parts' ? longSection(1) + longSection(2) + longSection(3) : paragraphs.join('\r\n\r\n') + '\r\n';
  const file = path.join(dir, `${shape.replace(/\W+/g, '-')}-${Date.now()}.md`);
  fs.writeFileSync(file, original);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  // Not a preview tab: the next shape's document must open beside this one, not in its place.
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const select = (text: string) => {
    const start = original.indexOf(text);
    return new vscode.Selection(document.positionAt(start), document.positionAt(start + text.length));
  };
  const selections =
    shape === 'a long document in parts'
      ? [new vscode.Selection(document.positionAt(0), document.positionAt(original.length))]
      : selected.map((index) => select(paragraphs[index]));
  editor.selections = selections;
  return { shape, editor, file, original };
}

/** Sends the fault to every request whose text holds one of `parts`, and answers the others in full; returns the requests hit. */
function injectFault(server: FakeOpenAIServer, fault: Fault, parts: readonly string[]): RecordedRequest[] {
  const hit: RecordedRequest[] = [];
  server.setDefault((request) => {
    const text = echoFramedText(request).text;
    if (fault.reply && parts.some((part) => text.includes(part))) {
      hit.push(request);
      return typeof fault.reply === 'function' ? fault.reply(request) : fault.reply;
    }
    return { kind: 'reply', text };
  });
  return hit;
}

/** A loopback port nothing listens on (not one fetch refuses by itself, such as 9). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Which cells each fault runs. Every failure category (one fault standing for
 * it) runs the whole grid on the default review, tracked changes, and every
 * shape with Accept and Reject side by side; every other fault runs on one
 * selection, which is where each one first reaches the review.
 */
function cellsFor(style: ReviewStyle, fault: Fault): Array<[Shape, Decision]> {
  if (!fault.grid) return [['one selection', 'accept, then reject']];
  const cells: Array<[Shape, Decision]> = shapes.map((shape) => [shape, 'accept, then reject']);
  if (style === 'inline') cells.push(...shapes.map((shape): [Shape, Decision] => [shape, 'close the document, then accept']));
  else cells.push(['one selection', 'close the document, then accept']);
  return cells;
}

describe('Nothing is lost when a rewrite fails: every failure category × review style × shape × decision', () => {
  const local = useLocalServer();
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-faults-'));
    await setSettings({ requestTimeoutSeconds: 1, contextWindow: 4000 });
  });
  after(async () => {
    await setSettings({ requestTimeoutSeconds: 10, contextWindow: undefined, 'review.style': undefined });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const style of reviewStyles) {
    const reviewed = style === 'inline' ? 'reviewed as tracked changes' : 'reviewed side by side';
    describe(reviewed, () => {
      before(() => setSettings({ 'review.style': style }));
      for (const fault of faults) {
        for (const [shape, decision] of cellsFor(style, fault)) {
          it(`after ${fault.name} on ${shape}, "${decision}" leaves the file byte-identical`, async function () {
            this.timeout(30_000);
            const { editor, file, original } = await openShape(dir, shape);
            const result = await runWithFault(local, fault, texts[shape].faultedPart, 'inkwell.improve');
            assert.ok(
              result.status === 'error' || result.status === 'cancelled',
              `the command reports the failure: ${JSON.stringify(result).slice(0, 300)}`,
            );
            if (result.status === 'error') assert.strictEqual(result.category, fault.category, result.message);
            assert.notStrictEqual(result.reviewId, undefined, 'the failed review can still be named');
            const reviewId = result.reviewId!;
            if (decision === 'accept, then reject') {
              const accepted = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', {
                reviewId,
                ifChanged: 'apply',
              });
              assert.strictEqual(accepted.status, 'error', JSON.stringify(accepted));
              const viaShortcut = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept');
              assert.notStrictEqual(viaShortcut.status, 'done', 'accepting without an id (Ctrl+Enter) applies nothing either');
              if (style === 'inline') await assertNoChangeToAccept(editor, reviewId);
              assert.strictEqual(editor.document.getText(), original, 'the buffer is unchanged after Accept');
              await vscode.commands.executeCommand('inkwell.review.reject', { reviewId });
            } else {
              await closeAllWithoutSaving();
              await vscode.commands.executeCommand('inkwell.review.accept', { reviewId, ifChanged: 'apply' });
            }
            if (!editor.document.isClosed) assert.strictEqual(editor.document.getText(), original, 'the buffer is unchanged');
            await vscode.workspace.saveAll(false);
            assert.strictEqual(fs.readFileSync(file, 'utf8'), original, 'the file on disk is unchanged');
            const selected = vscode.window.visibleTextEditors
              .filter((visible) => visible.document === editor.document)
              .flatMap((visible) => visible.selections);
            assert.ok(
              selected.every((selection) => selection.isEmpty),
              'nothing the user wrote is left selected',
            );
          });
        }
      }
    });
  }

  for (const style of reviewStyles) {
    it(`a complete proposal on a long document in parts, reviewed ${style === 'inline' ? 'as tracked changes' : 'side by side'}, is still applied on Accept, as one undo step`, async function () {
      this.timeout(30_000);
      await setSettings({ 'review.style': style });
      const { editor, original } = await openShape(dir, 'a long document in parts');
      local.server.setDefault((request) => ({ kind: 'reply', text: echoFramedText(request).text.replace(/tides/g, 'waves') }));
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
      assert.strictEqual(result.status, 'done', JSON.stringify(result).slice(0, 300));
      assert.ok(local.server.requests.filter((request) => request.chat).length >= 3, 'the document went in parts');
      await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
      assert.strictEqual(editor.document.getText(), original.replace(/tides/g, 'waves'));
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(editor.document.getText(), original);
    });
  }
});

/** Runs one command with the fault on its request (the one whose text holds `part`). */
async function runWithFault(
  local: { server: FakeOpenAIServer },
  fault: Fault,
  part: string,
  command: string,
  args?: unknown,
): Promise<CommandResult> {
  if (fault.serverDown) await setSettings({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
  try {
    const hit = injectFault(local.server, fault, [part]);
    const running = vscode.commands.executeCommand<CommandResult>(command, ...(args === undefined ? [] : [args]));
    await fault.during?.(hit, 1);
    return await running;
  } finally {
    if (fault.serverDown) await setSettings({ baseUrl: local.server.baseUrl });
  }
}

describe('Nothing is lost when an insertion fails: every fault × insert mode', () => {
  const local = useLocalServer();
  before(() => setSettings({ requestTimeoutSeconds: 1 }));
  after(() => setSettings({ requestTimeoutSeconds: 10 }));

  const above = 'Intro line the user wrote.\n\n';
  const selected = '这是用户写的段落，summarize it.';
  const below = '\n\nClosing line the user wrote.';
  const modes = [
    { name: 'insert below (Summarize)', command: 'inkwell.summarize', args: undefined },
    { name: 'at the cursor (Continue Writing)', command: 'inkwell.continueWriting', args: undefined },
    { name: 'a new document', command: 'inkwell.summarize', args: { output: 'newDocument' } },
    { name: 'the clipboard', command: 'inkwell.summarize', args: { output: 'clipboard' } },
  ];
  for (const fault of faults) {
    for (const mode of modes) {
      it(`after ${fault.name}, writing to ${mode.name} keeps every character the user wrote and adds only real text`, async function () {
        this.timeout(30_000);
        const document = await openUntitled(above + selected + below);
        const editor = await vscode.window.showTextDocument(document);
        const end = document.positionAt(above.length + selected.length);
        editor.selections = [
          mode.command === 'inkwell.continueWriting'
            ? new vscode.Selection(end, end)
            : new vscode.Selection(document.positionAt(above.length), end),
        ];
        await vscode.env.clipboard.writeText('what the clipboard held');
        const result = await runWithFault(local, fault, selected, mode.command, mode.args);
        assert.ok(result.status === 'error' || result.status === 'cancelled', JSON.stringify(result).slice(0, 300));
        const text = document.getText();
        assert.ok(text.startsWith(above + selected) && text.endsWith(below), `the user's text is intact: ${JSON.stringify(text)}`);
        const added = text.slice(above.length + selected.length, text.length - below.length);
        if (!fault.partial) assert.strictEqual(text, above + selected + below, 'nothing is added when nothing arrived');
        else if (added) assert.ok(added.trim().length > 0, 'no blank text is left behind');
        assert.ok(
          editor.selections.every((selection) => selection.isEmpty),
          'nothing the user wrote is left selected',
        );
        if (mode.args?.output === 'clipboard' && !fault.partial)
          assert.strictEqual(await vscode.env.clipboard.readText(), 'what the clipboard held');
        if (mode.args?.output === 'newDocument' && !fault.partial) {
          const shown = vscode.workspace.textDocuments.filter(
            (open) =>
              open.isUntitled &&
              vscode.window.tabGroups.all.some((group) =>
                group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === open.uri.toString()),
              ),
          );
          assert.ok(
            shown.every((open) => open.getText().trim().length > 0),
            'no empty document is left open',
          );
        }
      });
    }
  }
});
