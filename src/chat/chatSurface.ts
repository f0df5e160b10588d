import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type InitMessage } from '../shared/protocol';
import type { ChatPort, ChatSession } from './chatSession';
import { Disposable } from '../shared/disposable';
import { webviewStrings } from './webviewStrings';

/** The parts of a webview a surface uses, so tests can stand in for one. */
export type WebviewLike = Pick<vscode.Webview, 'onDidReceiveMessage' | 'postMessage'>;

/**
 * Connects one webview (the side view or an editor tab) to its session. It
 * is the trust boundary: every message is validated before the session sees
 * it, rejected ones are logged, and nothing is posted before the page says
 * `ready` (nor after it is hidden, until it says `ready` again).
 */
export class ChatSurface extends Disposable implements ChatPort {
  private ready = false;

  constructor(
    private readonly webview: WebviewLike,
    private readonly session: ChatSession,
    private readonly kind: InitMessage['surface'],
    private readonly log: Pick<vscode.LogOutputChannel, 'warn' | 'error'>,
  ) {
    super();
    this.register(webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
    session.attach(this);
    this.register({ dispose: () => session.detach(this) });
  }

  /** Posts when the page is listening; returns whether it was. */
  post(message: HostMessage): boolean {
    if (!this.ready) return false;
    void Promise.resolve(this.webview.postMessage(message)).then(undefined, () => undefined);
    return true;
  }

  /** A hidden view's page is unloaded; the next page says `ready` again. */
  hidden(): void {
    this.ready = false;
  }

  override dispose(): void {
    this.ready = false;
    super.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`chat: rejected a message from the webview: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = false;
      await this.session.prepare();
      // Synchronous from here: no chunk can be posted between the snapshot and `ready`.
      this.ready = true;
      this.post({ ...this.session.initMessage(this.kind), strings: webviewStrings() });
      return;
    }
    if (!this.ready) {
      this.log.warn(`chat: ignored ${message.type} from a webview that has not said ready`);
      return;
    }
    try {
      await this.session.handle(message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log.error(`chat: ${message.type} failed: ${text}`);
      if ('requestId' in message) this.post({ type: 'error', requestId: message.requestId, message: text });
      else void vscode.window.showErrorMessage(`Inkwell: ${text}`);
    }
  }
}
