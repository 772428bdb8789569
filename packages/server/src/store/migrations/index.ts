// The migration set, in code: one ordered list shared by both backends (names sort in apply order).
import type { Migration, MigrationProvider } from 'kysely';
import type { Backend } from '../connect.js';
import { initialMigration } from './001-initial.js';
import { labelsMigration } from './002-labels.js';
import { registryMigration } from './003-registry.js';
import { evaluationSetsMigration } from './004-evaluation-sets.js';
import { gatesMigration } from './005-gates.js';
import { sensorsReadingsMigration } from './006-sensors-readings.js';
import { robustnessMigration } from './007-robustness.js';
import { fallbackRulesMigration } from './008-fallback-rules.js';
import { companionModelsMigration } from './009-companion-models.js';
import { predictionLogMigration } from './010-prediction-log.js';
import { deploymentsMigration } from './011-deployments.js';
import { alertsMigration } from './012-alerts.js';
import { readingRollupsMigration } from './013-reading-rollups.js';
import { streamingScoringMigration } from './014-streaming-scoring.js';
import { servingPolicyMigration } from './015-serving-policy.js';
import { predictionLogIndexMigration } from './016-prediction-log-index.js';
import { predictionShadowIndexMigration } from './017-prediction-shadow-index.js';

export function migrationProvider(backend: Backend): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-initial': initialMigration(backend),
        '002-labels': labelsMigration(),
        '003-registry': registryMigration(),
        '004-evaluation-sets': evaluationSetsMigration(),
        '005-gates': gatesMigration(),
        '006-sensors-readings': sensorsReadingsMigration(),
        '007-robustness': robustnessMigration(),
        '008-fallback-rules': fallbackRulesMigration(),
        '009-companion-models': companionModelsMigration(),
        '010-prediction-log': predictionLogMigration(),
        '011-deployments': deploymentsMigration(),
        '012-alerts': alertsMigration(),
        '013-reading-rollups': readingRollupsMigration(),
        '014-streaming-scoring': streamingScoringMigration(),
        '015-serving-policy': servingPolicyMigration(),
        '016-prediction-log-index': predictionLogIndexMigration(),
        '017-prediction-shadow-index': predictionShadowIndexMigration(),
      };
    },
  };
}
