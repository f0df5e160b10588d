import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { activateProfile, currentEndpointProfile, profileDestination, userProfiles } from '../connection/profileSettings';
import { askModal } from '../consent/scriptedConfirmation';
import { findProfile, type EndpointProfile } from '../generation/endpointProfiles';
import { chooseProvider } from './chooseProvider';
import { switchProfileArguments, type ArgumentsOf } from './commandArguments';
import type { CommandResult, InkwellCommand, Services } from './services';

/** What `inkwell.switchProfile` resolves with. */
export interface SwitchProfileResult extends CommandResult {
  /** The active profile afterwards. */
  profile?: string;
  /** The names `inkwell.profiles` holds. */
  profiles?: string[];
}

type ProfileItem = vscode.QuickPickItem & { profile?: EndpointProfile; create?: true };

/**
 * "Inkwell: Switch Profile": a quick pick of `inkwell.profiles` (the status
 * bar item and the chat header open it), with "New Profile…" at the end,
 * which runs Choose Provider for a new one. `{ profile }` replaces the pick;
 * unless the call also says `confirmed: true` the user agrees first, in a
 * modal that names where their text will go.
 */
export function switchProfileCommand(services: Services): InkwellCommand<ArgumentsOf<typeof switchProfileArguments>> {
  return {
    id: 'inkwell.switchProfile',
    args: switchProfileArguments,
    async run(args): Promise<SwitchProfileResult> {
      const profiles = userProfiles();
      const names = profiles.map((profile) => profile.name);
      const active = readConfig().activeProfile;
      if (args) {
        const wanted = findProfile(profiles, args.profile);
        if (!wanted) {
          const message = `Inkwell: there is no profile named "${args.profile}". Profiles: ${names.join(', ') || 'none yet'}.`;
          void vscode.window.showErrorMessage(message);
          return { status: 'error', category: 'badArgument', message, profiles: names, profile: active || undefined };
        }
        const allowed =
          args.confirmed ||
          wanted.name === active ||
          (await askModal(
            `Send your text to ${profileDestination(wanted)} from now on?`,
            `A command call (a script, a keybinding or another extension) asks to switch Inkwell to the profile "${wanted.name}". Allow it only if you started it.`,
            'Switch',
          ));
        if (!allowed) return { status: 'cancelled', message: 'Inkwell: the profile was not changed.', profile: active, profiles: names };
        return switchTo(services, wanted, names);
      }
      const picked = await pickProfile(profiles, active);
      if (!picked) return { status: 'cancelled', profile: active || undefined, profiles: names };
      if (picked.create) {
        const created = await chooseProvider(services, undefined, { newProfile: true });
        return { ...created, profile: readConfig().activeProfile || undefined, profiles: userProfiles().map((profile) => profile.name) };
      }
      return switchTo(services, picked.profile!, names);
    },
  };
}

async function switchTo(services: Services, profile: EndpointProfile, names: string[]): Promise<SwitchProfileResult> {
  await activateProfile(profile.name);
  services.log.info(`profile "${profile.name}" active: ${profileDestination(profile)}`);
  const message = `Inkwell: using the profile "${profile.name}" (${profileDestination(profile)}).`;
  void vscode.window.setStatusBarMessage(message, 4000);
  return { status: 'done', message, profile: profile.name, profiles: names };
}

async function pickProfile(profiles: EndpointProfile[], active: string): Promise<ProfileItem | undefined> {
  // Before the first profile is made, the endpoint in use is shown under the name it will get.
  const shown = profiles.length ? profiles : [currentEndpointProfile()];
  const items: ProfileItem[] = shown.map((profile) => ({
    label: profile.name,
    description: profile.name === active || profiles.length === 0 ? 'active' : undefined,
    detail: profileDestination(profile),
    profile,
  }));
  items.push({ label: '$(add) New Profile…', detail: 'Choose a provider for a new profile', create: true });
  return vscode.window.showQuickPick(items, {
    title: 'Inkwell: Switch Profile',
    placeHolder: 'Which endpoint should Inkwell send your text to?',
    matchOnDetail: true,
  });
}
