import type { ConversationSummary, HistoryPageMessage } from '../shared/protocol';
import { formatString, type WebviewStrings } from '../shared/webviewStrings';
import { button, formatWhen, h } from './elements';
import { newRequestId } from './vscodeApi';

/** What the history list asks of the extension. */
export interface HistoryEvents {
  list(requestId: string, query: string, offset: number, limit: number): void;
  open(conversationId: string): void;
  rename(conversationId: string): void;
  remove(conversationId: string): void;
  stateChanged(open: boolean, query: string): void;
}

const pageSize = 50;
const searchDelayMs = 200;

/**
 * The history list: newest first, a page at a time as the reader scrolls
 * (only titles and dates travel; messages load when a chat is opened),
 * searchable by text, with rename and delete per entry.
 */
export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly sentinel: HTMLElement;
  private pendingRequest: string | undefined;
  private loaded = 0;
  private total = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private currentId: string | undefined;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly events: HistoryEvents,
  ) {
    this.search = h('input', {
      type: 'search',
      class: 'history-search',
      placeholder: strings.searchChats,
      'aria-label': strings.searchChats,
    });
    this.list = h('ul', { class: 'history-list', role: 'list' });
    this.status = h('div', { class: 'history-status', role: 'status' });
    this.sentinel = h('div', { class: 'history-sentinel' });
    this.element = h(
      'section',
      { class: 'history', hidden: true, 'aria-label': strings.historyTitle },
      h(
        'div',
        { class: 'history-header' },
        h('h2', {}, strings.history),
        this.search,
        button(strings.close, () => this.close(), { class: 'secondary history-close' }),
      ),
      this.list,
      this.sentinel,
      this.status,
    );
    this.search.addEventListener('input', () => {
      if (this.searchTimer) clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.reload(), searchDelayMs);
      this.events.stateChanged(true, this.search.value);
    });
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
    new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.loadMore();
      },
      { root: this.element },
    ).observe(this.sentinel);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(query: string, currentId?: string): void {
    this.currentId = currentId;
    this.element.hidden = false;
    this.search.value = query;
    this.reload();
    this.search.focus();
    this.events.stateChanged(true, query);
  }

  close(): void {
    // A search is for finding one chat now: the next time the list opens it shows every chat.
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.search.value = '';
    this.element.hidden = true;
    this.events.stateChanged(false, '');
  }

  /** Reloads from the first page, e.g. after a rename or delete. */
  reload(): void {
    this.loaded = 0;
    this.total = 0;
    this.list.replaceChildren();
    this.request(0);
  }

  /** The reply to one of our `listHistory` requests; stale replies are dropped. */
  receive(page: HistoryPageMessage): void {
    if (page.requestId !== this.pendingRequest) return;
    this.pendingRequest = undefined;
    if (page.offset === 0) this.list.replaceChildren();
    this.list.append(...page.items.map((item) => this.renderItem(item)));
    this.loaded = page.offset + page.items.length;
    this.total = page.total;
    this.status.textContent =
      this.total === 0
        ? this.search.value.trim()
          ? this.strings.noMatchingChats
          : this.strings.noSavedChats
        : this.total === 1
          ? this.strings.oneChat
          : formatString(this.strings.manyChats, this.total);
  }

  private loadMore(): void {
    if (this.isOpen && !this.pendingRequest && this.loaded < this.total) this.request(this.loaded);
  }

  private request(offset: number): void {
    this.pendingRequest = newRequestId();
    this.events.list(this.pendingRequest, this.search.value, offset, pageSize);
  }

  private renderItem(item: ConversationSummary): HTMLElement {
    const remove = button(
      this.strings.deleteChat,
      () => {
        // A second click within a few seconds confirms: no modal dialog for a list entry.
        if (remove.dataset.confirm) {
          this.events.remove(item.id);
          entry.remove();
          return;
        }
        remove.dataset.confirm = 'yes';
        remove.textContent = this.strings.deleteConfirm;
        setTimeout(() => {
          delete remove.dataset.confirm;
          remove.textContent = this.strings.deleteChat;
        }, 3000);
      },
      { class: 'link-button danger', title: this.strings.deleteTitle },
    );
    const open = button(
      item.title,
      () => {
        this.events.open(item.id);
        this.close();
      },
      { class: 'history-title', title: item.title },
    );
    const entry = h(
      'li',
      { class: `history-item${item.id === this.currentId ? ' current' : ''}`, 'data-conversation-id': item.id },
      open,
      h(
        'span',
        { class: 'history-meta' },
        item.messageCount === 1
          ? formatString(this.strings.historyMetaOne, formatWhen(item.updatedAt))
          : formatString(this.strings.historyMetaMany, formatWhen(item.updatedAt), item.messageCount),
      ),
      h(
        'span',
        { class: 'history-actions' },
        button(this.strings.rename, () => this.events.rename(item.id), { class: 'link-button', title: this.strings.renameTitle }),
        remove,
      ),
    );
    return entry;
  }
}
