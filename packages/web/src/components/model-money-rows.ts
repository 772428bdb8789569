// What each outcome of a use case's decision costs, in plant words, from its cost settings (the same rules the server's decide/ stage prices with).
import type { Costs, UseCase } from '@shopfloor/contracts';

export interface OutcomeCost {
  /** e.g. "Alarm, and the failure was coming" */
  outcome: string;
  cost: number;
  /** true when the model got it right */
  right: boolean;
}

/** Binary and regression: the four outcomes of act / do not act against what was true; multiclass: one row per class pair that costs. */
export function outcomeCosts(useCase: Pick<UseCase, 'target'>, costs: Costs): OutcomeCost[] {
  switch (costs.kind) {
    case 'binary': {
      const action = costs.actionName;
      const event = useCase.target;
      return [
        { outcome: `${capital(action)}, and ${event} was coming (caught in time)`, cost: costs.missCosts - costs.trueAlarmSaves, right: true },
        { outcome: `${capital(action)}, but the machine was fine (false alarm)`, cost: costs.falseAlarmCosts, right: false },
        { outcome: `No ${action}, and ${event} happened (missed)`, cost: costs.missCosts, right: false },
        { outcome: `No ${action}, and the machine was fine`, cost: 0, right: true },
      ];
    }
    case 'regression': {
      const action = costs.actionName;
      const past = `${useCase.target} ${costs.actWhen} ${costs.actionThreshold}`;
      return [
        { outcome: `${capital(action)} when ${past} (in time)`, cost: costs.timelyActionCosts, right: true },
        { outcome: `${capital(action)} too early (${useCase.target} was not ${costs.actWhen} ${costs.actionThreshold})`, cost: costs.earlyActionCosts, right: false },
        { outcome: `No ${action}, but ${past} (too late)`, cost: costs.lateActionCosts, right: false },
        { outcome: `No ${action}, and none was needed`, cost: 0, right: true },
      ];
    }
    case 'multiclass':
      return costs.classes.flatMap((truth, t) =>
        costs.classes.map((decided, d) => ({
          outcome: t === d ? `Decided ${decided}, and it was ${truth}` : `Decided ${decided}, but it was ${truth}`,
          cost: costs.matrix[t]?.[d] ?? 0,
          right: t === d,
        })),
      );
  }
}

/** Saving per month at `volume` predictions a month from per-1,000 figures; null for a volume that is not a positive number. */
export function monthlySaving(savingPer1000: number, volume: number): number | null {
  return Number.isFinite(volume) && volume > 0 ? (savingPer1000 * volume) / 1000 : null;
}

function capital(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
