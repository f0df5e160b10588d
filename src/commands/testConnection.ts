import * as vscode from 'vscode';
import { readConfig, type InkwellConfig } from '../settings/config';
import { endpointFromSettings } from '../connection/providerSource';
import { keyFamilyOf } from '../generation/apiKeyFormat';
import { diagnoseConnection, type ConnectionDiagnosis, type DiagnosisCode, type StepOutcome } from '../generation/connectionDiagnosis';
import { sameOriginProbe } from '../generation/connectionProbe';
import { GenerationError } from '../generation/errors';
import { asGenerationError, reportFailure } from './errorReporting';
import type { CommandResult, InkwellCommand, Services } from './services';

/** What "Test Connection" found, also the command's result for scripts. */
export interface ConnectionReport extends CommandResult {
  modelsMs?: number;
  models?: string[];
  completionMs?: number;
  /** The mistake the failure was traced to, when the evidence named one. */
  diagnosis?: DiagnosisCode;
}

/** Failures of the model list that still leave the completion worth trying: some compatible servers have no /models. */
const listFailuresToPassOver = ['badBaseUrl', 'badRequest', 'badResponse'];

/** Failures that say nothing about the endpoint: nothing was sent, or the user stopped it. */
const undiagnosable = ['cancelled', 'consentDeclined', 'missingKey', 'redirectRefused'];

function failed(error: unknown): StepOutcome {
  const { category, details } = asGenerationError(error);
  const { status, code, serverText, networkCause } = details;
  return { ok: false, category, status, code, serverText, networkCause };
}

/**
 * "Inkwell: Test Connection": lists the models and asks for one token, so
 * users learn in seconds whether URL, key and model are right; when not, it
 * names the usual mistake behind the failure and offers its fix.
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
          const config = readConfig();
          const { model } = config;
          const report: ConnectionReport = { status: 'done' };
          let modelNote = '';
          let models: StepOutcome = { ok: true };
          let completion: StepOutcome | undefined;
          try {
            const listStarted = Date.now();
            try {
              report.models = await services.generation.listModels(controller.signal);
              report.modelsMs = Date.now() - listStarted;
              models = { ok: true, models: report.models };
              if (report.models.length && !report.models.includes(model)) {
                modelNote = ` Note: "${model}" is not in the endpoint's model list (${report.models.slice(0, 8).join(', ')}${report.models.length > 8 ? ', …' : ''}).`;
              }
            } catch (error) {
              models = failed(error);
              if (!(error instanceof GenerationError) || !listFailuresToPassOver.includes(error.category)) throw error;
              modelNote = ' (The endpoint has no model list.)';
            }
            const completionStarted = Date.now();
            try {
              await services.generation.generate({
                messages: [{ role: 'user', content: 'Reply with the single word: ok' }],
                maxOutputTokens: 1,
                acceptTruncated: true,
                signal: controller.signal,
              });
            } catch (error) {
              completion = failed(error);
              throw error;
            }
            report.completionMs = Date.now() - completionStarted;
            const listed = report.modelsMs !== undefined ? `model list in ${report.modelsMs} ms, ` : '';
            report.message = `Inkwell: connected. ${listed}"${model}" answered in ${report.completionMs} ms.${modelNote}`;
            void vscode.window.showInformationMessage(report.message);
            return report;
          } catch (error) {
            // A diagnosis that fails itself must not hide the failure it was asked about.
            const diagnosis = await diagnose(services, config, models, completion, controller.signal).catch(() => undefined);
            const shown = reportFailure(
              services,
              error,
              undefined,
              diagnosis && { ...diagnosis, setting: diagnosis.setting && `inkwell.${diagnosis.setting}` },
            );
            return { ...report, ...shown, ...(diagnosis ? { diagnosis: diagnosis.code } : {}) };
          }
        },
      ),
  };
}

/**
 * The diagnosis of a failed test. Its probes go out only when the endpoint
 * answered the test's own requests, which passed the consent question, and
 * only while the settings still name the endpoint that answered.
 */
async function diagnose(
  services: Services,
  config: InkwellConfig,
  models: StepOutcome,
  completion: StepOutcome | undefined,
  signal: AbortSignal,
): Promise<ConnectionDiagnosis | undefined> {
  const last = completion ?? models;
  if (config.provider === 'vscode' || last.ok || undiagnosable.includes(last.category)) return undefined;
  const endpoint = await endpointFromSettings(config, services.keys);
  const now = readConfig();
  const unchanged = now.baseUrl === config.baseUrl && now.provider === config.provider;
  return diagnoseConnection(
    {
      kind: endpoint.kind,
      baseUrl: endpoint.baseUrl,
      model: endpoint.model,
      azureDeployment: endpoint.azureDeployment,
      keyFamily: keyFamilyOf(endpoint.apiKey),
      models,
      completion,
    },
    unchanged ? sameOriginProbe(endpoint, signal) : async () => ({}),
  );
}
