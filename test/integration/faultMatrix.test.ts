import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import type { FakeOpenAIServer, ScenarioSource } from '../support/openaiServer';
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
  /** Something to do while the command runs (e.g. cancel), given the request the fault hit. */
  during?: (server: FakeOpenAIServer, faulted: () => boolean) => Promise<void>;
  /** Inkwell talks to a port where nothing listens. */
  serverDown?: boolean;
  /** Whether some text may have arrived before the failure. */
  partial: boolean;
}

const mid = 'Partial words that arrived before the failure, and then some more words';

const faults: Fault[] = [
  { name: 'a 401', reply: openaiErrors.invalidApiKey(), partial: false },
  { name: 'a 500', reply: openaiErrors.serverError(), partial: false },
  { name: 'a 503', reply: openaiErrors.overloaded(), partial: false },
  { name: 'a 429', reply: openaiErrors.rateLimited({ retryAfterSeconds: 1 }), partial: false },
  { name: 'a connection reset before any text', reply: { kind: 'disconnect', afterChunks: 0 }, partial: false },
  { name: 'the server being down', serverDown: true, partial: false },
  { name: 'no response headers within the idle timeout', reply: { kind: 'reply', latencyMs: 2500 }, partial: false },
  { name: 'an HTML page served with 200', reply: { kind: 'page' }, partial: false },
  { name: 'an empty answer', reply: { kind: 'empty' }, partial: false },
  { name: 'a whitespace-only answer', reply: { kind: 'reply', chunks: ['  ', '\n\n', '   '] }, partial: false },
  { name: 'a cancel before any text', reply: { kind: 'reply', latencyMs: 4000 }, during: cancelWhenInFlight, partial: false },
  { name: 'a connection dropped mid-answer', reply: { kind: 'disconnect', text: mid, afterChunks: 4 }, partial: true },
  { name: 'a stream that stalls mid-answer', reply: { kind: 'stall', text: mid, afterChunks: 3 }, partial: true },
  { name: 'invalid JSON mid-answer', reply: { kind: 'malformed', text: mid, afterChunks: 3 }, partial: true },
  { name: 'an error event mid-answer', reply: { ...openaiErrors.serverError(), afterChunks: 3, text: mid }, partial: true },
  { name: 'finish_reason length', reply: { kind: 'reply', text: mid, finishReason: 'length' }, partial: true },
  { name: 'finish_reason content_filter', reply: { kind: 'reply', text: mid, finishReason: 'content_filter' }, partial: true },
  { name: 'a cancel mid-answer', reply: { kind: 'reply', text: `${mid} ${'slowly '.repeat(200)}`, tokensPerSecond: 40 }, during: cancelAfterText, partial: true },
];

async function cancelWhenInFlight(server: FakeOpenAIServer, faulted: () => boolean): Promise<void> {
  await waitFor(() => faulted() && server.inFlight > 0, 'the faulted request in flight', 10_000);
  await vscode.commands.executeCommand('inkwell.cancel');
}

async function cancelAfterText(server: FakeOpenAIServer, faulted: () => boolean): Promise<void> {
  await waitFor(() => faulted() && server.requests.at(-1)!.chunksSent >= 4, 'some text streamed', 10_000);
  await vscode.commands.executeCommand('inkwell.cancel');
}

type Shape = 'one selection' | 'a long document in parts';
type ReviewStyle = 'sideBySide' | 'inline';
const reviewStyles: readonly ReviewStyle[] = ['sideBySide', 'inline'];

/** A failed tracked-changes review offers nothing to take: not all at once, not one by one, not at the cursor. */
async function assertNoChangeToAccept(editor: vscode.TextEditor, reviewId: number): Promise<void> {
  const all = await vscode.commands.executeCommand<CommandResult>('inkwell.review.acceptAll', { reviewId });
  assert.notStrictEqual(all.status, 'done', `Accept All takes nothing: ${JSON.stringify(all).slice(0, 300)}`);
  if (!editor.document.isClosed) {
    await vscode.window.showTextDocument(editor.document, { selection: new vscode.Range(editor.document.positionAt(4), editor.document.positionAt(4)) });
    const atCursor = await vscode.commands.executeCommand<CommandResult>('inkwell.review.acceptChange');
    assert.notStrictEqual(atCursor.status, 'done', `accepting the change at the cursor takes nothing: ${JSON.stringify(atCursor).slice(0, 300)}`);
  }
  const listed = await vscode.commands.executeCommand<CommandResult>('inkwell.review.changes', { reviewId });
  assert.ok(!(listed.changes ?? []).some((change) => change.state === 'pending'), `no change is offered: ${JSON.stringify(listed).slice(0, 300)}`);
}
type Decision = 'accept' | 'close the document';

const paragraphs = ['The first paragraph, which the user wrote by hand.', '第二段是用户自己写的中文，不能丢。', 'The third paragraph stays out of it.'];
const longSection = (n: number) => `## Part ${n}\r\n\r\n${'A line of prose about the tides that the model returns unchanged. '.repeat(40)}\r\n\r\n`;

/** A file on disk (so closing and autosave are real), CRLF and Chinese included, with the selections the shape needs. */
async function openShape(dir: string, shape: Shape): Promise<{ editor: vscode.TextEditor; file: string; original: string }> {
  const original = shape === 'a long document in parts' ? longSection(1) + longSection(2) + longSection(3) : paragraphs.join('\r\n\r\n') + '\r\n';
  const file = path.join(dir, `${shape.replace(/\W+/g, '-')}-${Date.now()}.md`);
  fs.writeFileSync(file, original);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document);
  const select = (text: string) => {
    const start = original.indexOf(text);
    return new vscode.Selection(document.positionAt(start), document.positionAt(start + text.length));
  };
  if (shape === 'one selection') editor.selections = [select(paragraphs[0])];
  else editor.selections = [new vscode.Selection(document.positionAt(0), document.positionAt(original.length))];
  return { editor, file, original };
}

