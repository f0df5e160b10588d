import { fixActionsFor, type FixAction } from '../shared/errorActions';
import { formatString, type WebviewStrings } from '../shared/webviewStrings';
import { protocolLimits, type EditorActionKind, type MessageView } from '../shared/protocol';
import { button, h } from './elements';
import { renderMarkdown } from './markdownRenderer';
import { StreamingMarkdown } from './streamingMarkdown';

/** What the transcript's buttons ask for. */
export interface MessageListEvents {
  editorAction(action: EditorActionKind, messageId: string, codeBlock?: number): void;
  regenerate(): void;
  editAndResend(messageId: string, text: string): void;
  /** `text` is what the link shows, so the extension can tell when it names another host. */
  openLink(href: string, text: string): void;
  /** A fix button under a failed answer. */
  fixAction(action: FixAction): void;
  contentChanged(): void;
}

/** Each editor action's label, tooltip and (for a code block) tooltip, as keys of the table of strings. */
const actionLabels: ReadonlyArray<[EditorActionKind, keyof WebviewStrings, keyof WebviewStrings, keyof WebviewStrings]> = [
  ['copy', 'copy', 'copyTitle', 'copyCodeTitle'],
  ['insert', 'insert', 'insertTitle', 'insertTitle'],
  ['replace', 'replace', 'replaceTitle', 'replaceTitle'],
  ['newDocument', 'newDocument', 'newDocumentTitle', 'newDocumentTitle'],
];

/** Each fix button's label: the action's name stays the protocol's, the button says it in the display language. */
const fixLabels: Record<FixAction, keyof WebviewStrings> = {
  'Set API Key': 'fixSetApiKey',
  'Choose Provider': 'fixChooseProvider',
  'Test Connection': 'fixTestConnection',
  'Open Settings': 'fixOpenSettings',
  'Show Log': 'fixShowLog',
};

/**
 * The transcript. Finished messages are rendered once, when they arrive, and
 * never again; the streaming answer has its own renderer. Buttons act by
 * message id (and code block number): the extension holds the text.
 */
