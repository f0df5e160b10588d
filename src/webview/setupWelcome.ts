import type { SetupAction } from '../shared/protocol';
import type { WebviewStrings } from '../shared/webviewStrings';
import { button, h } from './elements';

/**
 * Shown instead of the empty transcript while nothing is configured: three
 * ways to a working model, rather than a model name that pretends one is set.
 */
export class SetupWelcome {
  readonly element: HTMLElement;

  constructor(strings: WebviewStrings, run: (action: SetupAction) => void) {
    this.element = h(
      'section',
      { class: 'setup-welcome', 'aria-labelledby': 'setup-welcome-title', hidden: true },
      h('h2', { id: 'setup-welcome-title' }, strings.welcomeTitle),
      h('p', {}, strings.welcomeIntro),
      h(
        'div',
        { class: 'setup-buttons' },
        button(strings.chooseProvider, () => run('chooseProvider'), {
          class: 'primary',
          title: strings.chooseProviderTitle,
        }),
        button(strings.useVsCodeModels, () => run('useVsCodeModels'), {
          class: 'secondary',
          title: strings.useVsCodeModelsTitle,
        }),
        button(strings.findLocalModels, () => run('findLocalModels'), {
          class: 'secondary',
          title: strings.findLocalModelsTitle,
        }),
      ),
      h('p', { class: 'setup-note' }, strings.keysNote),
    );
  }

  set shown(shown: boolean) {
    this.element.hidden = !shown;
  }
}
