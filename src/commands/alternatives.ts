import * as vscode from 'vscode';
import type { GenerationService } from '../generation/generationService';
import type { GenerationRequest } from '../generation/types';
import { maxAlternatives } from '../settings/config';
import { stripWrappingFence } from '../prompts/answerCleanup';

/**
 * Asks for `wanted` candidate rewrites and lets the user pick one. Uses the
 * `n` parameter; servers that ignore it (many compatible ones) get the
 * missing candidates as parallel requests. `pick` (0-based) chooses without
 * asking; undefined from the picker means the user dismissed it. `wanted`
 * is held to `maxAlternatives`, since each candidate is a paid answer.
 */
export async function chooseAlternative(
  generation: GenerationService,
  request: GenerationRequest,
  wanted: number,
  keepLeadingFence: boolean,
  pick?: number,
): Promise<string | undefined> {
  const count = Math.min(Math.max(1, Math.floor(wanted)), maxAlternatives);
  const first = await generation.generate({ ...request, n: count });
  const candidates = first.choices.filter((choice) => choice.trim()).slice(0, count);
  if (candidates.length < count) {
    const extra = await Promise.all(Array.from({ length: count - candidates.length }, () => generation.generate(request)));
    candidates.push(...extra.map((outcome) => outcome.text));
  }
  const cleaned = candidates.map((candidate) => stripWrappingFence(candidate, keepLeadingFence));
  if (pick !== undefined) return cleaned[Math.min(Math.max(0, pick), cleaned.length - 1)];
  const chosen = await vscode.window.showQuickPick(
    cleaned.map((text, index) => ({
      label: `${index + 1}. ${text.replace(/\s+/g, ' ').slice(0, 90)}`,
      detail: text.length > 90 ? text.replace(/\s+/g, ' ').slice(90, 400) : undefined,
      text,
    })),
    {
      title: `Inkwell: ${cleaned.length} alternatives`,
      placeHolder: vscode.l10n.t('Pick the version to review'),
      matchOnDetail: true,
      ignoreFocusOut: true,
    },
  );
  return chosen?.text;
}