export class MessageList {
  readonly element: HTMLElement;
  private streaming: { id: string; article: HTMLElement; renderer: StreamingMarkdown } | undefined;
  private busy = false;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly events: MessageListEvents,
  ) {
    this.element = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite' });
    // Capture phase and no href on links: nothing but this handler ever acts on a click on a link.
    this.element.addEventListener('click', (event) => this.onLinkClick(event), true);
    this.element.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter') this.onLinkClick(event);
      },
      true,
    );
  }

  /** Replaces everything with these finished messages. */
  show(messages: readonly MessageView[]): void {
    this.streaming = undefined;
    this.element.replaceChildren(...messages.map((message) => this.renderFinished(message)));
    this.markLastAnswer();
  }

  get messageCount(): number {
    return this.element.children.length;
  }

  append(message: MessageView): void {
    this.element.append(this.renderFinished(message));
    this.markLastAnswer();
  }

  /** Removes a message and everything after it (regenerate, edit and resend). */
  removeFrom(messageId: string): void {
    const start = this.find(messageId);
    if (!start) return;
    while (start.nextElementSibling) start.nextElementSibling.remove();
    start.remove();
    this.markLastAnswer();
  }

  /** Starts an empty answer that streams; `text` is what already arrived (a re-shown view). */
  startStreaming(id: string, text = ''): void {
    const body = h('div', { class: 'message-body markdown' });
    const article = h(
      'article',
      { class: 'message assistant streaming', 'data-message-id': id, 'aria-busy': 'true' },
      this.roleLine('assistant'),
      body,
    );
    this.element.append(article);
    this.element.querySelector('.unanswered')?.classList.remove('unanswered');
    const renderer = new StreamingMarkdown(
      body,
      (root) => this.decorateCode(root, id),
      () => this.events.contentChanged(),
    );
    this.streaming = { id, article, renderer };
    if (text) renderer.append(text);
    this.events.contentChanged();
  }

  appendChunk(text: string): void {
    this.streaming?.renderer.append(text);
  }

  /** The streaming answer ended: render its rest and turn it into a finished message; `fixes` are the buttons for a failure. */
  finishStreaming(message: MessageView, fixes: readonly FixAction[] = []): void {
    const current = this.streaming;
    this.streaming = undefined;
    if (!current || current.id !== message.id) {
      current?.article.remove();
      const article = this.renderFinished(message, fixes);
      this.element.append(article);
      this.markLastAnswer();
      return;
    }
    current.renderer.finish();
    current.article.classList.remove('streaming');
    current.article.removeAttribute('aria-busy');
    this.addFooter(current.article, message, fixes);
    this.markLastAnswer();
    this.events.contentChanged();
  }

  /** Disables Regenerate and Edit while an answer streams. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.element.classList.toggle('busy', busy);
  }

  private find(messageId: string): Element | undefined {
    return Array.from(this.element.children).find((child) => (child as HTMLElement).dataset.messageId === messageId);
  }

  private roleLine(role: MessageView['role'], message?: MessageView): HTMLElement {
    const status =
      message?.status === 'stopped'
        ? h('span', { class: 'badge badge-stopped' }, this.strings.stopped)
        : message?.status === 'error'
          ? h('span', { class: 'badge badge-error' }, this.strings.failed)
          : undefined;
    return h('div', { class: 'message-role' }, role === 'user' ? this.strings.you : 'Inkwell', status);
  }

  private renderFinished(
    message: MessageView,
    fixes: readonly FixAction[] = message.status === 'error' ? fixActionsFor(message.errorCategory) : [],
  ): HTMLElement {
    const article = h(
      'article',
      { class: `message ${message.role} finished`, 'data-message-id': message.id },
      this.roleLine(message.role, message),
    );
    if (message.role === 'user') {
      for (const context of message.context ?? []) {
        article.append(
          h(
            'details',
            { class: 'context' },
            h('summary', { class: 'chip' }, context.label),
            h('pre', { class: 'context-text' }, context.text),
          ),
        );
      }
      if (message.text) article.append(h('div', { class: 'message-body user-text' }, message.text));
      article.append(
        h(
          'div',
          { class: 'message-actions' },
          button(this.strings.edit, () => this.beginEdit(article, message), {
            class: 'link-button edit-button',
            title: this.strings.editTitle,
          }),
          // Shown only when this question is the last message: its answer never came (e.g. VS Code was closed mid-answer).
          button(this.strings.answer, () => this.events.regenerate(), {
            class: 'link-button regenerate-button',
            title: this.strings.answerTitle,
          }),
        ),
      );
      return article;
    }
    const body = h('div', { class: 'message-body markdown' });
    const fragment = renderMarkdown(message.text, { codeIndex: 0 });
    this.decorateCode(fragment, message.id);
    body.append(fragment);
    article.append(body);
    this.addFooter(article, message, fixes);
    return article;
  }

  private addFooter(article: HTMLElement, message: MessageView, fixes: readonly FixAction[]): void {
    const badge = article.querySelector('.message-role');
    if (badge && message.status !== 'complete') article.replaceChild(this.roleLine('assistant', message), badge);
    if (message.status === 'error' && message.errorMessage) {
      const buttons = fixes.map((fix) =>
        button(this.strings[fixLabels[fix]], () => this.events.fixAction(fix), { class: 'secondary fix-button', 'data-fix': fix }),
      );
      article.append(
        h(
          'div',
          { class: 'message-error', role: 'alert' },
          h('span', {}, message.errorMessage),
          buttons.length > 0 && h('div', { class: 'fix-buttons' }, ...buttons),
        ),
      );
    }
    const actions = h('div', { class: 'message-actions' });
    if (message.text) {
      for (const [action, label, title] of actionLabels) {
        actions.append(
          button(this.strings[label], () => this.events.editorAction(action, message.id), {
            class: 'link-button',
            'data-action': action,
            title: this.strings[title],
          }),
        );
      }
    }
    actions.append(
      button(this.strings.regenerate, () => this.events.regenerate(), {
        class: 'link-button regenerate-button',
        title: this.strings.regenerateTitle,
      }),
    );
    if (message.usage) {
      actions.append(
        h(
          'span',
          { class: 'usage', title: this.strings.usageTitle },
          formatString(this.strings.usage, message.usage.promptTokens.toLocaleString(), message.usage.completionTokens.toLocaleString()),
        ),
      );
    }
    article.append(actions);
  }

  /** Only the last answer offers Regenerate and shows its token usage; a last question without answer offers Answer. */
  private markLastAnswer(): void {
    for (const marked of Array.from(this.element.querySelectorAll('.last-answer, .unanswered')))
      marked.classList.remove('last-answer', 'unanswered');
    const last = this.element.lastElementChild;
    if (last?.classList.contains('assistant')) last.classList.add('last-answer');
    else if (last?.classList.contains('user') && !this.streaming) last.classList.add('unanswered');
  }

  private decorateCode(root: ParentNode, messageId: string): void {
    for (const pre of Array.from(root.querySelectorAll<HTMLElement>('pre.code[data-code-index]'))) {
      const index = Number(pre.dataset.codeIndex);
      const toolbar = h(
        'div',
        { class: 'code-toolbar' },
        h('span', { class: 'code-lang' }, pre.dataset.lang || 'text'),
        h(
          'span',
          { class: 'code-actions' },
          ...actionLabels.map(([action, label, , codeTitle]) =>
            button(this.strings[label], () => this.events.editorAction(action, messageId, index), {
              class: 'link-button',
              'data-action': action,
              title: this.strings[codeTitle],
            }),
          ),
        ),
      );
      const block = h('div', { class: 'code-block' });
      pre.replaceWith(block);
      block.append(toolbar, pre);
    }
  }

  private beginEdit(article: HTMLElement, message: MessageView): void {
    if (this.busy || article.classList.contains('editing')) return;
    const input = h('textarea', { class: 'edit-input', 'aria-label': this.strings.editAria });
    input.value = message.text;
    const cancel = (): void => {
      editor.remove();
      article.classList.remove('editing');
    };
    const resend = (): void => {
      if (this.busy) return;
      cancel();
      this.events.editAndResend(message.id, input.value);
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        resend();
      } else if (event.key === 'Escape') {
        cancel();
      }
    });
    const editor = h(
      'div',
      { class: 'edit-box' },
      input,
      h(
        'div',
        { class: 'edit-buttons' },
        button(this.strings.send, resend, { class: 'primary' }),
        button(this.strings.cancel, cancel, { class: 'secondary' }),
      ),
    );
    article.classList.add('editing');
    article.append(editor);
    input.focus();
  }

  private onLinkClick(event: Event): void {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || !this.element.contains(link)) return;
    event.preventDefault();
    event.stopPropagation();
    const href = link.dataset.href;
    if (href) this.events.openLink(href, (link.textContent ?? '').trim().slice(0, protocolLimits.linkTextChars));
  }
}
