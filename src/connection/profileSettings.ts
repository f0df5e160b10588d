import * as vscode from 'vscode';
import { configDefaults, readConfig, settingKeys } from '../settings/config';
import { endpointHost } from '../generation/endpoint';
import {
  activeProfile,
  languageModelsName,
  editedProfile,
  findProfile,
  migratedProfile,
  parseProfiles,
  profileNameFor,
  withProfile,
  type EndpointFields,
  type EndpointProfile,
  type SingleEndpointValues,
} from '../generation/endpointProfiles';
import type { KeyLookup } from './providerSource';

/**
 * Writing the endpoint in use. Profiles and the active name are user
 * settings (application-scoped, read only from the user's value), so every
 * write goes to the global target; a workspace can neither hold nor move them.
 */
const global = vscode.ConfigurationTarget.Global;

/** The single-endpoint settings, in the order a profile lists them. */
const singleEndpointKeys = ['provider', 'baseUrl', 'model', 'extraHeaders', 'contextWindow'] as const;

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('inkwell');
}

/** The profiles as the user's settings hold them, valid entries only. */
export function userProfiles(): EndpointProfile[] {
  return parseProfiles(section().inspect(settingKeys.profiles)?.globalValue);
}

/** The single-endpoint settings as the user set them (undefined where they kept the default). */
function singleEndpointValues(): SingleEndpointValues {
  const settings = section();
  return Object.fromEntries(singleEndpointKeys.map((key) => [key, settings.inspect(settingKeys[key])?.globalValue]));
}

/**
 * The endpoint in use as a profile: the active one, or, while there are
 * none, the single-endpoint settings under the name migration would give them.
 */
export function currentEndpointProfile(): EndpointProfile {
  const config = readConfig();
  const active = activeProfile(config.profiles, config.activeProfile);
  if (active) return active;
  const fields: EndpointFields = { provider: config.provider, baseUrl: config.baseUrl, model: config.model };
  if (Object.keys(config.extraHeaders).length) fields.extraHeaders = config.extraHeaders;
  if (config.contextWindow > 0) fields.contextWindow = config.contextWindow;
  return { name: profileNameFor(fields), ...fields };
}

/**
 * Changes the endpoint in use. `profile` names the profile to change, or to
 * create from the endpoint in use, and makes it active; without it the active
 * profile changes, or, while there are none, the single-endpoint settings, as
 * before profiles. The list is written before the name, so a request in
 * between still goes wholly to the old profile.
 */
export async function saveEndpoint(changes: Partial<EndpointFields>, profile?: string): Promise<EndpointProfile | undefined> {
  const profiles = userProfiles();
  if (profile === undefined && profiles.length === 0) {
    for (const key of singleEndpointKeys) {
      if (changes[key] !== undefined) await section().update(settingKeys[key], changes[key], global);
    }
    return undefined;
  }
  // The first named profile keeps the endpoint used so far as a profile of its own: nothing is lost.
  const list = profiles.length ? profiles : [currentEndpointProfile()];
  const base = profile === undefined ? activeProfile(list, readConfig().activeProfile)! : findProfile(list, profile);
  const saved = base ? editedProfile(base, changes) : { ...currentEndpointProfile(), ...changes, name: profile!.trim() };
  if (!base) {
    // A new profile takes neither headers nor context window from another endpoint.
    if (changes.extraHeaders === undefined) delete saved.extraHeaders;
    if (changes.contextWindow === undefined) delete saved.contextWindow;
  }
  await section().update(settingKeys.profiles, withProfile(list, saved), global);
  await section().update(settingKeys.activeProfile, saved.name, global);
  return saved;
}

/** Makes `name` the active profile; undefined when no profile has that name. */
export async function activateProfile(name: string): Promise<EndpointProfile | undefined> {
  const found = findProfile(userProfiles(), name);
  if (found) await section().update(settingKeys.activeProfile, found.name, global);
  return found;
}

/**
 * Carries the single-endpoint settings of earlier versions into a first
 * profile, once: it runs only while `inkwell.profiles` was never written, and
 * leaves the old settings in place, so an earlier Inkwell still finds them.
 * The key needs no move: it is stored under the endpoint's origin, which the
 * profile keeps.
 */
export async function migrateSingleEndpoint(keys: KeyLookup): Promise<EndpointProfile | undefined> {
  const existing = section().inspect(settingKeys.profiles)?.globalValue;
  if (existing !== undefined) return undefined;
  const defaults = {
    provider: configDefaults.provider,
    baseUrl: configDefaults.baseUrl,
    model: configDefaults.model,
    extraHeaders: configDefaults.extraHeaders,
    contextWindow: configDefaults.contextWindow,
  };
  const profile = migratedProfile(existing, singleEndpointValues(), defaults, Boolean(await keys.get(configDefaults.baseUrl)));
  if (!profile) return undefined;
  await section().update(settingKeys.profiles, [profile], global);
  await section().update(settingKeys.activeProfile, profile.name, global);
  return profile;
}

/** Where a profile sends text, in a few words. */
export function profileDestination(profile: EndpointProfile): string {
  const where = profile.provider === 'vscode' ? languageModelsName : endpointHost(profile.baseUrl);
  return `${where}, model "${profile.model}"`;
}
