import * as vscode from 'vscode';
import type { CommandResult } from '../commands/services';
import type { KeyLookup } from '../connection/providerSource';
import { saveEndpoint } from '../connection/profileSettings';
import { probeLocalServers, type FoundLocalServer, type LocalServerCandidate } from './localModelProbe';
import { affectsSetup, nothingConfigured } from './setupState';
import { Disposable } from '../shared/disposable';

/** A working model Inkwell can switch to without a key. */
export interface ModelOffer {
  /** `vscode` for VS Code's language models, else the local server's id. */
  source: 'vscode' | FoundLocalServer['id'];
  /** E.g. `Ollama` or `VS Code (Copilot)`. */
  label: string;
  model: string;
  /** For local servers: what `inkwell.baseUrl` becomes. */
  baseUrl?: string;
}

/** Arguments of `inkwell.findLocalModels`, replacing its quick pick. */
export interface FindLocalModelsArgs {
  /** Which offer to use: `vscode`, `ollama` or `lmstudio`; without it the user picks. */
  use?: ModelOffer['source'];
  /** The model to use from that source; default: its first. */
  model?: string;
}

/** What `inkwell.findLocalModels` resolves with. */
export interface FindLocalModelsResult extends CommandResult {
  offers: ModelOffer[];
  chosen?: ModelOffer;
}

const firstUseKey = 'inkwell.setup.firstUseOffered';

/**
 * Gets a newcomer to a working model: on the first request with nothing
 * configured it offers VS Code's language models and local servers that
 * answer, once; "Inkwell: Find Local Models" offers them again on request.
 * Nothing here runs at activation.
 */
export class SetupAssistant extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when the "nothing configured" state may have changed. */
  readonly onDidChange = this.changed.event;
  private firstUse: Promise<void> | undefined;

  constructor(
    private readonly memory: vscode.Memento,
    private readonly keys: KeyLookup,
    secrets: vscode.SecretStorage,
    private readonly log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>,
    private readonly localServers: readonly LocalServerCandidate[],
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsSetup(event)) this.changed.fire();
      }),
    );
    this.register(secrets.onDidChange(() => this.changed.fire()));
  }

  nothingConfigured(): Promise<boolean> {
    return nothingConfigured(this.keys);
  }

  /**
   * Called before a request is sent. The first time ever that nothing is
   * configured, offers what works on this machine; later calls return at once.
   */
  beforeRequest(): Promise<void> {
    if (this.memory.get<boolean>(firstUseKey)) return Promise.resolve();
    return (this.firstUse ??= this.offerOnFirstUse().finally(() => (this.firstUse = undefined)));
  }

  /** What works here without a key: VS Code's models and answering local servers, found in parallel. */
  async findOffers(): Promise<ModelOffer[]> {
    const [languageModels, servers] = await Promise.all([this.languageModelOffers(), probeLocalServers(this.localServers)]);
    const local = servers.flatMap((server) =>
      server.models.map((model): ModelOffer => ({ source: server.id, label: server.label, model, baseUrl: server.baseUrl })),
    );
    this.log.info(
      `setup: found ${languageModels.length} VS Code language model(s); local servers answering: ${servers.map((server) => `${server.label} (${server.models.length} models)`).join(', ') || 'none'}`,
    );
    return [...languageModels, ...local];
  }

  /** "Inkwell: Find Local Models": looks again and lets the user (or `args`) pick one. */
  async findLocalModels(args: FindLocalModelsArgs = {}): Promise<FindLocalModelsResult> {
    const offers = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Inkwell: looking for models on this machine…') },
      () => this.findOffers(),
    );
    if (offers.length === 0) {
      const message = vscode.l10n.t(
        'Inkwell: no local model server answered (Ollama on port 11434, LM Studio on port 1234) and VS Code offers no language models. Start Ollama or LM Studio\'s server and run "Inkwell: Find Local Models" again, or pick a service with "Inkwell: Choose Provider".',
      );
      void vscode.window.showInformationMessage(message, 'Choose Provider').then((choice) => {
        if (choice) void vscode.commands.executeCommand('inkwell.chooseProvider');
      });
      return { status: 'noInput', message, offers };
    }
    const chosen = args.use
      ? offers.find((offer) => offer.source === args.use && (!args.model || offer.model === args.model))
      : await this.pickOffer(offers, 'Inkwell: Find Local Models', vscode.l10n.t('Choose a model to use'));
    if (!chosen) {
      if (!args.use) return { status: 'cancelled', offers };
      const message = `Inkwell: ${args.model ? `"${args.model}" from ` : ''}${args.use} is not among the models found (${offers.map((offer) => `${offer.source}: ${offer.model}`).join(', ')}).`;
      return { status: 'noInput', message, offers };
    }
    const message = await this.use(chosen);
    return { status: 'done', message, offers, chosen };
  }

  /** Switches Inkwell to an offer; returns the message shown. */
  async use(offer: ModelOffer): Promise<string> {
    // The endpoint in use changes: the active profile, or the single-endpoint settings before the first.
    await saveEndpoint(
      offer.source === 'vscode'
        ? { provider: 'vscode', model: offer.model }
        : { provider: 'openai', baseUrl: offer.baseUrl, model: offer.model },
    );
    this.log.info(`setup: now using ${offer.label}, model ${offer.model}`);
    const message = vscode.l10n.t(
      'Inkwell: now using {0}, model "{1}". Change it any time with "Inkwell: Choose Provider".',
      offer.label,
      offer.model,
    );
    void vscode.window.showInformationMessage(message);
    return message;
  }

  private async offerOnFirstUse(): Promise<void> {
    if (!(await this.nothingConfigured())) return;
    await this.memory.update(firstUseKey, true);
    const offers = await this.findOffers();
    if (offers.length === 0) return;
    const chosen = await this.pickOffer(
      offers,
      vscode.l10n.t('Inkwell: no provider is set up yet'),
      vscode.l10n.t('These need no key. Pick one, or press Escape to skip'),
    );
    if (chosen) await this.use(chosen);
  }

  private async languageModelOffers(): Promise<ModelOffer[]> {
    try {
      const models = await vscode.lm.selectChatModels();
      return models.map((model) => ({ source: 'vscode', label: `VS Code (${model.vendor})`, model: model.id }));
    } catch (error) {
      this.log.warn(`setup: could not list VS Code's language models: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private async pickOffer(offers: ModelOffer[], title: string, placeHolder: string): Promise<ModelOffer | undefined> {
    const items = offers.map((offer) => ({ label: offer.model, description: offer.label, detail: offer.baseUrl, offer }));
    const chooseOther = {
      label: vscode.l10n.t('$(gear) Choose another provider…'),
      description: 'OpenAI, Azure, DeepSeek, Qwen, …',
      offer: undefined,
    };
    const picked = await vscode.window.showQuickPick([...items, chooseOther], {
      title,
      placeHolder,
      ignoreFocusOut: true,
      matchOnDescription: true,
    });
    if (picked === chooseOther) void vscode.commands.executeCommand('inkwell.chooseProvider');
    return picked?.offer;
  }
}
