import type { ConversationView, HostMessage } from '../shared/protocol';
import type { WebviewStrings } from '../shared/webviewStrings';
import { Composer } from './composer';
import { startup, watchCspViolations } from './diagnostics';
import { button, h } from './elements';
import { Header } from './header';
import { HistoryPanel } from './historyPanel';
import { MessageList } from './messageList';
import { ScrollFollower } from './scrollFollower';
import { SetupWelcome } from './setupWelcome';
import { HostConnection, newRequestId } from './vscodeApi';

/**
 * The chat page: wires the header, transcript, composer and history list to
 * the extension. It keeps only view state (draft, scroll, open panels) with
 * `setState`; conversations come from the extension after `ready`.
 */

const host = new HostConnection();
watchCspViolations((message) => host.post(message));

/**
 * Builds the page with the extension's strings (the page has no text of its
 * own, so nothing is shown before the first `init` brings them) and returns
 * what handles each message from then on.
 */
function startChatPage(strings: WebviewStrings): (message: HostMessage) => void {
  /** The turn in flight: its request, and the text sent (put back in the box if the extension refuses it). */
  let turn: { requestId: string; sentText?: string; started: boolean } | undefined;
  let conversation: Pick<ConversationView, 'id' | 'title'> | undefined;

  const header = new Header(strings, {
    pickModel: () => host.post({ type: 'pickModel' }),
    switchProfile: () => host.post({ type: 'switchProfile' }),
    editPersona: () => host.post({ type: 'editPersona' }),
    newChat: () => host.post({ type: 'newChat' }),
    showHistory: () => history.open('', conversation?.id),
    exportConversation: () => host.post({ type: 'exportConversation' }),
  });

  const messages = new MessageList(strings, {
    editorAction: (action, messageId, codeBlock) =>
      host.post({ type: 'editorAction', action, messageId, ...(codeBlock === undefined ? {} : { codeBlock }) }),
    regenerate: () => startTurn((requestId) => host.post({ type: 'regenerate', requestId })),
    editAndResend: (messageId, text) => startTurn((requestId) => host.post({ type: 'editAndResend', requestId, messageId, text })),
    openLink: (href, text) => host.post({ type: 'openLink', href, text }),
    fixAction: (action) => host.post({ type: 'fixAction', action }),
    contentChanged: () => contentChanged(),
  });

  const composer = new Composer(strings, {
    send: (text, chipIds) => startTurn((requestId) => host.post({ type: 'send', requestId, text, chipIds }), text),
    stop: () => turn && host.post({ type: 'stop', requestId: turn.requestId }),
    removeChip: (chipId) => host.post({ type: 'removeChip', chipId }),
    addCurrentFile: () => host.post({ type: 'addCurrentFile' }),
    draftChanged: (draft) => host.update({ draft }),
  });

  const history = new HistoryPanel(strings, {
    list: (requestId, query, offset, limit) => host.post({ type: 'listHistory', requestId, query, offset, limit }),
    open: (conversationId) => host.post({ type: 'openConversation', conversationId }),
    rename: (conversationId) => host.post({ type: 'renameConversation', conversationId }),
    remove: (conversationId) => host.post({ type: 'deleteConversation', conversationId }),
    stateChanged: (historyOpen, historyQuery) => host.update({ historyOpen, historyQuery }),
  });

  const emptyState = h('div', { class: 'empty-state' }, h('p', {}, strings.emptyAsk), h('p', {}, strings.emptyHint));
  const welcome = new SetupWelcome(strings, (action) => host.post({ type: 'setupAction', action }));
  let needsSetup = false;
  const jumpButton = button(strings.jumpToLatest, () => follower.jumpToLatest(), { class: 'jump-to-latest', hidden: true });
  const transcript = h(
    'main',
    { class: 'transcript', tabindex: '0', 'aria-label': strings.conversationLabel },
    welcome.element,
    emptyState,
    messages.element,
  );
  const follower = new ScrollFollower(transcript, jumpButton, (following) => host.update({ following }));
  follower.watch(messages.element);

  const app = document.getElementById('app')!;
  app.replaceChildren(header.element, h('div', { class: 'transcript-frame' }, transcript, jumpButton), composer.element, history.element);
  app.removeAttribute('aria-busy');
  composer.text = host.saved.draft;

  let scrollSaveTimer: ReturnType<typeof setTimeout> | undefined;
  transcript.addEventListener(
    'scroll',
    () => {
      scrollSaveTimer ??= setTimeout(() => {
        scrollSaveTimer = undefined;
        host.update({ scrollTop: transcript.scrollTop, following: follower.following });
      }, 200);
    },
    { passive: true },
  );

  function contentChanged(): void {
    welcome.shown = needsSetup && messages.messageCount === 0;
    emptyState.hidden = messages.messageCount > 0 || needsSetup;
    follower.contentChanged();
  }

  function startTurn(send: (requestId: string) => void, sentText?: string): void {
    if (turn) return;
    const requestId = newRequestId();
    turn = { requestId, sentText, started: false };
    composer.setStreaming(true);
    messages.setBusy(true);
    follower.jumpToLatest();
    send(requestId);
  }

  function endTurn(): void {
    turn = undefined;
    composer.setStreaming(false);
    messages.setBusy(false);
  }

  function showConversation(view: ConversationView): void {
    conversation = { id: view.id, title: view.title };
    header.setTitle(view.title);
    messages.show(view.messages);
    host.update({ conversationId: view.id });
  }

  function receive(message: HostMessage): void {
    switch (message.type) {
      case 'init': {
        const sameConversation = host.saved.conversationId === message.conversation.id;
        header.set(message.header);
        needsSetup = message.header.needsSetup;
        header.setSurface(message.surface);
        composer.setChips(message.chips);
        endTurn();
        showConversation(message.conversation);
        if (message.streaming) {
          turn = { requestId: message.streaming.requestId, started: true };
          composer.setStreaming(true);
          messages.setBusy(true);
          messages.startStreaming(message.streaming.messageId, message.streaming.text);
        }
        contentChanged();
        if (sameConversation && message.restoreScroll) follower.restore(host.saved.following, host.saved.scrollTop);
        else follower.jumpToLatest();
        // "Chat History" asks for every chat. A list left open is restored only when the view was hidden and shown
        // again: after a reload the saved state may predate the last changes (VS Code persists it lazily).
        if (message.openHistory) history.open('', message.conversation.id);
        else if (message.restoreScroll && host.saved.historyOpen) history.open(host.saved.historyQuery, message.conversation.id);
        else composer.focus();
        startup.initShownMs ??= performance.now();
        return;
      }
      case 'conversation':
        endTurn();
        showConversation(message.conversation);
        contentChanged();
        follower.jumpToLatest();
        return;
      case 'turnStarted':
        if (message.requestId !== turn?.requestId) return;
        turn.started = true;
        if (message.replaceFrom) messages.removeFrom(message.replaceFrom);
        if (message.userMessage) messages.append(message.userMessage);
        messages.startStreaming(message.assistantId);
        return;
      case 'chunk':
        if (message.requestId === turn?.requestId) messages.appendChunk(message.text);
        return;
      case 'done':
        if (message.requestId !== turn?.requestId) return;
        messages.finishStreaming(message.message);
        endTurn();
        return;
      case 'error':
        if (message.requestId !== turn?.requestId) return;
        if (message.answer) messages.finishStreaming(message.answer, message.actions);
        else if (!turn.started && turn.sentText !== undefined && !composer.text) composer.text = turn.sentText;
        if (!turn.started) composer.showNotice(message.message);
        endTurn();
        return;
      case 'chips':
        composer.setChips(message.chips);
        return;
      case 'header':
        header.set(message.header);
        needsSetup = message.header.needsSetup;
        contentChanged();
        return;
      case 'historyPage':
        history.receive(message);
        return;
      case 'historyChanged':
        if (history.isOpen) history.reload();
        return;
      case 'showHistory':
        history.open('', conversation?.id);
        return;
      case 'title':
        if (message.conversationId === conversation?.id) {
          conversation.title = message.title;
          header.setTitle(message.title);
        }
        return;
    }
  }
  return receive;
}

let receive: ((message: HostMessage) => void) | undefined;
host.listen((message) => {
  if (!receive && message.type === 'init' && message.strings) receive = startChatPage(message.strings);
  receive?.(message);
});
host.post({ type: 'ready' });
