import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ApiKeyStore } from './connection/apiKeyStore';
import { ChatViewProvider, chatPanelType, chatViewId } from './chat/chatViewProvider';
import { registerCommands } from './commands/registry';
import { readConfig } from './settings/config';
import { EndpointConsent } from './consent/consentStore';
import { InlineReviews } from './editor/inlineReview/inlineReviews';
import { ReviewManager } from './editor/reviewManager';
import { RunningOperations } from './editor/runningOperations';
import { GenerationService } from './generation/generationService';
import { redactingLog, SecretRedactor } from './generation/redaction';
import { TokenCounter, type ExactTokenizerModule } from './generation/tokenCounter';
import { defaultLocalServers, parseLocalServerList } from './onboarding/localModelProbe';
import { SetupAssistant } from './onboarding/setupAssistant';
import { openWalkthroughOnFirstRun } from './onboarding/walkthrough';
import { providerSource } from './connection/providerSource';
import { SecretGuard } from './consent/secretGuard';
import { InkwellParticipant } from './participant/inkwellParticipant';
import { registerParticipantTestCommand } from './participant/participantTestCommand';
import { migrateSingleEndpoint } from './connection/profileSettings';
import { ProfileStatusItem } from './connection/profileStatusItem';

/** Wires the services and registers everything; nothing here touches the network or loads a tokenizer. */
export function activate(context: vscode.ExtensionContext): void {
  // The core (generation, pipeline, shared) speaks through @vscode/l10n, which knows the display language only from here; no bundle is English.
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  // Every endpoint's key and header values are remembered as they are used, and never written to the log.
  const secrets = new SecretRedactor();
  const log = redactingLog(vscode.window.createOutputChannel('Inkwell', { log: true }), secrets);
  const keys = new ApiKeyStore(context.secrets);
  const operations = new RunningOperations();
  // Test hosts point the probe at their own loopback servers through the extension host's environment, which no workspace can set.
  const localServers =
    (context.extensionMode !== vscode.ExtensionMode.Production && parseLocalServerList(process.env.INKWELL_TEST_LOCAL_SERVERS)) ||
    defaultLocalServers;
  const setup = new SetupAssistant(context.globalState, keys, context.secrets, log, localServers);
  const settingsProvider = providerSource(keys, new EndpointConsent(context.globalState), secrets);
  // Every request of every command and the chat passes this one guard before it leaves.
  const secretGuard = new SecretGuard(() => readConfig().secretGuard);
  const generation = new GenerationService(
    secretGuard.wrap(async () => (await setup.beforeRequest(), settingsProvider())),
    log,
    () => readConfig().logContent,
  );
  const reviews = new ReviewManager();
  const inlineReviews = new InlineReviews();
  // A path computed at run time keeps esbuild from inlining the multi-megabyte tokenizer bundle.
  const tokenizerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'tokenizer.js').fsPath;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tokens = new TokenCounter(() => require(tokenizerPath) as ExactTokenizerModule);
  const chat = new ChatViewProvider({ context, generation, operations, log, reviews, inlineReviews, setup, tokens });
  context.subscriptions.push(
    log,
    operations,
    reviews,
    inlineReviews,
    setup,
    chat,
    new ProfileStatusItem(),
    vscode.window.registerWebviewViewProvider(chatViewId, chat),
    vscode.window.registerWebviewPanelSerializer(chatPanelType, chat),
  );
  const participant = new InkwellParticipant({ generation, operations, tokens, chat, extensionUri: context.extensionUri });
  context.subscriptions.push(participant);
  if (context.extensionMode === vscode.ExtensionMode.Test) context.subscriptions.push(registerParticipantTestCommand(participant));
  registerCommands({ context, log, keys, generation, operations, reviews, inlineReviews, tokens, chat, setup, participant });
  // Until it has run, requests read the same endpoint from the single-endpoint settings, so nothing waits for it.
  void migrateSingleEndpoint(keys).then(
    (profile) => profile && log.info(`profiles: the endpoint settings became the profile "${profile.name}"`),
    (error: unknown) => log.warn(`could not make the first profile: ${error instanceof Error ? error.message : String(error)}`),
  );
  void openWalkthroughOnFirstRun(context).then(undefined, (error: unknown) =>
    log.warn(`could not open the walkthrough: ${error instanceof Error ? error.message : String(error)}`),
  );
}

export function deactivate(): void {}
