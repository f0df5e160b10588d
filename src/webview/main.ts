// Placeholder for the chat webview bundle; the chat UI lands with the chat issue.
export {};
