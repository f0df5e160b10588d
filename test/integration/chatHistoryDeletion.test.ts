import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { DeleteChatHistoryResult } from '../../src/commands/deleteChatHistory';
import { ConversationStore } from '../../src/chat/conversationStore';
import { recordingLog } from './chatTestKit';

describe('Inkwell: Delete All Chat History', () => {
  it('removes every chat the extension saved, with its attached files, when called with { confirmed: true }', async () => {
    const first = await vscode.commands.executeCommand<DeleteChatHistoryResult>('inkwell.chat.deleteAllHistory', { confirmed: true });
    assert.strictEqual(first.status, 'done');
    const directory = first.directory!;
    // Saved as another window of the extension would: into the same folder, unseen by its index.
    const other = new ConversationStore(directory, recordingLog().channel);
    for (const title of ['One', 'Two']) {
      const id = `del-${title}-${Date.now()}`;
      await other.save({
        version: 1,
        id,
        title,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        messages: [
          {
            id: `${id}-u`,
            role: 'user',
            text: 'Check this',
            status: 'complete',
            createdAt: Date.now(),
            context: [{ kind: 'file', label: 'File · plan.md', text: 'attached text' }],
          },
        ],
      });
    }
    assert.strictEqual(fs.readdirSync(directory).filter((name) => name.endsWith('.json')).length, 3, 'two chats and the index');

    const result = await vscode.commands.executeCommand<DeleteChatHistoryResult>('inkwell.chat.deleteAllHistory', { confirmed: true });
    assert.deepStrictEqual(
      { status: result.status, removed: result.removed, message: result.message },
      { status: 'done', removed: 2, message: 'Inkwell: deleted 2 saved chats.' },
    );
    assert.ok(!fs.existsSync(directory) || fs.readdirSync(directory).length === 0, 'no file is left');
  });

  it('deletes nothing and resolves cancelled when its question is not answered Delete All, or refuses a confirmation that is not true', async () => {
    const { directory } = await vscode.commands.executeCommand<DeleteChatHistoryResult>('inkwell.chat.deleteAllHistory', {
      confirmed: true,
    });
    const id = `kept-${Date.now()}`;
    await new ConversationStore(directory!, recordingLog().channel).save({
      version: 1,
      id,
      title: 'Kept',
      createdAt: Date.now(),
      updatedAt: Date.now(),
      messages: [{ id: `${id}-u`, role: 'user', text: 'Keep this', status: 'complete', createdAt: Date.now() }],
    });
    const saved = fs.readdirSync(directory!).sort();
    try {
      // The test host declines every modal, as Escape or Cancel would.
      for (const arg of [undefined, { confirmed: false }, { confirmed: 'true' }]) {
        const result = await vscode.commands.executeCommand<DeleteChatHistoryResult>('inkwell.chat.deleteAllHistory', arg);
        // A confirmation of the wrong type is an argument of the wrong shape: refused before anything is asked.
        const expected =
          arg?.confirmed === 'true'
            ? {
                status: 'error',
                category: 'badArgument',
                message: 'Inkwell: Delete All Chat History: "confirmed" must be true or false (got "true").',
              }
            : { status: 'cancelled' };
        assert.deepStrictEqual(result, expected, JSON.stringify(arg));
        assert.deepStrictEqual(fs.readdirSync(directory!).sort(), saved, `nothing deleted for ${JSON.stringify(arg)}`);
      }
    } finally {
      await vscode.commands.executeCommand('inkwell.chat.deleteAllHistory', { confirmed: true });
    }
  });

  it('is in the Command Palette under its title', async () => {
    const manifest = vscode.extensions.getExtension('inkwell-writing.inkwell')!.packageJSON as {
      contributes: { commands: Array<{ command: string; title: string }> };
    };
    assert.deepStrictEqual(
      manifest.contributes.commands.find((command) => command.command === 'inkwell.chat.deleteAllHistory'),
      { command: 'inkwell.chat.deleteAllHistory', title: 'Delete All Chat History', category: 'Inkwell' },
    );
  });
});
