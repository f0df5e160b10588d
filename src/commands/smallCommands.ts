import type { InkwellCommand, Services } from './services';

/** "Inkwell: Cancel": stops every running AI operation; text already written stays. */
export function cancelCommand(services: Services): InkwellCommand {
  return { id: 'inkwell.cancel', run: async () => services.operations.cancelAll() };
}

/** "Inkwell: Show Log". */
export function showLogCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.showLog',
    run: async () => {
      services.log.show(true);
      return true;
    },
  };
}
