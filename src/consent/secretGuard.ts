import { AsyncLocalStorage } from 'async_hooks';
import { createHash } from 'crypto';
import * as vscode from 'vscode';
import { GenerationError } from '../generation/errors';
import type { ResolvedProvider } from '../generation/generationService';
import { describeSecrets, findSecrets, removeSecrets, type SecretFinding } from '../generation/secretDetector';
import type { GenerationRequest } from '../generation/types';

/** What to do with text that holds likely secrets: the buttons of the question, and the `{ secrets }` argument of every command. */
export type SecretAnswer = 'send' | 'remove' | 'cancel';

export const secretAnswers: readonly SecretAnswer[] = ['send', 'remove', 'cancel'];

/** The answer a command was given as an argument, for every request it makes (parts, sections, alternatives). */
const presetAnswer = new AsyncLocalStorage<SecretAnswer>();

/** The `{ secrets: 'send' | 'remove' | 'cancel' }` argument, in whichever position a command takes its options. */
export function secretAnswerArg(args: readonly unknown[]): SecretAnswer | undefined {
  for (const arg of args) {
    const value = typeof arg === 'object' && arg !== null ? (arg as { secrets?: unknown }).secrets : undefined;
    if (secretAnswers.includes(value as SecretAnswer)) return value as SecretAnswer;
  }
  return undefined;
}

/** Runs `work` with the answer given in advance; without one, the user is asked. */
export function withSecretAnswer<T>(answer: SecretAnswer | undefined, work: () => T): T {
  return answer ? presetAnswer.run(answer, work) : work();
}

const buttons: Record<Exclude<SecretAnswer, 'cancel'>, string> = { send: 'Send Anyway', remove: vscode.l10n.t('Remove and Send') };

/**
 * Looks at every request just before it leaves for the model: all writing
 * commands and the chat go through the one generation service, whose
 * provider this wraps, so nothing reaches an endpoint unchecked. A secret
 * the user already decided about in this window is not asked about again
 * (the chat re-sends its history every turn); only a hash of it is kept, in
 * memory.
 */
export class SecretGuard {
  private readonly decided = new Map<string, Exclude<SecretAnswer, 'cancel'>>();
  /** One question at a time: parts sent in parallel wait for the first answer. */
  private asking: Promise<unknown> = Promise.resolve();

  constructor(private readonly enabled: () => boolean) {}

  /** The provider resolver, with every request it serves checked first. */
  wrap(resolve: () => Promise<ResolvedProvider>): () => Promise<ResolvedProvider> {
    return async () => {
      const resolved = await resolve();
      const { provider } = resolved;
      return {
        ...resolved,
        provider: {
          generate: async (request, onDelta) => provider.generate(await this.check(request), onDelta),
          listModels: (signal) => provider.listModels(signal),
        },
      };
    };
  }

  /** The request as it may be sent: unchanged, or with secrets replaced by placeholders; throws `cancelled` when it must not go. */
  async check(request: GenerationRequest): Promise<GenerationRequest> {
    if (!this.enabled()) return request;
    const scanned = request.messages.map((message) => ({ message, findings: findSecrets(message.content) }));
    const all = scanned.flatMap(({ message, findings }) =>
      findings.map((finding) => ({ finding, hash: hashOf(message.content, finding) })),
    );
    if (all.length === 0) return request;
    const preset = presetAnswer.getStore();
    const decisionFor = async (): Promise<(hash: string) => Exclude<SecretAnswer, 'cancel'>> => {
      if (preset === 'cancel') throw notSent(all.map(({ finding }) => finding));
      if (preset) return () => preset;
      const open = (): typeof all => all.filter(({ hash }) => !this.decided.has(hash));
      if (open().length > 0) {
        const answer = await this.ask(open);
        if (answer === 'cancel') throw notSent(open().map(({ finding }) => finding));
        for (const { hash } of open()) this.decided.set(hash, answer);
      }
      return (hash) => this.decided.get(hash) ?? 'send';
    };
    const decision = await decisionFor();
    return {
      ...request,
      messages: scanned.map(({ message, findings }) => {
        const removed = findings.filter((finding) => decision(hashOf(message.content, finding)) === 'remove');
        return removed.length > 0 ? { ...message, content: removeSecrets(message.content, removed) } : message;
      }),
    };
  }

  /** Asks about the findings `open()` still returns once earlier questions are answered; `send` when none is left. */
  private ask(open: () => Array<{ finding: SecretFinding }>): Promise<SecretAnswer> {
    const question = this.asking.then(async (): Promise<SecretAnswer> => {
      const findings = open().map(({ finding }) => finding);
      if (findings.length === 0) return 'send';
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The text contains what looks like {0}.', describeSecrets(findings.map((finding) => finding.kind))),
        {
          modal: true,
          detail: vscode.l10n.t(
            'Replace each one with a placeholder such as [removed: AWS key] and send, send it to the model anyway, or cancel. (Setting: inkwell.privacy.secretGuard)',
          ),
        },
        // The first button is the one Enter takes: a reflex must not send the secret.
        buttons.remove,
        buttons.send,
      );
      return choice === buttons.send ? 'send' : choice === buttons.remove ? 'remove' : 'cancel';
    });
    this.asking = question.catch(() => undefined);
    return question;
  }
}

function hashOf(text: string, finding: SecretFinding): string {
  return createHash('sha256').update(text.slice(finding.start, finding.end)).digest('hex');
}

function notSent(findings: readonly SecretFinding[]): GenerationError {
  return new GenerationError(
    'cancelled',
    vscode.l10n.t('Not sent: the text contains what looks like {0}.', describeSecrets(findings.map((finding) => finding.kind))),
  );
}
