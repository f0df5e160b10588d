import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeyStore';
import { ChatViewProvider, chatViewId } from './chat/chatViewProvider';
import { registerCommands } from './commands/registry';
import { readConfig } from './config';
import { ReviewManager } from './editor/reviewManager';
import { RunningOperations } from './editor/runningOperations';
import { GenerationService } from './generation/generationService';
import { TokenCounter, type ExactTokenizerModule } from './generation/tokenCounter';
import { providerSource } from './providerSource';

/** Wires the services and registers everything; nothing here touches the network or loads a tokenizer. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Inkwell', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const operations = new RunningOperations();
  const generation = new GenerationService(providerSource(keys), log, () => readConfig().logContent);
  const reviews = new ReviewManager();
  // A path computed at run time keeps esbuild from inlining the multi-megabyte tokenizer bundle.
  const tokenizerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'tokenizer.js').fsPath;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tokens = new TokenCounter(() => require(tokenizerPath) as ExactTokenizerModule);
  const chat = new ChatViewProvider({ context, generation, operations, log, reviews });
  context.subscriptions.push(log, operations, reviews, chat, vscode.window.registerWebviewViewProvider(chatViewId, chat));
  registerCommands({ context, log, keys, generation, operations, reviews, tokens, chat });
}

export function deactivate(): void {}
