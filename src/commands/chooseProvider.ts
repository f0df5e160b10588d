import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { saveEndpoint, userProfiles } from '../connection/profileSettings';
import { EndpointConsent } from '../consent/consentStore';
import { askModal } from '../consent/scriptedConfirmation';
import { apiKeyProblem } from '../generation/apiKeyFormat';
import { endpointHost } from '../generation/endpoint';
import { languageModelsName, uniqueName, type EndpointFields } from '../generation/endpointProfiles';
import { findPreset, providerPresets, type ProviderPreset } from '../generation/providerPresets';
import { commandArguments, flag, profileName, trimmedText } from './commandArguments';
import { reportFailure } from './errorReporting';
import type { CommandResult, InkwellCommand, Services } from './services';

/** Arguments of `inkwell.chooseProvider`, replacing each question it would ask. */
export interface ChooseProviderArgs {
  preset: string;
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  /** Default `true`: end with a connection test. */
  test?: boolean;
  /** Without it, a call with arguments asks the user in a modal before it changes anything. */
  confirmed?: boolean;
  /**
   * The profile to change, or to create, and make active. Without it (and
   * without `newProfile`) the active profile changes, or, before the first
   * profile, the single-endpoint settings.
   */
  profile?: string;
  /** Create a new profile, named after the provider unless `profile` names it. */
  newProfile?: boolean;
}

/** What `inkwell.chooseProvider` resolves with. */
export interface ChooseProviderResult extends CommandResult {
  provider?: string;
  model?: string;
  /** The models the endpoint listed, when it did. */
  models?: string[];
  /** How long the test answer took. */
  completionMs?: number;
  /** The profile that was changed or created, once there are profiles. */
  profile?: string;
}

const languageModelItem = {
  id: 'vscode',
  label: languageModelsName,
  description: 'models from installed extensions such as Copilot; no key',
};
/** Listing models is a help, not a requirement: a slow endpoint must not hold the picker. */
const listTimeoutMs = 8000;

/** The preset's id alone, or `ChooseProviderArgs`. */
const chooseProviderArguments = commandArguments(
  {
    preset: trimmedText,
    baseUrl: trimmedText,
    model: trimmedText,
    apiKey: trimmedText,
    test: flag,
    confirmed: flag,
    profile: profileName,
    newProfile: flag,
  },
  ['preset'],
);

/**
 * Any extension can run this command with arguments; unless the call says
 * `{ confirmed: true }` the user agrees first, in a modal that names where
 * their text will go.
 */
function confirmScripted(args: Partial<ChooseProviderArgs>, scripted: boolean, destination: string): Promise<boolean> {
  if (!scripted || args.confirmed) return Promise.resolve(true);
  const key = args.apiKey ? ' and to store a new API key for it' : '';
  return askModal(
    `Send your text to ${destination} from now on?`,
    `A command call (a script, a keybinding or another extension) asks to change where Inkwell sends your text${key}. Allow it only if you started it.`,
    'Switch',
  );
}

const notSwitched: ChooseProviderResult = { status: 'cancelled', message: 'Inkwell: the provider was not changed.' };

/**
 * "Inkwell: Choose Provider": the service from a preset, the base URL (asked,
 * prefilled with the current one, when the preset has none), the key when
 * the endpoint needs one and none is stored, the model from the endpoint's
 * own list (or typed), and last a connection test whose result stays on
 * screen until dismissed.
 */
export function chooseProviderCommand(services: Services): InkwellCommand<Partial<ChooseProviderArgs>> {
  return { id: 'inkwell.chooseProvider', args: chooseProviderArguments, run: (given) => chooseProvider(services, given) };
}

/**
 * Choose Provider's questions and writes. `interactive` is the user's own
 * "New Profile…" (from Switch Profile): it asks every question, as the
 * command without arguments does, for a new profile.
 */
