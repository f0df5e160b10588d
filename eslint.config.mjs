// Lint rules. The restricted imports below are the architectural fence: the
// core (generation, pipeline, prompts, shared, trackedChanges) runs in plain Node (unit
// tests, a future CLI) and never imports the VS Code API or the layers built
// on it; chat/ and commands/ never import each other; the webview imports
// only shared/.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'esbuild.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Lifecycle you can see: what a class owns is registered with the Disposable base, not kept in hand-rolled lists.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }, { selector: "TSArrayType > TSTypeReference[typeName.right.name='Disposable']", message: 'Extend the Disposable base (src/shared/disposable.ts) and register() what the class owns, instead of keeping a list of disposables.' }],
    },
  },
  {
    // The core runs in plain Node: no VS Code API, and nothing from the host layers above it.
    files: ['src/generation/**/*.ts', 'src/pipeline/**/*.ts', 'src/prompts/**/*.ts', 'src/shared/**/*.ts', 'src/trackedChanges/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'generation/, pipeline/, prompts/, shared/ and trackedChanges/ must not depend on the VS Code API.' }],
        patterns: [{
          regex: '^(\\.\\./(?!(generation|pipeline|prompts|shared|trackedChanges)/)|markdown-it$)',
          message: 'generation/, pipeline/, prompts/, shared/ and trackedChanges/ import only each other: commands, chat, editor and the webview build on them, never the other way round (and markdown-it stays in the webview).',
        }],
      }],
    },
  },
  {
    files: ['src/chat/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['../commands/*', '../commands/**'], message: 'chat/ and commands/ never import each other: shared shapes live in shared/ (e.g. shared/commandResult.ts).' }, { group: ['markdown-it'], message: 'markdown-it stays in the webview; the extension side uses shared/codeBlockScanner.ts.' }],
      }],
    },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['../chat/*', '../chat/**'], message: 'chat/ and commands/ never import each other: commands reach the chat through the ChatCommandTarget in commands/services.ts.' }, { group: ['markdown-it'], message: 'markdown-it stays in the webview; the extension side uses shared/codeBlockScanner.ts.' }],
      }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview runs in a browser; talk to the extension through src/shared/protocol.ts.' }],
        patterns: [{ regex: '^\\.\\./(?!shared/)', message: 'The webview imports only shared/: it talks to the extension through src/shared/protocol.ts.' }],
      }],
    },
  },
  {
    // Test-only extensions VS Code loads as they are: CommonJS, no build step.
    files: ['test/fixtures/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Pure tests run in plain Node: no VS Code API, and not the kits built on it.
    files: ['test/unit/**/*.ts', 'test/tooling/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'test/unit and test/tooling run in plain Node: a test that needs VS Code belongs in test/integration or test/ui.' }],
        patterns: [{ group: ['../integration/*', '../ui/*'], message: 'The integration and UI kits drive VS Code; pure tests share test/unit/kit/ instead.' }],
      }],
    },
  },
);
