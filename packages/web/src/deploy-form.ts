// The variants form's rows turned into the deployment request, with a message naming the row when one is wrong.
import type { DeploymentMode, SetDeploymentRequest } from '@shopfloor/contracts';

export interface VariantRow {
  model: string;
  mode: DeploymentMode;
  /** Split: the share as typed, in percent. */
  sharePercent: string;
  /** Canary: the steps as typed, percents separated by commas. */
  stepsPercent: string;
}

export type ParsedVariants = { ok: true; variants: SetDeploymentRequest['variants'] } | { ok: false; message: string };

export function parseVariantRows(rows: readonly VariantRow[]): ParsedVariants {
  const variants: SetDeploymentRequest['variants'] = [];
  for (const [index, row] of rows.entries()) {
    const name = `Variant ${index + 1}`;
    if (row.model === '') return { ok: false, message: `${name}: choose a version.` };
    if (row.mode === 'shadow') {
      variants.push({ model: row.model, mode: 'shadow' });
    } else if (row.mode === 'split') {
      const percent = Number(row.sharePercent.trim().replace(',', '.'));
      if (row.sharePercent.trim() === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
        return { ok: false, message: `${name}: the share must be a percentage above 0 and at most 100 (got "${row.sharePercent}").` };
      }
      variants.push({ model: row.model, mode: 'split', share: percent / 100 });
    } else {
      const parts = row.stepsPercent.split(/[,;\s]+/).filter((part) => part !== '');
      const steps = parts.map(Number);
      if (steps.length === 0 || steps.length > 10 || steps.some((s) => !Number.isFinite(s) || s <= 0 || s > 100)) {
        return { ok: false, message: `${name}: steps must be 1 to 10 percentages above 0 and at most 100 (got "${row.stepsPercent}").` };
      }
      if (steps.some((s, i) => i > 0 && s <= steps[i - 1]!)) return { ok: false, message: `${name}: canary steps must rise (got "${row.stepsPercent}").` };
      variants.push({ model: row.model, mode: 'canary', canary: { steps: steps.map((s) => s / 100) } });
    }
  }
  return { ok: true, variants };
}