export async function chooseProvider(
  services: Services,
  given: Partial<ChooseProviderArgs> | undefined,
  interactive?: { newProfile: true },
): Promise<ChooseProviderResult> {
  const args = { ...interactive, ...given };
  // Given arguments, a script or a button is asking: it gets no dialogs, only defaults for what it left out.
  const scripted = given !== undefined;
  let creating = args.newProfile ?? false;
  let presetId = args.preset ?? (await pickPreset(creating));
  if (args.preset === undefined && presetId === newProfileItem.id) {
    creating = true;
    presetId = await pickPreset(creating);
  }
  if (!presetId) return { status: 'cancelled' };
  const label = presetId === languageModelItem.id ? languageModelItem.label : (findPreset(presetId)?.label ?? presetId);
  const target = creating && !args.profile ? await newProfileName(label, scripted) : args.profile;
  if (creating && !target) return { status: 'cancelled' };
  let saved: string | undefined;
  const save = async (changes: Partial<EndpointFields>) => (saved = (await saveEndpoint(changes, saved ?? target))?.name);
  if (presetId === languageModelItem.id) {
    const models = await languageModelIds();
    if (models.length === 0 && !args.model) {
      const message =
        'Inkwell: VS Code offers no language models here. Install and sign in to an extension that provides them (such as GitHub Copilot Chat), or choose another provider.';
      void vscode.window.showWarningMessage(message, 'Choose Provider').then((choice) => {
        if (choice) void vscode.commands.executeCommand('inkwell.chooseProvider');
      });
      return { status: 'noInput', message, models };
    }
    const suggested = readConfig().provider === 'vscode' && models.includes(readConfig().model) ? readConfig().model : models[0];
    const model = args.model ?? (scripted ? suggested : await pickModel(models, suggested, 'VS Code language model'));
    if (!model) return { status: 'cancelled' };
    if (!(await confirmScripted(args, scripted, `${languageModelItem.label} (model "${model}")`))) return notSwitched;
    await save({ provider: 'vscode', model });
    return finish(services, args, languageModelItem.label, model, models, saved);
  }
  const preset = findPreset(presetId);
  if (!preset) throw new Error(`Unknown provider preset "${presetId}". Known: ${providerPresets.map((p) => p.id).join(', ')}, vscode.`);
  const baseUrl = args.baseUrl ?? (preset.baseUrl || (await askBaseUrl(preset, readConfig().baseUrl)));
  if (!baseUrl) return { status: 'cancelled' };
  const keyProblem = args.apiKey === undefined ? undefined : apiKeyProblem(args.apiKey);
  if (keyProblem) {
    const message = `Inkwell: the provider was not changed. ${keyProblem}`;
    void vscode.window.showErrorMessage(message);
    return { status: 'error', message };
  }
  if (!(await confirmScripted(args, scripted, `${preset.label} (${baseUrl})`))) return notSwitched;
  await save({ provider: preset.kind, baseUrl });
  // Choosing the endpoint here is the answer to "Send your text to …?".
  await new EndpointConsent(services.context.globalState).grant(baseUrl);
  if (args.apiKey) {
    await services.keys.set(baseUrl, args.apiKey);
  } else if (preset.needsKey && !(await services.keys.get(baseUrl))) {
    await vscode.commands.executeCommand('inkwell.setApiKey', undefined, { hint: preset.keyHint });
  }
  let models: string[] | undefined;
  let model = args.model ?? (scripted ? preset.model || readConfig().model : undefined);
  if (!model) {
    models = await listEndpointModels(services);
    const current = readConfig().model;
    model = await pickModel(
      models ?? [],
      preset.model || current,
      `${preset.label} model`,
      preset.kind === 'azure' ? 'The deployment name' : undefined,
    );
  }
  if (!model) return { status: 'cancelled' };
  await save({ model });
  services.log.info(
    `provider set to ${preset.label} (${endpointHost(baseUrl)}), model ${model}${saved ? ` in the profile "${saved}"` : ''}`,
  );
  return finish(services, args, preset.label, model, models, saved);
}

