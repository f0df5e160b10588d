import * as vscode from 'vscode';
import { keyStorageId } from './generation/endpoint';

/**
 * API keys live only in VS Code's SecretStorage, one per endpoint origin, so
 * a key entered for one provider is never sent to another.
 */
export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(baseUrl: string): Thenable<string | undefined> {
    return this.secrets.get(keyStorageId(baseUrl));
  }

  set(baseUrl: string, key: string): Thenable<void> {
    return this.secrets.store(keyStorageId(baseUrl), key.trim());
  }

  delete(baseUrl: string): Thenable<void> {
    return this.secrets.delete(keyStorageId(baseUrl));
  }
}
