import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';
import { settingKeys } from '../settings/config';
import { currentEndpointProfile, profileDestination } from './profileSettings';

/** The settings that decide which profile, and so which endpoint, is in use. */
const endpointSettingNames = ['profiles', 'activeProfile', 'provider', 'baseUrl', 'model'] as const;

/**
 * The status bar's profile item: the name of the endpoint in use, where it
 * sends text on hover, and a click that runs "Inkwell: Switch Profile".
 */
export class ProfileStatusItem extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('inkwell.profile', vscode.StatusBarAlignment.Right, 100));

  constructor() {
    super();
    this.item.name = 'Inkwell: profile';
    this.item.command = 'inkwell.switchProfile';
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (endpointSettingNames.some((name) => event.affectsConfiguration(`inkwell.${settingKeys[name]}`))) this.update();
      }),
    );
    this.update();
    this.item.show();
  }

  private update(): void {
    const profile = currentEndpointProfile();
    this.item.text = `$(plug) ${profile.name}`;
    this.item.tooltip = `Inkwell profile "${profile.name}": ${profileDestination(profile)}. Click to switch.`;
    this.item.accessibilityInformation = { label: `Inkwell profile: ${profile.name}. Switch profile` };
  }
}
