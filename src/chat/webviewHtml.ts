import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/**
 * The one place the chat page is built. Everything a webview may load is
 * decided here: scripts only with a fresh nonce, styles only from the
 * extension, images only from the extension's media folder and `data:`,
 * nothing else, no command links, and markup only through DOMPurify's
 * Trusted Types policy.
 */

/** Options for any webview showing the chat: scripts on, local files limited to dist/ and media/. */
export function chatWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** 128 random bits from the OS, base64: a nonce that cannot be guessed. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * `webview.cspSource` narrowed to the media folder: each host source gets the
 * folder's path (a path ending in "/" allows that folder only), and `'self'`
 * is dropped, so images cannot come from dist/ or the workbench's origin.
 */
function mediaSources(webview: vscode.Webview, mediaUri: vscode.Uri): string {
  const folder = new URL(webview.asWebviewUri(mediaUri).toString()).pathname.replace(/\/?$/, '/');
  return webview.cspSource
    .split(/\s+/)
    .filter((source) => /^https?:\/\//.test(source))
    .map((source) => `${source.replace(/\/+$/, '')}${folder}`)
    .join(' ');
}

/** The Content-Security-Policy for the chat page. */
export function chatContentSecurityPolicy(webview: vscode.Webview, mediaUri: vscode.Uri, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${mediaSources(webview, mediaUri)} data:`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    // Only DOMPurify may turn strings into markup: any other innerHTML-style sink throws.
    "require-trusted-types-for 'script'",
    'trusted-types dompurify',
  ].join('; ');
}

/** The chat page: the stylesheet, an empty body the script fills, and the script itself. */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = createNonce()): string {
  const mediaUri = vscode.Uri.joinPath(extensionUri, 'media');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(mediaUri, 'chat.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${chatContentSecurityPolicy(webview, mediaUri, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Inkwell Chat</title>
</head>
<body>
<div id="app" class="app" aria-busy="true"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
