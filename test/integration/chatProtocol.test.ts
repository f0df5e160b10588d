import * as assert from 'assert';
import * as vscode from 'vscode';
import { ChatSurface } from '../../src/chat/chatSurface';
import { isHostMessage, parseWebviewMessage, protocolLimits, type HostMessage } from '../../src/shared/protocol';
import { createTestChat, type TestChat } from './chatTestKit';
import { waitFor } from './editorTestKit';

/** A webview stand-in: the test plays the page, the surface is the real one. */
function fakeWebview(): { webview: ConstructorParameters<typeof ChatSurface>[0]; received: HostMessage[]; say(message: unknown): void } {
  const emitter = new vscode.EventEmitter<unknown>();
  const received: HostMessage[] = [];
  return {
    webview: { onDidReceiveMessage: emitter.event, postMessage: async (message: HostMessage) => (received.push(message), true) },
    received,
    say: (message) => emitter.fire(message),
  };
}

describe('The chat message protocol', () => {
  describe('rejects what the webview must not send', () => {
    const bad: Array<[string, unknown]> = [
      ['a non-object', 'ready'],
      ['null', null],
      ['an array', [{ type: 'ready' }]],
      ['a message without a type', { requestId: 'a' }],
      ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
      ['a type from the other direction', { type: 'chunk', requestId: 'a', text: 'x' }],
      ['a send without its chips', { type: 'send', requestId: 'a', text: 'hi' }],
      ['a send whose text is a number', { type: 'send', requestId: 'a', text: 42, chipIds: [] }],
      ['an id that is a path', { type: 'openConversation', conversationId: '../../etc/passwd' }],
      ['a chip id with spaces', { type: 'send', requestId: 'a', text: 'hi', chipIds: ['not an id'] }],
      ['an extra field', { type: 'stop', requestId: 'a', force: true }],
      ['an unknown editor action', { type: 'editorAction', action: 'delete', messageId: 'm1' }],
      ['a negative code block number', { type: 'editorAction', action: 'copy', messageId: 'm1', codeBlock: -1 }],
      ['a fractional page size', { type: 'listHistory', requestId: 'a', query: '', offset: 0, limit: 2.5 }],
      ['a page larger than allowed', { type: 'listHistory', requestId: 'a', query: '', offset: 0, limit: protocolLimits.historyPage + 1 }],
      ['text over the size limit', { type: 'send', requestId: 'a', text: 'x'.repeat(protocolLimits.textChars + 1), chipIds: [] }],
      ['a link that is not a string', { type: 'openLink', href: { toString: 'javascript:alert(1)' }, text: 'x' }],
      ['a link without its text', { type: 'openLink', href: 'https://example.com' }],
    ];
    for (const [what, message] of bad) {
      it(`rejects ${what}`, () => {
        const result = parseWebviewMessage(message);
        assert.strictEqual(result.ok, false);
      });
    }
  });

  it('accepts every well-formed message the webview sends', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'send', requestId: 'r1', text: 'Hello', chipIds: ['c1'] },
      { type: 'stop', requestId: 'r1' },
      { type: 'regenerate', requestId: 'r2' },
      { type: 'editAndResend', requestId: 'r3', messageId: 'm-1', text: 'edited' },
      { type: 'editorAction', action: 'replace', messageId: 'm-1', codeBlock: 0 },
      { type: 'editorAction', action: 'insert', messageId: 'm-1' },
      { type: 'openLink', href: 'https://example.com', text: 'example.com' },
      { type: 'listHistory', requestId: 'h1', query: 'draft', offset: 50, limit: 50 },
      { type: 'renameConversation', conversationId: 'c-1' },
      { type: 'renameConversation', conversationId: 'c-1', title: 'New title' },
      { type: 'cspViolation', directive: 'img-src', blockedUri: 'https://tracker.example/pixel.png' },
    ];
    for (const message of good) assert.deepStrictEqual(parseWebviewMessage(message), { ok: true, message }, JSON.stringify(message));
  });

  it('tells messages from the extension apart from stray window messages in the webview', () => {
    assert.strictEqual(isHostMessage({ type: 'chunk', requestId: 'a', text: 'x' }), true);
    assert.strictEqual(isHostMessage({ type: 'ready' }), false);
    assert.strictEqual(isHostMessage('chunk'), false);
  });

  describe('at the webview boundary', () => {
    let chat: TestChat;
    beforeEach(() => (chat = createTestChat()));
    afterEach(() => chat.dispose());

    it('logs and drops a rejected message without acting on it', async () => {
      const page = fakeWebview();
      const surface = new ChatSurface(page.webview, chat.session, 'view', chat.log.channel);
      page.say({ type: 'ready' });
      await waitFor(() => page.received.length === 1, 'init');
      page.say({ type: 'deleteConversation', conversationId: '../index' });
      page.say({ type: 'executeCommand', command: 'workbench.action.quit' });
      await waitFor(() => chat.log.lines.filter((line) => line.message.includes('rejected')).length === 2, 'two rejections in the log');
      assert.match(chat.log.lines.find((line) => line.message.includes('executeCommand'))!.message, /unknown message type/);
      assert.deepStrictEqual(
        page.received.map((message) => message.type),
        ['init'],
      );
      surface.dispose();
    });

    it('sends nothing before the page says ready, then the full state first', async () => {
      const page = fakeWebview();
      const surface = new ChatSurface(page.webview, chat.session, 'view', chat.log.channel);
      chat.session.showHistory();
      page.say({ type: 'send', requestId: 'early', text: 'too soon', chipIds: [] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepStrictEqual(page.received, []);
      assert.ok(chat.log.lines.some((line) => /ignored send from a webview that has not said ready/.test(line.message)));
      page.say({ type: 'ready' });
      await waitFor(() => page.received.length > 0, 'init');
      const init = page.received[0] as HostMessage;
      assert.strictEqual(init.type, 'init');
      assert.strictEqual(init.type === 'init' && init.openHistory, true, 'the history asked for before ready opens with init');
      surface.dispose();
    });

    it('stops posting while the view is hidden and sends a fresh snapshot when it is shown again', async () => {
      const page = fakeWebview();
      const surface = new ChatSurface(page.webview, chat.session, 'view', chat.log.channel);
      page.say({ type: 'ready' });
      await waitFor(() => page.received.length === 1, 'init');
      surface.hidden();
      chat.session.showHistory();
      assert.strictEqual(page.received.length, 1);
      page.say({ type: 'ready' });
      await waitFor(() => page.received.length === 2, 'second init');
      assert.strictEqual(page.received[1].type, 'init');
      surface.dispose();
    });
  });
});