/**
 * Sends the fault to the request it is meant for (the second part of a long
 * document, else the first request); says whether that request has come.
 */
function injectFault(server: FakeOpenAIServer, fault: Fault, shape: Shape): () => boolean {
  let requests = 0;
  const faultAt = shape === 'a long document in parts' ? 2 : 1;
  server.setDefault((request) => {
    requests++;
    if (requests === faultAt && fault.reply) return typeof fault.reply === 'function' ? fault.reply(request) : fault.reply;
    return echoFramedText(request);
  });
  return () => requests >= faultAt;
}

/** A loopback port nothing listens on (not one fetch refuses by itself, such as 9). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function runWithFault(local: { server: FakeOpenAIServer }, fault: Fault, faulted: () => boolean, command: string, args?: unknown): Promise<CommandResult> {
  if (fault.serverDown) await setSettings({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1` });
  try {
    const running = vscode.commands.executeCommand<CommandResult>(command, ...(args === undefined ? [] : [args]));
    await fault.during?.(local.server, faulted);
    return await running;
  } finally {
    if (fault.serverDown) await setSettings({ baseUrl: local.server.baseUrl });
  }
}

describe('Nothing is lost when a rewrite fails: every fault × review style × shape × decision', () => {
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

  // Reject and close do the same whatever the shape; what a shape changes is what Accept could overwrite.
  // Two selections take the same path as parts of a long document (several parts in one review): the long document covers both.
  // Reject is tested once per style's review suite; here it would do what closing does.
  const cases: Record<ReviewStyle, Array<[Shape, Decision[]]>> = {
    sideBySide: [
      ['one selection', ['accept', 'close the document']],
      ['a long document in parts', ['accept']],
    ],
    inline: [
      ['one selection', ['accept', 'close the document']],
      ['a long document in parts', ['accept']],
    ],
  };
  for (const style of reviewStyles) {
    describe(style === 'inline' ? 'reviewed as tracked changes' : 'reviewed side by side', () => {
    before(() => setSettings({ 'review.style': style }));
    for (const fault of faults) {
      for (const [shape, decisions] of cases[style]) {
        for (const decision of decisions) {
          it(`after ${fault.name} on ${shape} reviewed ${style === 'inline' ? 'as tracked changes' : 'side by side'}, "${decision}" leaves the file byte-identical`, async function () {
            this.timeout(30_000);
            const { editor, file, original } = await openShape(dir, shape);
            const faulted = injectFault(local.server, fault, shape);
            const result = await runWithFault(local, fault, faulted, 'inkwell.improve');
            assert.ok(result.status === 'error' || result.status === 'cancelled', `the command reports the failure: ${JSON.stringify(result).slice(0, 300)}`);
            assert.notStrictEqual(result.reviewId, undefined, 'the failed review can still be named');
            if (decision === 'accept') {
              const accepted = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', { reviewId: result.reviewId, ifChanged: 'apply' });
              assert.strictEqual(accepted.status, 'error', JSON.stringify(accepted));
              const viaShortcut = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept');
              assert.notStrictEqual(viaShortcut.status, 'done', 'accepting without an id (Ctrl+Enter) applies nothing either');
              if (style === 'inline') await assertNoChangeToAccept(editor, result.reviewId!);
            } else {
              await closeAllWithoutSaving();
              await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId, ifChanged: 'apply' });
            }
            if (!editor.document.isClosed) assert.strictEqual(editor.document.getText(), original, 'the buffer is unchanged');
            await vscode.workspace.saveAll(false);
            assert.strictEqual(fs.readFileSync(file, 'utf8'), original, 'the file on disk is unchanged');
            const selected = vscode.window.visibleTextEditors.filter((visible) => visible.document === editor.document).flatMap((visible) => visible.selections);
            assert.ok(selected.every((selection) => selection.isEmpty), 'nothing the user wrote is left selected');
          });
        }
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
        editor.selections = [mode.command === 'inkwell.continueWriting' ? new vscode.Selection(end, end) : new vscode.Selection(document.positionAt(above.length), end)];
        await vscode.env.clipboard.writeText('what the clipboard held');
        const faulted = injectFault(local.server, fault, 'one selection');
        const result = await runWithFault(local, fault, faulted, mode.command, mode.args);
        assert.ok(result.status === 'error' || result.status === 'cancelled', JSON.stringify(result).slice(0, 300));
        const text = document.getText();
        assert.ok(text.startsWith(above + selected) && text.endsWith(below), `the user's text is intact: ${JSON.stringify(text)}`);
        const added = text.slice(above.length + selected.length, text.length - below.length);
        if (!fault.partial) assert.strictEqual(text, above + selected + below, 'nothing is added when nothing arrived');
        else if (added) assert.ok(added.trim().length > 0, 'no blank text is left behind');
        assert.ok(editor.selections.every((selection) => selection.isEmpty), 'nothing the user wrote is left selected');
        if (mode.args?.output === 'clipboard' && !fault.partial) assert.strictEqual(await vscode.env.clipboard.readText(), 'what the clipboard held');
        if (mode.args?.output === 'newDocument' && !fault.partial) {
          const shown = vscode.workspace.textDocuments.filter((open) => open.isUntitled && vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === open.uri.toString())));
          assert.ok(shown.every((open) => open.getText().trim().length > 0), 'no empty document is left open');
        }
      });
    }
  }
});
