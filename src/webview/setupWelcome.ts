import type { SetupAction } from '../shared/protocol';
import { button, h } from './elements';

/**
 * Shown instead of the empty transcript while nothing is configured: three
 * ways to a working model, rather than a model name that pretends one is set.
 */
export class SetupWelcome {
  readonly element: HTMLElement;

  constructor(run: (action: SetupAction) => void) {
    this.element = h(
      'section',
      { class: 'setup-welcome', 'aria-labelledby': 'setup-welcome-title', hidden: true },
      h('h2', { id: 'setup-welcome-title' }, 'Welcome to Inkwell'),
      h('p', {}, 'Inkwell needs a model to write with, and none is set up yet. Pick one of these to start:'),
      h(
        'div',
        { class: 'setup-buttons' },
        button('Choose Provider', () => run('chooseProvider'), {
          class: 'primary',
          title: 'OpenAI, Azure, DeepSeek, Qwen, Moonshot, Zhipu, OpenRouter or any OpenAI-compatible server',
        }),
        button("Use VS Code's models", () => run('useVsCodeModels'), {
          class: 'secondary',
          title: 'Models from extensions such as GitHub Copilot; no key needed',
        }),
        button('Find Local Models', () => run('findLocalModels'), {
          class: 'secondary',
          title: 'Ollama or LM Studio on this machine; nothing leaves it',
        }),
      ),
      h('p', { class: 'setup-note' }, "Keys are kept in VS Code's secret storage, never in settings."),
    );
  }

  set shown(shown: boolean) {
    this.element.hidden = !shown;
  }
}
