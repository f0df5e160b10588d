import * as assert from 'assert';
import { ESLint } from 'eslint';
import * as path from 'path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The import-restriction messages ESLint reports for `code` placed at `file` in the repository. */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('The layers, as the lint enforces them', function () {
  this.timeout(30_000);

  for (const [file, code] of [
    ['src/generation/newModule.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
    ['src/prompts/newModule.ts', "import { readConfig } from '../settings/config';\nexport const x = readConfig;\n"],
    ['src/pipeline/newModule.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
    ['src/pipeline/newModule.ts', "import { chooseAlternative } from '../commands/alternatives';\nexport const x = chooseAlternative;\n"],
    ['src/shared/newModule.ts', "import type { Services } from '../commands/services';\nexport type X = Services;\n"],
    [
      'src/trackedChanges/newModule.ts',
      "import { InlineReview } from '../editor/inlineReview/inlineReview';\nexport const x = InlineReview;\n",
    ],
    ['src/chat/newModule.ts', "import { runTask } from '../commands/runTask';\nexport const x = runTask;\n"],
    ['src/commands/newModule.ts', "import type { ChatSession } from '../chat/chatSession';\nexport type X = ChatSession;\n"],
    ['src/chat/newModule.ts', "import MarkdownIt from 'markdown-it';\nexport const x = MarkdownIt;\n"],
    ['src/webview/newModule.ts', "import { readConfig } from '../settings/config';\nexport const x = readConfig;\n"],
    ['src/webview/newModule.ts', "import { ChatSession } from '../chat/chatSession';\nexport const x = ChatSession;\n"],
    ['test/unit/newModule.test.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
    ['test/unit/newModule.test.ts', "import { editorTestKit } from '../integration/editorTestKit';\nexport const x = editorTestKit;\n"],
    ['test/tooling/newModule.test.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
  ] as const) {
    it(`refuses ${code.split('\n')[0]} in ${file}`, async () => {
      assert.strictEqual((await restrictedImports(file, code)).length, 1);
    });
  }

  for (const [file, code] of [
    [
      'src/prompts/newModule.ts',
      "import { detectLanguage } from './language';\nimport type { ChatMessage } from '../generation/types';\nimport { fenceOpenedBy } from '../shared/codeBlockScanner';\nexport const x = [detectLanguage, fenceOpenedBy];\nexport type X = ChatMessage;\n",
    ],
    [
      'src/pipeline/newModule.ts',
      "import { splitText } from '../generation/textSplitter';\nimport { buildTaskMessages } from '../prompts/tasks';\nimport { planWriting } from './writingPlan';\nexport const x = [splitText, buildTaskMessages, planWriting];\n",
    ],
    [
      'src/webview/newModule.ts',
      "import type { HostMessage } from '../shared/protocol';\nimport { h } from './elements';\nexport const x = h;\nexport type X = HostMessage;\n",
    ],
    [
      'test/unit/newModule.test.ts',
      "import { seededRandom } from './kit/seededRandom';\nimport { planWriting } from '../../src/pipeline/writingPlan';\nimport { FakeOpenAIServer } from '../support/openaiServer';\nexport const x = [seededRandom, planWriting, FakeOpenAIServer];\n",
    ],
    [
      'src/chat/newModule.ts',
      "import type { CommandResult } from '../shared/commandResult';\nimport * as vscode from 'vscode';\nexport const x = vscode;\nexport type X = CommandResult;\n",
    ],
  ] as const) {
    it(`lets ${file} import from its own layer and the ones below`, async () => {
      assert.deepStrictEqual(await restrictedImports(file, code), []);
    });
  }
});

describe('The lifecycle rule, as the lint enforces it', function () {
  this.timeout(30_000);

  it('refuses a hand-kept list of disposables in src/, and points to the Disposable base', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    const code =
      "import * as vscode from 'vscode';\nexport class Owner {\n  private readonly listeners: vscode.Disposable[] = [];\n  count(): number {\n    return this.listeners.length;\n  }\n}\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, 'src/editor/newModule.ts') });
    const messages = result.messages.filter((message) => message.ruleId === 'no-restricted-syntax').map((message) => message.message);
    assert.deepStrictEqual(messages, [
      'Extend the Disposable base (src/shared/disposable.ts) and register() what the class owns, instead of keeping a list of disposables.',
    ]);
  });
});
