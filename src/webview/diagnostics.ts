import type { WebviewMessage } from '../shared/protocol';

/**
 * Measurements a test (or a curious developer in the webview's devtools)
 * can read from `window.inkwellDiagnostics`: how long each streamed render
 * took, and what the Content-Security-Policy blocked. Read-only figures; no
 * behaviour depends on them.
 */
class RenderStats {
  updates = 0;
  totalMs = 0;
  maxMs = 0;
  /** The last few hundred render times, to see whether they grow during an answer. */
  samples: Array<{ ms: number; tailChars: number }> = [];

  record(ms: number, tailChars: number): void {
    this.updates++;
    this.totalMs += ms;
    this.maxMs = Math.max(this.maxMs, ms);
    this.samples.push({ ms, tailChars });
    if (this.samples.length > 2000) this.samples.splice(0, this.samples.length - 2000);
  }

  reset(): void {
    this.updates = 0;
    this.totalMs = 0;
    this.maxMs = 0;
    this.samples = [];
  }
}

export const renderStats = new RenderStats();

/** Milliseconds from the page's start: when the script ran, and when the first `init` was on screen. */
export const startup: { scriptMs: number; initShownMs?: number } = { scriptMs: performance.now() };

/** CSP violations seen in this page. */
export const cspViolations: Array<{ directive: string; blockedUri: string; sample: string }> = [];

/** Records every CSP violation and reports it to the extension's log. */
export function watchCspViolations(post: (message: WebviewMessage) => void): void {
  document.addEventListener('securitypolicyviolation', (event) => {
    const violation = {
      directive: event.effectiveDirective || event.violatedDirective,
      blockedUri: event.blockedURI,
      sample: event.sample,
    };
    cspViolations.push(violation);
    post({ type: 'cspViolation', directive: violation.directive.slice(0, 200), blockedUri: violation.blockedUri.slice(0, 4000) });
  });
}

declare global {
  interface Window {
    inkwellDiagnostics?: { renderStats: RenderStats; cspViolations: typeof cspViolations; startup: typeof startup };
  }
}

window.inkwellDiagnostics = { renderStats, cspViolations, startup };
