// Reads request rows into the model's feature vector, compiled once per model: names, kinds, category codes, units.
import type { GbdtModel } from '@shopfloor/gbdt';
import { ShopfloorError, type InputRow, type ModelInput } from '@shopfloor/contracts';

export interface CompiledFeature {
  name: string;
  kind: ModelInput['kind'];
  unit: string | undefined;
  /** Categorical only: level -> the code the model was trained with. */
  codes: Map<string, number> | undefined;
  levels: readonly string[] | undefined;
  /** Numeric only: the training data's range, when the use case recorded it. */
  min: number | undefined;
  max: number | undefined;
}

export interface RowReader {
  readonly features: readonly CompiledFeature[];
  /** Writes row `index`'s features into out[offset .. offset + nFeatures); throws a PREDICT_* error naming row and feature. */
  read(row: InputRow, index: number, out: Float64Array, offset: number): void;
  /** Why an answer from the vector at x[offset ..] deserves less trust: missing readings, values outside the training range. */
  concerns(x: Float64Array, offset: number): string[];
}

function describe(value: unknown): string {
  return value === null ? 'null' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Model features in the model's order, with the kind (boolean vs numeric) and unit from the use case's inputs. */
export function compileRowReader(model: Pick<GbdtModel, 'features'>, inputs: readonly ModelInput[]): RowReader {
  const byName = new Map(inputs.map((i) => [i.name, i]));
  const features: CompiledFeature[] = model.features.map((f) => {
    const input = byName.get(f.name);
    const kind = f.type === 'categorical' ? 'categorical' : input?.kind === 'boolean' ? 'boolean' : 'numeric';
    const levels = f.categories;
    const codes = levels === undefined ? undefined : new Map(levels.map((l, c) => [l, c]));
    return { name: f.name, kind, unit: input?.unit, levels, codes, min: input?.min, max: input?.max };
  });

  function typeError(index: number, f: CompiledFeature, expected: string, value: unknown): ShopfloorError {
    return new ShopfloorError('PREDICT_FEATURE_TYPE', `rows[${index}]: feature "${f.name}" must be ${expected}; got ${describe(value)}`, {
      row: index,
      feature: f.name,
      expected,
      received: value === null ? 'null' : typeof value,
    });
  }

  function code(index: number, f: CompiledFeature, value: unknown): number {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw typeError(index, f, 'one of its levels (a string)', value);
    const c = f.codes!.get(String(value));
    if (c === undefined) {
      throw new ShopfloorError('PREDICT_UNKNOWN_CATEGORY', `rows[${index}]: feature "${f.name}" has level ${JSON.stringify(String(value))}, which the model never saw (levels: ${f.levels!.slice(0, 20).join(', ')})`, {
        row: index,
        feature: f.name,
        value: String(value),
        levels: f.levels!.slice(0, 100),
      });
    }
    return c;
  }

  return {
    features,
    read(row, index, out, offset) {
      for (let j = 0; j < features.length; j++) {
        const f = features[j]!;
        if (!Object.hasOwn(row, f.name)) {
          throw new ShopfloorError('PREDICT_FEATURE_MISSING', `rows[${index}]: feature "${f.name}" is missing (send null for an unknown reading)`, { row: index, feature: f.name });
        }
        const value = row[f.name];
        let x: number;
        // null is a missing reading: the trees send it down the branch learned for missing values.
        if (value === null || value === undefined) x = Number.NaN;
        else if (f.kind === 'numeric') {
          if (typeof value !== 'number') throw typeError(index, f, 'a number', value);
          x = value;
        } else if (f.kind === 'boolean') {
          if (typeof value === 'boolean') x = value ? 1 : 0;
          else if (value === 0 || value === 1) x = value;
          else throw typeError(index, f, 'true or false', value);
        } else x = code(index, f, value);
        out[offset + j] = x;
      }
    },
    concerns(x, offset) {
      const reasons: string[] = [];
      for (let j = 0; j < features.length; j++) {
        const f = features[j]!;
        const v = x[offset + j]!;
        if (Number.isNaN(v)) reasons.push(`"${f.name}" is missing: the model took the branch it learned for missing readings`);
        else if (f.kind === 'numeric' && ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max))) {
          const unit = f.unit === undefined ? '' : ` ${f.unit}`;
          reasons.push(`"${f.name}" = ${v}${unit} is outside the training range ${f.min} to ${f.max}${unit}: the model has not seen such values`);
        }
      }
      return reasons;
    },
  };
}
