import type { HeaderView } from '../shared/protocol';
import { formatString, type WebviewStrings } from '../shared/webviewStrings';
import { button, h } from './elements';

/** What the header's buttons ask for. */
export interface HeaderEvents {
  pickModel(): void;
  switchProfile(): void;
  editPersona(): void;
  newChat(): void;
  showHistory(): void;
  exportConversation(): void;
}

/**
 * The chat's title line, the persona (from `inkwell.chat.systemPrompt`,
 * click to edit), the profile and the model (each click to switch). In an editor tab, which
 * has no view toolbar, it also carries New, History and Export.
 */
export class Header {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly persona: HTMLButtonElement;
  private readonly model: HTMLButtonElement;
  private readonly profile: HTMLButtonElement;
  private readonly workspaceNote: HTMLElement;
  private readonly tabButtons: HTMLElement;

  constructor(
    private readonly strings: WebviewStrings,
    events: HeaderEvents,
  ) {
    this.title = h('div', { class: 'conversation-title' });
    this.persona = button('', () => events.editPersona(), {
      class: 'persona link-button',
      title: strings.personaTitle,
    });
    this.model = button('', () => events.pickModel(), { class: 'model-button', title: strings.modelTitle });
    this.profile = button('', () => events.switchProfile(), { class: 'profile-button', title: strings.profileTitle, hidden: true });
    this.workspaceNote = h('div', { class: 'workspace-note', role: 'note', hidden: true }, strings.workspaceNote);
    this.tabButtons = h(
      'span',
      { class: 'tab-buttons', hidden: true },
      button(strings.newChat, () => events.newChat(), { class: 'secondary', title: strings.newChatTitle }),
      button(strings.history, () => events.showHistory(), { class: 'secondary', title: strings.historyTitle }),
      button(strings.exportChat, () => events.exportConversation(), { class: 'secondary', title: strings.exportChatTitle }),
    );
    this.element = h(
      'header',
      { class: 'chat-header' },
      h('div', { class: 'header-line' }, this.title, this.tabButtons),
      h('div', { class: 'header-line' }, this.persona, this.profile, this.model),
      this.workspaceNote,
    );
  }

  set(header: HeaderView): void {
    const strings = this.strings;
    this.persona.textContent = header.persona || strings.noPersona;
    this.persona.title = header.personaDetail ? formatString(strings.personaDetailTitle, header.personaDetail) : strings.personaTitle;
    this.persona.setAttribute('aria-label', formatString(strings.personaAria, header.persona || strings.personaNone));
    // With nothing set up there is no model to show or switch; the welcome below says what to do.
    this.model.hidden = header.needsSetup;
    this.model.textContent = `${header.model} ▾`;
    this.model.setAttribute('aria-label', formatString(strings.modelAria, header.model));
    // Before the first profile there is nothing to switch between.
    this.profile.hidden = header.needsSetup || !header.profile;
    this.profile.textContent = `${header.profile ?? ''} ▾`;
    this.profile.setAttribute('aria-label', formatString(strings.profileAria, header.profile ?? ''));
    // The writer did not choose these: the workspace's .vscode/settings.json did.
    const names = header.workspaceSettings.join(', ');
    this.workspaceNote.hidden = header.workspaceSettings.length === 0;
    this.workspaceNote.title = formatString(strings.workspaceNoteTitle, names);
    this.workspaceNote.setAttribute('aria-label', formatString(strings.workspaceNoteAria, names));
  }

  setTitle(title: string): void {
    this.title.textContent = title;
    this.title.title = title;
  }

  /** Editor tabs show their own New, History and Export buttons. */
  setSurface(surface: 'view' | 'panel'): void {
    this.tabButtons.hidden = surface !== 'panel';
  }
}
