import * as assert from 'assert';
import {
  parseWebviewMessage,
  routeWebviewMessage,
  type WebviewHandlers,
  type WebviewMessage,
  type WebviewMessageOf,
} from '../../src/shared/protocol';

describe('The webview protocol, derived from its schemas', () => {
  it('types each message by its schema, with optional fields optional, and the check accepts what the type allows', () => {
    const action: WebviewMessageOf<'editorAction'> = { type: 'editorAction', action: 'copy', messageId: 'm1' };
    const withBlock: WebviewMessageOf<'editorAction'> = { ...action, codeBlock: 2 };
    const rename: WebviewMessageOf<'renameConversation'> = { type: 'renameConversation', conversationId: 'c1' };
    for (const message of [action, withBlock, rename] satisfies WebviewMessage[])
      assert.deepStrictEqual(parseWebviewMessage(message), { ok: true, message });
  });

  it('refuses at compile time what the check refuses at run time', () => {
    // @ts-expect-error: a required field is missing
    const missing: WebviewMessageOf<'send'> = { type: 'send', requestId: 'r1', text: 'Hi' };
    // @ts-expect-error: not one of the editor actions
    const wrongAction: WebviewMessageOf<'editorAction'> = { type: 'editorAction', action: 'delete', messageId: 'm1' };
    // @ts-expect-error: no such message type
    const unknown: WebviewMessage = { type: 'format' };
    assert.strictEqual(parseWebviewMessage(missing).ok, false);
    assert.strictEqual(parseWebviewMessage(wrongAction).ok, false);
    assert.strictEqual(parseWebviewMessage(unknown).ok, false);
  });

  it('routes each message to the handler of its own type, and a handler map missing a type does not compile', async () => {
    const routed: string[] = [];
    const record = (message: WebviewMessage) => void routed.push(`${message.type}:${'requestId' in message ? message.requestId : ''}`);
    const handlers: WebviewHandlers = {
      ready: record,
      send: record,
      stop: record,
      regenerate: record,
      editAndResend: record,
      newChat: record,
      removeChip: record,
      addCurrentFile: record,
      editorAction: record,
      openLink: record,
      pickModel: record,
      switchProfile: record,
      editPersona: record,
      listHistory: record,
      openConversation: record,
      renameConversation: record,
      deleteConversation: record,
      exportConversation: record,
      fixAction: record,
      setupAction: record,
      cspViolation: record,
    };
    await routeWebviewMessage(handlers, { type: 'stop', requestId: 'r1' });
    await routeWebviewMessage(handlers, { type: 'newChat' });
    assert.deepStrictEqual(routed, ['stop:r1', 'newChat:']);
    const { cspViolation: _left, ...incomplete } = handlers;
    // @ts-expect-error: cspViolation has no handler
    const missing: WebviewHandlers = incomplete;
    assert.strictEqual('cspViolation' in missing, false);
  });
});
