import * as vscode from 'vscode';
import { endpointHost } from '../generation/endpoint';
import { findPreset, providerPresets, type ProviderPreset } from '../generation/providerPresets';
import type { InkwellCommand, Services } from './services';

/** Arguments of `inkwell.chooseProvider`, replacing each question it would ask. */
export interface ChooseProviderArgs {
  preset: string;
  baseUrl?: string;
  model?: string;
  apiKey?: string;
}

const languageModelItem = { id: 'vscode', label: 'VS Code Language Models', description: 'models from installed extensions such as Copilot; no key' };

/**
 * "Inkwell: Choose Provider": fills base URL and a sensible model from a
 * preset, then asks for the key when the endpoint needs one and none is stored.
 */
export function chooseProviderCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.chooseProvider',
    async run(arg?: unknown) {
      const args: Partial<ChooseProviderArgs> = typeof arg === 'string' ? { preset: arg } : typeof arg === 'object' && arg !== null ? (arg as ChooseProviderArgs) : {};
      const presetId = args.preset ?? (await pickPreset());
      if (!presetId) return false;
      const settings = vscode.workspace.getConfiguration('inkwell');
      const global = vscode.ConfigurationTarget.Global;
      if (presetId === languageModelItem.id) {
        await settings.update('provider', 'vscode', global);
        if (args.model) await settings.update('model', args.model, global);
        return true;
      }
      const preset = findPreset(presetId);
      if (!preset) throw new Error(`Unknown provider preset "${presetId}". Known: ${providerPresets.map((p) => p.id).join(', ')}, vscode.`);
      const baseUrl = args.baseUrl ?? (preset.baseUrl || (await askBaseUrl(preset)));
      if (!baseUrl) return false;
      const model = args.model ?? (preset.model || (await askModel()));
      if (!model) return false;
      await settings.update('provider', preset.kind, global);
      await settings.update('baseUrl', baseUrl, global);
      await settings.update('model', model, global);
      services.log.info(`provider set to ${preset.label} (${endpointHost(baseUrl)}), model ${model}`);
      if (args.apiKey) {
        await services.keys.set(baseUrl, args.apiKey);
      } else if (preset.needsKey && !(await services.keys.get(baseUrl))) {
        await vscode.commands.executeCommand('inkwell.setApiKey', undefined, preset.keyHint);
      }
      void vscode.window.setStatusBarMessage(`Inkwell: using ${preset.label}, model ${model}.`, 5000);
      return true;
    },
  };
}

async function pickPreset(): Promise<string | undefined> {
  const items = [...providerPresets.map((preset) => ({ id: preset.id, label: preset.label, description: preset.description })), languageModelItem];
  const picked = await vscode.window.showQuickPick(items, { title: 'Inkwell: Choose Provider', placeHolder: 'Where should Inkwell send your text?' });
  return picked?.id;
}

function askBaseUrl(preset: ProviderPreset): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Inkwell: ${preset.label} base URL`,
    prompt: preset.kind === 'azure' ? 'Your resource endpoint, e.g. https://my-resource.openai.azure.com' : 'The API base, usually ending in /v1, e.g. http://localhost:8000/v1',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'Use an http:// or https:// URL.';
      } catch {
        return 'Enter a full URL, e.g. https://example.com/v1';
      }
    },
  });
}

function askModel(): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: 'Inkwell: model', prompt: 'The model id (for Azure: the deployment name)', ignoreFocusOut: true });
}

