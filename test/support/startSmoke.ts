import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { seedWorkspace } from './devWorkspace';
import { ensureVsCodeServer } from './installVsCodeServer';
import { startVsCodeHost, type VsCodeHost } from './vscodeHost';

/**
 * `npm start -- --smoke`: what `npm start` does, checked end to end without a
 * person. Starts VS Code's server build with Inkwell on a workspace seeded
 * from the samples, opens the workbench in headless Chromium, runs
 * "Inkwell: Show Log" from the Command Palette as a user would, and waits for
 * proof that the extension activated and its command ran.
 */

const extensionId = 'inkwell-writing.inkwell';
// Where vscodeHost.ts launches Chromium from (Debian's package).
const chromiumPath = '/usr/bin/chromium';
const smokeTimeoutMs = 120_000;
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
// How the workbench reports an `activate()` that threw or a bundle that failed to load, in the page console.
const activationFailedPattern = new RegExp(`Activating extension '?${extensionId.replace('.', '\\.')}'? failed.*`, 'i');

/** The outcome of a smoke run: one line for the console, and whether it passed. */
export interface SmokeResult {
  ok: boolean;
  line: string;
}

/** Runs a command by its title from the Command Palette; the list can lag right after startup, so it retries. */
async function runFromPalette(page: Page, title: string, deadline: number): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: title }) })
    .first();
  for (;;) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 3000 });
      await input.fill(`>${title}`);
      await row.waitFor({ timeout: 3000 });
      await row.click();
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw new Error(
          `the Command Palette never listed "${title}" (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
        );
      }
    }
  }
}

/** Polls until `check` returns a value or the deadline passes. */
async function poll<T>(check: () => Promise<T | undefined>, deadline: number): Promise<T | undefined> {
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The channel the Output view shows, or undefined while the view is not open. */
function shownOutputChannel(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const picker = document.querySelector<HTMLSelectElement>('.part.panel [aria-label="Output actions"] select');
    return picker ? picker.value : undefined;
  });
}

async function checkWorkbench(host: VsCodeHost, consoleErrors: string[], sampleNames: string[], started: number): Promise<SmokeResult> {
  const { page } = host;
  const deadline = started + smokeTimeoutMs;
  const workbenchSeconds = ((Date.now() - started) / 1000).toFixed(1);

  // The Explorer listing the samples shows the workbench reached the server's file system.
  for (const name of sampleNames) {
    const listed = await page
      .locator('.explorer-folders-view .monaco-list-row', { hasText: name })
      .first()
      .waitFor({ timeout: Math.max(1000, deadline - Date.now()) })
      .then(
        () => true,
        () => false,
      );
    if (!listed) {
      return {
        ok: false,
        line: `smoke failed: the workbench opened but its Explorer never listed ${name} from the workspace; see ${host.logFile}`,
      };
    }
  }

  // Inkwell activates on its first command. Its "Show Log" shows the Output
  // channel that activate() creates, so seeing that channel proves both.
  await runFromPalette(page, 'Inkwell: Show Log', deadline);
  const outcome = await poll(async () => {
    const failure = consoleErrors.map((text) => activationFailedPattern.exec(text)?.[0]).find(Boolean);
    if (failure) {
      return { ok: false, line: `smoke failed: ${failure.trim()}` };
    }
    return (await shownOutputChannel(page)) === 'Inkwell' ? { ok: true, line: '' } : undefined;
  }, deadline);
  if (!outcome) {
    const shown = await shownOutputChannel(page);
    return {
      ok: false,
      line: `smoke failed: "Inkwell: Show Log" did not show the Inkwell channel within ${smokeTimeoutMs / 1000} s of launch (Output view shows ${shown ? `"${shown}"` : 'nothing'}); see ${host.logFile}`,
    };
  }
  if (!outcome.ok) {
    return outcome;
  }
  const totalSeconds = ((Date.now() - started) / 1000).toFixed(1);
  return {
    ok: true,
    line: `smoke passed: VS Code ${host.vscodeVersion} (server build) answered in ${workbenchSeconds} s and listed ${sampleNames.length} sample documents; Inkwell activated and "Inkwell: Show Log" showed its channel, ${totalSeconds} s after launch`,
  };
}

/** What the workbench showed when the smoke failed, beside the run's log. */
async function saveFailureScreenshot(host: VsCodeHost): Promise<void> {
  await host.page.screenshot({ path: host.logFile.replace(/\.log$/, '.png') }).catch(() => undefined);
}

/** Runs the smoke check on a throwaway workspace and server data dir; never throws. */
export async function runSmoke(): Promise<SmokeResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-smoke-'));
  const workspace = path.join(scratch, 'workspace');
  let host: VsCodeHost | undefined;
  try {
    if (!fs.existsSync(chromiumPath)) {
      return {
        ok: false,
        line: `smoke failed: the smoke opens the workbench in Chromium, and ${chromiumPath} is missing: ${sudo}apt-get install chromium`,
      };
    }
    // Installing VS Code on a first run takes a while; the figures count from its launch.
    await ensureVsCodeServer();
    const started = Date.now();
    const { copied } = seedWorkspace(workspace, path.join(scratch, 'seeded-samples.json'));
    const consoleErrors: string[] = [];
    host = await startVsCodeHost({
      label: 'smoke',
      workspaceFolder: workspace,
      onConsoleMessage: (text, type) => {
        if (type === 'error' || type === 'pageerror') {
          consoleErrors.push(text);
        }
      },
    });
    const result = await checkWorkbench(host, consoleErrors, copied, started);
    if (!result.ok) {
      await saveFailureScreenshot(host);
    }
    return result;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (host) {
      await saveFailureScreenshot(host);
    }
    return { ok: false, line: `smoke failed: ${reason}${host ? `; see ${host.logFile}` : ''}` };
  } finally {
    await host?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
