import * as assert from 'assert';
import * as vscode from 'vscode';

describe('The VS Code test host', () => {
  it('runs the Inkwell extension inside a real VS Code server build', async () => {
    // runDesktop.ts sets this: desktop VS Code has no remote, the server build always does.
    if (process.env.INKWELL_TEST_HOST !== 'desktop') {
      assert.ok(vscode.env.remoteName, 'expected the extension host of a VS Code server (remoteName set)');
    }
    const extension = vscode.extensions.getExtension('inkwell-writing.inkwell');
    assert.ok(extension, 'inkwell-writing.inkwell is not loaded as the development extension');
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
