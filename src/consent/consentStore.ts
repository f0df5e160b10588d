import * as vscode from 'vscode';
import { endpointOrigin } from '../generation/endpoint';
import { GenerationError } from '../generation/errors';
import { consentQuestion, withGrant, type GrantedOrigins } from './endpointConsent';
import { askModal } from './scriptedConfirmation';

const grantedKey = 'inkwell.consent.origins';

/** Where the answers are kept: the extension's global state (a `vscode.Memento`). */
export interface ConsentMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/**
 * The user's answers to "Send your text to …?", kept in global state (per
 * user, never in a workspace) so each origin is asked about once.
 */
export class EndpointConsent {
  /** One question per origin at a time, however many requests wait for it. */
  private readonly asking = new Map<string, Promise<boolean>>();

  constructor(private readonly memory: ConsentMemory) {}

  granted(): GrantedOrigins {
    const stored = this.memory.get<GrantedOrigins>(grantedKey);
    return { text: Array.isArray(stored?.text) ? stored.text : [], plainKey: Array.isArray(stored?.plainKey) ? stored.plainKey : [] };
  }

  /** Records that the user chose this endpoint (a preset, or a confirmed Choose Provider). */
  grant(baseUrl: string, unencryptedKey = false): Thenable<void> {
    return this.memory.update(grantedKey, withGrant(this.granted(), endpointOrigin(baseUrl), unencryptedKey));
  }

  /** Asks when the endpoint needs it; throws `consentDeclined` unless allowed. */
  async ensure(endpoint: { baseUrl: string; apiKey?: string }): Promise<void> {
    const question = consentQuestion(endpoint, this.granted());
    if (!question) return;
    const id = `${question.origin} ${question.unencrypted}`;
    let answer = this.asking.get(id);
    if (!answer) {
      answer = askModal(question.message, question.detail, question.allow);
      this.asking.set(id, answer);
      void answer.finally(() => this.asking.delete(id));
    }
    if (await answer) {
      await this.grant(question.origin, question.unencrypted);
      return;
    }
    throw new GenerationError(
      'consentDeclined',
      vscode.l10n.t(
        'Nothing was sent: Inkwell asks "{0}" before it sends anything there, and it was not allowed. Run the command again and choose {1} if this is the server you meant, or fix inkwell.baseUrl with "Inkwell: Choose Provider".',
        question.message,
        question.allow,
      ),
    );
  }
}