/** Tests the new setting unless told not to, and says plainly whether it works. */
async function finish(
  services: Services,
  args: Partial<ChooseProviderArgs>,
  label: string,
  model: string,
  models: string[] | undefined,
  profile: string | undefined,
): Promise<ChooseProviderResult> {
  const result: ChooseProviderResult = { status: 'done', provider: label, model, models, profile };
  if (args.test === false) return { ...result, message: `Inkwell: using ${label}, model "${model}".` };
  const started = Date.now();
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Inkwell: testing ${label}…` }, () =>
      services.generation.generate({
        messages: [{ role: 'user', content: 'Reply with the single word: ok' }],
        maxOutputTokens: 1,
        acceptTruncated: true,
        signal: AbortSignal.timeout(60_000),
      }),
    );
  } catch (error) {
    return { ...result, ...reportFailure(services, error) };
  }
  result.completionMs = Date.now() - started;
  result.message = `Inkwell is ready: ${label}, model "${model}" answered in ${result.completionMs} ms. Try it on a sample paragraph or in the chat.`;
  // A notification with next steps, not a status-bar flash: it stays in the notification centre until dismissed.
  void vscode.window.showInformationMessage(result.message, 'Open Sample Document', 'Open Chat').then((next) => {
    if (next === 'Open Sample Document') void vscode.commands.executeCommand('inkwell.openSample');
    if (next === 'Open Chat') void vscode.commands.executeCommand('inkwell.openChat');
  });
  return result;
}

/** A name no profile has yet, after the provider; asked, prefilled, unless a call is scripted. */
async function newProfileName(label: string, scripted: boolean): Promise<string | undefined> {
  const taken = userProfiles().map((profile) => profile.name);
  const suggested = uniqueName(label, taken);
  if (scripted) return suggested;
  const typed = await vscode.window.showInputBox({
    title: 'Inkwell: New profile name',
    prompt: 'Shown in the status bar and the chat header',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (value) =>
      !value.trim()
        ? 'Enter a name.'
        : taken.some((name) => name.toLowerCase() === value.trim().toLowerCase())
          ? 'A profile has this name already.'
          : undefined,
  });
  return typed?.trim() || undefined;
}

/** The preset pick's last row once there are profiles: the choice then makes a new one instead of changing the active one. */
const newProfileItem = { id: 'newProfile', label: '$(add) New Profile…', description: 'keep the active profile as it is' };

/**
 * The provider, from the presets. With profiles the title names the one the
 * choice changes, and a last row makes a new profile instead.
 */
async function pickPreset(creating: boolean): Promise<string | undefined> {
  const { activeProfile } = readConfig();
  const offerNew = !creating && activeProfile !== '';
  const items = [
    ...providerPresets.map((preset) => ({ id: preset.id, label: preset.label, description: preset.description })),
    languageModelItem,
    ...(offerNew ? [newProfileItem] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: creating
      ? 'Inkwell: Choose Provider for a New Profile'
      : activeProfile
        ? `Inkwell: Choose Provider for "${activeProfile}"`
        : 'Inkwell: Choose Provider',
    placeHolder: 'Where should Inkwell send your text?',
  });
  return picked?.id;
}

async function languageModelIds(): Promise<string[]> {
  try {
    return [...new Set((await vscode.lm.selectChatModels()).map((model) => model.id))].sort();
  } catch {
    return [];
  }
}

/** The endpoint's `/models`, or undefined when it has none or does not answer in time. */
async function listEndpointModels(services: Services): Promise<string[] | undefined> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Inkwell: reading the model list…' },
      () => services.generation.listModels(AbortSignal.timeout(listTimeoutMs)),
    );
  } catch (error) {
    services.log.warn(
      `choose provider: no model list (${error instanceof Error ? error.message : String(error)}); asking for the model id`,
    );
    return undefined;
  }
}

type ModelItem = vscode.QuickPickItem & { model?: string };

/**
 * The models to choose from, `suggested` first; what the user types is
 * offered last as a model id of its own, so a list item that matches always
 * wins. With no list, an input box prefilled with `suggested`.
 */
async function pickModel(models: string[], suggested: string | undefined, what: string, prompt?: string): Promise<string | undefined> {
  if (models.length === 0) {
    return (
      (
        await vscode.window.showInputBox({
          title: `Inkwell: ${what}`,
          prompt: prompt ?? 'The model id',
          value: suggested,
          ignoreFocusOut: true,
        })
      )?.trim() || undefined
    );
  }
  const ordered = suggested && models.includes(suggested) ? [suggested, ...models.filter((model) => model !== suggested)] : models;
  const listed: ModelItem[] = ordered.map((model) => ({ label: model, model, description: model === suggested ? 'suggested' : undefined }));
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = `Inkwell: ${what}`;
  pick.placeholder = `${models.length} models listed by the endpoint; or type a model id`;
  pick.ignoreFocusOut = true;
  pick.items = listed;
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    // The label never contains what was typed, so VS Code's sort cannot put it above a matching model.
    pick.items =
      typed && !models.includes(typed)
        ? [...listed, { label: '$(edit) Use the model id as typed', description: typed, alwaysShow: true, model: typed }]
        : listed;
  });
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.model ?? (pick.value.trim() || undefined)));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}

function askBaseUrl(preset: ProviderPreset, current: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Inkwell: ${preset.label} base URL`,
    prompt:
      preset.kind === 'azure'
        ? 'Your resource endpoint, e.g. https://my-resource.openai.azure.com'
        : 'The API base, usually ending in /v1, e.g. http://localhost:8000/v1',
    value: current,
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
