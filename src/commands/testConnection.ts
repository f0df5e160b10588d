import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { GenerationError } from '../generation/errors';
import { reportFailure } from './errorReporting';
import type { CommandResult, InkwellCommand, Services } from './services';

/** What "Test Connection" found, also the command's result for scripts. */
export interface ConnectionReport extends CommandResult {
  modelsMs?: number;
  models?: string[];
  completionMs?: number;
}

/**
 * "Inkwell: Test Connection": lists the models and asks for one token, so
 * users learn in seconds whether URL, key and model are right.
 */
export function testConnectionCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.testConnection',
    run: () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Inkwell: testing the connection…', cancellable: true },
        async (_progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          const { model } = readConfig();
          const report: ConnectionReport = { status: 'done' };
          let modelNote = '';
          try {
            const listStarted = Date.now();
            try {
              report.models = await services.generation.listModels(controller.signal);
              report.modelsMs = Date.now() - listStarted;
              if (report.models.length && !report.models.includes(model)) {
                modelNote = ` Note: "${model}" is not in the endpoint's model list (${report.models.slice(0, 8).join(', ')}${report.models.length > 8 ? ', …' : ''}).`;
              }
            } catch (error) {
              // Some compatible servers have no /models; the completion below is the real test.
              if (!(error instanceof GenerationError) || !['badBaseUrl', 'badRequest', 'badResponse'].includes(error.category)) throw error;
              modelNote = ' (The endpoint has no model list.)';
            }
            const completionStarted = Date.now();
            await services.generation.generate({
              messages: [{ role: 'user', content: 'Reply with the single word: ok' }],
              maxOutputTokens: 1,
              acceptTruncated: true,
              signal: controller.signal,
            });
            report.completionMs = Date.now() - completionStarted;
            const listed = report.modelsMs !== undefined ? `model list in ${report.modelsMs} ms, ` : '';
            report.message = `Inkwell: connected. ${listed}"${model}" answered in ${report.completionMs} ms.${modelNote}`;
            void vscode.window.showInformationMessage(report.message);
            return report;
          } catch (error) {
            return { ...report, ...reportFailure(services, error) };
          }
        },
      ),
  };
}
