import type { ChipView } from '../shared/protocol';
import { slashCommandList, type SlashCommandInfo, type SlashCommandName } from '../shared/slashCommands';
import { formatString, type WebviewStrings } from '../shared/webviewStrings';
import { button, h } from './elements';

/** What the composer asks of the page around it. */
export interface ComposerEvents {
  send(text: string, chipIds: string[]): void;
  stop(): void;
  removeChip(chipId: string): void;
  addCurrentFile(): void;
  draftChanged(text: string): void;
}

/** Where each slash command's description is in the table of strings. */
const slashDescriptions: Record<SlashCommandName, keyof WebviewStrings> = {
  summarize: 'slashSummarize',
  improve: 'slashImprove',
  translate: 'slashTranslate',
  shorter: 'slashShorter',
  longer: 'slashLonger',
  tone: 'slashTone',
  draft: 'slashDraft',
};

/**
 * The message box: context chips, the text area (Enter sends, Shift+Enter
 * is a new line), slash-command suggestions, and one button that is Send
 * while idle and Stop (or Escape) while an answer streams.
 */
export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly chipRow: HTMLElement;
  private readonly suggestions: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly notice: HTMLElement;
  private readonly announcement: HTMLElement;
  private chips: ChipView[] = [];
  private streaming = false;
  private matches: SlashCommandInfo[] = [];
  private activeMatch = 0;

  constructor(
    private readonly strings: WebviewStrings,
    private readonly events: ComposerEvents,
  ) {
    this.input = h('textarea', {
      class: 'composer-input',
      rows: '1',
      placeholder: strings.composerPlaceholder,
      'aria-label': strings.composerAria,
    });
    this.chipRow = h('div', { class: 'chip-row', 'aria-label': strings.attachedContext });
    this.suggestions = h('ul', { class: 'slash-suggestions', role: 'listbox', hidden: true });
    this.sendButton = button(strings.send, () => (this.streaming ? this.events.stop() : this.submit()), {
      class: 'primary send-button',
      title: strings.sendTitle,
    });
    this.notice = h('div', { class: 'composer-notice', role: 'status', hidden: true });
    // The selection is attached on its own as the user selects: a chip alone is easy to miss, so it is said in words too.
    this.announcement = h('div', { class: 'attach-announcement', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const addFile = button(strings.addCurrentFile, () => this.events.addCurrentFile(), {
      class: 'link-button add-file',
      title: strings.addCurrentFileTitle,
    });
    this.element = h(
      'form',
      { class: 'composer' },
      this.notice,
      this.suggestions,
      h('div', { class: 'composer-context' }, this.chipRow, addFile),
      this.announcement,
      h('div', { class: 'composer-row' }, this.input, this.sendButton),
    );
    this.element.addEventListener('submit', (event) => event.preventDefault());
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => {
      this.autosize();
      this.updateSuggestions();
      this.events.draftChanged(this.input.value);
    });
  }

  get text(): string {
    return this.input.value;
  }

  set text(value: string) {
    this.input.value = value;
    this.autosize();
  }

  focus(): void {
    this.input.focus();
  }

  setChips(chips: ChipView[]): void {
    const selection = chips.find((chip) => chip.kind === 'selection');
    if (!selection) this.announcement.textContent = '';
    else if (!this.chips.some((chip) => chip.id === selection.id)) {
      // The label is "Selection · notes.md:3" in every language (the extension's translation keeps the dot): say only where.
      const where = selection.label.replace(/^[^·]*·\s*/, '');
      this.announcement.textContent = formatString(this.strings.selectionAttached, where, selection.chars.toLocaleString());
    }
    this.chips = chips;
    this.chipRow.replaceChildren(
      ...chips.map((chip) =>
        h(
          'span',
          { class: `chip chip-${chip.kind}`, title: formatString(this.strings.chipTitle, chip.chars.toLocaleString()) },
          h('span', { class: 'chip-label' }, chip.label),
          button('×', () => this.events.removeChip(chip.id), {
            class: 'chip-remove',
            'aria-label': formatString(this.strings.removeChipAria, chip.label),
            title: this.strings.removeChip,
          }),
        ),
      ),
    );
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.sendButton.textContent = streaming ? this.strings.stop : this.strings.send;
    this.sendButton.title = streaming ? this.strings.stopTitle : this.strings.sendTitle;
    this.sendButton.classList.toggle('stop', streaming);
  }

  /** A short message above the box, e.g. why a message was not sent. */
  showNotice(text: string | undefined): void {
    this.notice.hidden = !text;
    this.notice.textContent = text ?? '';
  }

  private submit(): void {
    const text = this.input.value;
    if (!text.trim() && this.chips.length === 0) return;
    this.events.send(
      text,
      this.chips.map((chip) => chip.id),
    );
    this.input.value = '';
    this.autosize();
    this.hideSuggestions();
    this.showNotice(undefined);
    this.events.draftChanged('');
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.suggestions.hidden && this.matches.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.activeMatch = (this.activeMatch + (event.key === 'ArrowDown' ? 1 : this.matches.length - 1)) % this.matches.length;
        this.renderSuggestions();
        return;
      }
      if (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey)) {
        event.preventDefault();
        this.accept(this.matches[this.activeMatch]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        this.hideSuggestions();
        return;
      }
    }
    if (event.key === 'Escape' && this.streaming) {
      event.preventDefault();
      this.events.stop();
      return;
    }
    // IME composition uses Enter to pick characters; that must never send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (!this.streaming) this.submit();
    }
  }

  private accept(command: SlashCommandInfo): void {
    this.input.value = `/${command.name} `;
    this.hideSuggestions();
    this.input.focus();
    this.events.draftChanged(this.input.value);
  }

  private updateSuggestions(): void {
    const match = /^\/([a-z]*)$/.exec(this.input.value);
    this.matches = match ? slashCommandList.filter((command) => command.name.startsWith(match[1])) : [];
    this.activeMatch = 0;
    if (this.matches.length === 0) this.hideSuggestions();
    else this.renderSuggestions();
  }

  private renderSuggestions(): void {
    this.suggestions.hidden = false;
    this.suggestions.replaceChildren(
      ...this.matches.map((command, index) => {
        const item = h(
          'li',
          {
            class: index === this.activeMatch ? 'active' : undefined,
            role: 'option',
            'aria-selected': index === this.activeMatch ? 'true' : 'false',
          },
          h('span', { class: 'slash-name' }, `/${command.name}`),
          command.argumentHint ? h('span', { class: 'slash-argument' }, ` ${command.argumentHint}`) : undefined,
          h('span', { class: 'slash-description' }, this.strings[slashDescriptions[command.name]]),
        );
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.accept(command);
        });
        return item;
      }),
    );
  }

  private hideSuggestions(): void {
    this.suggestions.hidden = true;
    this.matches = [];
  }

  private autosize(): void {
    // Through the CSSOM: allowed by the style-src policy, unlike a style attribute.
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 240)}px`;
  }
}
