import * as vscode from 'vscode';
import { apiKeyProblem, normalizeApiKey } from '../generation/apiKeyFormat';
import { keyStorageId } from '../generation/endpoint';

/**
 * API keys live only in VS Code's SecretStorage, one per endpoint origin, so
 * a key entered for one provider is never sent to another.
 */
export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(baseUrl: string): Thenable<string | undefined> {
    return this.secrets.get(keyStorageId(baseUrl));
  }

  /** Stores the key without a paste's surrounding whitespace; throws, naming the fix, for a key with whitespace or control characters inside. */
  async set(baseUrl: string, key: string): Promise<void> {
    const problem = apiKeyProblem(key);
    if (problem) throw new Error(problem);
    await this.secrets.store(keyStorageId(baseUrl), normalizeApiKey(key));
  }

  delete(baseUrl: string): Thenable<void> {
    return this.secrets.delete(keyStorageId(baseUrl));
  }
}
