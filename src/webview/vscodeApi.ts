import { isHostMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';

/** What the webview keeps across hide and show with `setState`; the messages come from the extension. */
export interface ViewState {
  conversationId?: string;
  draft: string;
  /** Whether the transcript was following the stream, and where it was scrolled to when not. */
  following: boolean;
  scrollTop: number;
  historyOpen: boolean;
  historyQuery: string;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const defaultState: ViewState = { draft: '', following: true, scrollTop: 0, historyOpen: false, historyQuery: '' };

/** The typed side of `acquireVsCodeApi`: messages as the protocol defines them, state as `ViewState`. */
export class HostConnection {
  private readonly api = acquireVsCodeApi();
  private state: ViewState;

  constructor() {
    const saved = this.api.getState() as Partial<ViewState> | undefined;
    this.state = { ...defaultState, ...(typeof saved === 'object' && saved ? saved : {}) };
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** Calls `handler` for every message from the extension; other window messages are ignored. */
  listen(handler: (message: HostMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent) => {
      if (isHostMessage(event.data)) handler(event.data);
    });
  }

  get saved(): Readonly<ViewState> {
    return this.state;
  }

  update(changes: Partial<ViewState>): void {
    this.state = { ...this.state, ...changes };
    this.api.setState(this.state);
  }
}

/** Ids for requests: 96 random bits as hex, shaped as the protocol's ids (and no secure context needed). */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
