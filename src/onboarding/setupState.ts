import * as vscode from 'vscode';
import { configDefaults, settingKeys } from '../settings/config';
import { parseProfiles } from '../generation/endpointProfiles';
import type { KeyLookup } from '../connection/providerSource';

/**
 * "Nothing configured", precisely: the user has chosen no provider (neither
 * `inkwell.provider` nor `inkwell.baseUrl` has a user value, the only values
 * Inkwell reads for them), no profile is listed, and no key is stored for the default endpoint's
 * origin (https://api.openai.com). Anything else is a choice the user made,
 * and Inkwell then uses it without second-guessing.
 */
export async function nothingConfigured(keys: KeyLookup): Promise<boolean> {
  const section = vscode.workspace.getConfiguration('inkwell');
  const chosen =
    ['provider', 'baseUrl'].some((name) => section.inspect(name)?.globalValue !== undefined) ||
    parseProfiles(section.inspect(settingKeys.profiles)?.globalValue).length > 0;
  if (chosen) return false;
  return !(await keys.get(configDefaults.baseUrl));
}

/** The settings whose change can end (or start) the "nothing configured" state. */
export function affectsSetup(event: vscode.ConfigurationChangeEvent): boolean {
  return ['provider', 'baseUrl', settingKeys.profiles].some((name) => event.affectsConfiguration(`inkwell.${name}`));
}
