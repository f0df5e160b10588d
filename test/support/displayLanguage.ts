import * as fs from 'fs';
import * as path from 'path';

/**
 * Puts the server build's web workbench into a display language without a
 * marketplace. The server picks the language from `--locale`, then the
 * `locale` of `<userData>/User/argv.json` (written here), then the
 * `vscode.nls.locale` cookie, then the browser's Accept-Language; but the
 * workbench only switches when a language pack for it is registered in
 * `<userData>/languagepacks.json`, otherwise it stays English and so do
 * `vscode.env.language` and every extension's manifest. Microsoft's Chinese
 * pack comes from the marketplace only, and the server's own
 * `--install-extension` does not register a pack, so this writes that file as
 * the server does when a pack is installed from the workbench, for a pack
 * with no translations: VS Code's own strings stay English, while
 * `vscode.env.language` is the language and each extension's
 * `package.nls.<language>.json` is used.
 */
export function useDisplayLanguage(serverDataDir: string, language: string): void {
  const userData = path.join(serverDataDir, 'data');
  const translations = path.join(serverDataDir, 'language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'argv.json'), JSON.stringify({ locale: language }));
  const pack = {
    [language]: {
      hash: `inkwell-test-${language}`,
      extensions: [{ extensionIdentifier: { id: `inkwell-test.language-pack-${language}` }, version: '1.0.0' }],
      translations: { vscode: translations },
      label: language,
    },
  };
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(pack));
}
