// Checks a use case whose target comes from labels: binary, an asset column and a timestamp column, and a target name that is no column.
import type { CreateUseCaseRequest, LabelTarget } from '@shopfloor/contracts';
import type { TypedColumn } from '../ingest/index.js';
import { useCaseInvalid } from '../learn/index.js';

/** The classes such a use case stores: the derived target reads like a boolean one (negative first). */
export const LABEL_TARGET_CLASSES = ['false', 'true'];

const POSITIVE_WORDS = new Set(['true', '1', 'yes']);

function invalid(field: string, message: string, details: Record<string, unknown> = {}) {
  return useCaseInvalid('labelTarget', message, { field, ...details });
}

/** The column the setting needs, named by its field; USE_CASE_INVALID when the request leaves it out. */
function requiredColumn(byName: ReadonlyMap<string, TypedColumn>, name: string | undefined, field: 'entityColumn' | 'timeColumn', role: string): TypedColumn {
  if (name === undefined) throw invalid(field, `needs ${field}, ${role}; the request has none`);
  // The request's columns were checked to exist before this runs.
  return byName.get(name)!;
}

/**
 * USE_CASE_INVALID with part "labelTarget" and the field at fault (task, costs.kind, entityColumn,
 * timeColumn, target, costs.positiveLabel, labelTarget.classes); otherwise the classes to store.
 */
export function checkLabelTarget(req: CreateUseCaseRequest & { labelTarget: LabelTarget }, byName: ReadonlyMap<string, TypedColumn>): string[] {
  if (req.task !== 'binary') {
    throw invalid('task', `needs a binary task (a row is positive within ${req.labelTarget.horizonHours} h before a label, or not); this use case is ${req.task}`, { received: req.task });
  }
  if (req.costs.kind !== 'binary') {
    throw invalid('costs.kind', `needs binary costs; these are ${req.costs.kind}`, { received: req.costs.kind });
  }
  const entity = requiredColumn(byName, req.entityColumn, 'entityColumn', 'the column naming the asset each label is on');
  if (entity.kind === 'timestamp') {
    throw invalid('entityColumn', `column "${entity.name}" is a timestamp; it must name the asset (as labels do, e.g. press-3)`, { column: entity.name, kind: entity.kind });
  }
  const time = requiredColumn(byName, req.timeColumn, 'timeColumn', 'the time of each row, compared with label times');
  if (time.kind !== 'timestamp') {
    throw invalid('timeColumn', `column "${time.name}" is ${time.kind}; label times are instants, so the time column must be a timestamp (import it with a timezone offset or the site time zone)`, {
      column: time.name,
      kind: time.kind,
    });
  }
  if (byName.has(req.target)) {
    throw invalid('target', `"${req.target}" is a column of the dataset, but with labelTarget the target comes from labels; name the derived target otherwise (e.g. "failure within ${req.labelTarget.horizonHours} h")`, {
      column: req.target,
    });
  }
  const positive = req.costs.positiveLabel;
  if (positive !== undefined && !POSITIVE_WORDS.has(positive.trim().toLowerCase())) {
    throw invalid('costs.positiveLabel', `is "${positive}", but a target from labels has the classes false / true; leave positiveLabel out or set it to "true"`, { received: positive });
  }
  const seen = new Set<string>();
  for (const c of req.labelTarget.classes) {
    if (seen.has(c)) throw invalid('labelTarget.classes', `lists "${c}" twice`, { received: c });
    seen.add(c);
  }
  return [...LABEL_TARGET_CLASSES];
}
