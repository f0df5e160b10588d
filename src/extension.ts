import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeyStore';
import { registerCommands } from './commands/registry';
import { ReviewManager } from './editor/reviewManager';
import { RunningOperations } from './editor/runningOperations';
import { GenerationService } from './generation/generationService';
import { providerSource } from './providerSource';

/** Wires the services and registers everything; nothing here touches the network or loads a tokenizer. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Inkwell', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const operations = new RunningOperations();
  const generation = new GenerationService(providerSource(keys), log);
  const reviews = new ReviewManager();
  context.subscriptions.push(log, operations, reviews);
  registerCommands({ context, log, keys, generation, operations, reviews });
}

export function deactivate(): void {}
