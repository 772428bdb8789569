// Input names in a rule: how to write one (bare or in backticks), and the closest known name to a mistyped one.
import { KEYWORDS } from './tokenize.js';

const BARE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** `torque` stays bare; `Torque [Nm]`, keywords and names with odd characters go in backticks (a ` doubled). */
export function writeName(name: string): string {
  const keyword = (KEYWORDS as readonly string[]).includes(name.toLowerCase());
  return BARE.test(name) && !keyword ? name : `\`${name.replaceAll('`', '``')}\``;
}

/** Levenshtein distance (insert, delete, substitute each cost 1); one row of the table at a time. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitute));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The known name a user most likely meant: the same name in another case, a name it is the start of
 * (`Torque` -> `Torque [Nm]`), else the nearest by edit distance when at most a third of it differs.
 */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const sameCase = names.find((n) => n.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const prefixed = names.find((n) => n.toLowerCase().startsWith(lower) && /^[\s[(]/.test(n.slice(typed.length)));
  if (prefixed !== undefined) return prefixed;
  let best: { name: string; d: number } | undefined;
  for (const n of names) {
    const d = distance(lower, n.toLowerCase());
    if (best === undefined || d < best.d) best = { name: n, d };
  }
  return best !== undefined && best.d <= Math.max(1, Math.floor(typed.length / 3)) ? best.name : undefined;
}
