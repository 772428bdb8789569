// openStore: one object holding the typed repositories over SQLite or PostgreSQL, plus migrate, ping and transactions.
import { Migrator, sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import { describeLocation, openDatabase, parseStoreUrl, withSchema, type Backend } from './connect.js';
import type { Database } from './schema.js';
import { apiTokensRepo, type ApiTokensRepo } from './repos/api-tokens.js';
import { artifactsRepo, type ArtifactsRepo } from './repos/artifacts.js';
import { auditLogRepo, type AuditLogRepo } from './repos/audit-log.js';
import { datasetVersionsRepo, datasetsRepo, type DatasetVersionsRepo, type DatasetsRepo } from './repos/datasets.js';
import { modelAliasesRepo, type ModelAliasesRepo } from './repos/model-aliases.js';
import { aliasEventsRepo, type AliasEventsRepo } from './repos/model-alias-events.js';
import { knownLimitsRepo, type KnownLimitsRepo } from './repos/model-known-limits.js';
import { modelVersionsRepo, type ModelVersionsRepo } from './repos/model-versions.js';
import { useCasesRepo, type UseCasesRepo } from './repos/use-cases.js';
import { usersRepo, type UsersRepo } from './repos/users.js';
import { labelsRepo, type LabelsRepo } from './repos/labels.js';
import { evaluationSetsRepo, type EvaluationSetsRepo } from './repos/evaluation-sets.js';
import { modelTestsRepo, type ModelTestsRepo } from './repos/model-tests.js';
import { gateRecordsRepo, type GateRecordsRepo } from './repos/gate-records.js';
import { sensorsRepo, type SensorsRepo } from './repos/sensors.js';
import { readingsRepo, type ReadingsRepo } from './repos/readings.js';
import { robustnessRecordsRepo, type RobustnessRecordsRepo } from './repos/robustness-records.js';
import { fallbackRulesRepo, type FallbackRulesRepo } from './repos/fallback-rules.js';
import { streamingScoringRepo, type StreamingScoringRepo } from './repos/streaming-scoring.js';
import { companionModelsRepo, type CompanionModelsRepo } from './repos/companion-models.js';
import { predictionsRepo, type PredictionsRepo } from './repos/predictions.js';
import { deploymentsRepo, type DeploymentsRepo } from './repos/deployments.js';
import { alertsRepo, type AlertsRepo } from './repos/alerts.js';
import { servingPoliciesRepo, type ServingPoliciesRepo } from './repos/serving-policies.js';

/** Every repository, bound either to the store or to one open transaction. */
export interface Repositories {
  users: UsersRepo;
  apiTokens: ApiTokensRepo;
  audit: AuditLogRepo;
  artifacts: ArtifactsRepo;
  datasets: DatasetsRepo;
  datasetVersions: DatasetVersionsRepo;
  useCases: UseCasesRepo;
  modelVersions: ModelVersionsRepo;
  modelAliases: ModelAliasesRepo;
  aliasEvents: AliasEventsRepo;
  knownLimits: KnownLimitsRepo;
  labels: LabelsRepo;
  evaluationSets: EvaluationSetsRepo;
  modelTests: ModelTestsRepo;
  gateRecords: GateRecordsRepo;
  sensors: SensorsRepo;
  readings: ReadingsRepo;
  robustnessRecords: RobustnessRecordsRepo;
  fallbackRules: FallbackRulesRepo;
  streamingScoring: StreamingScoringRepo;
  companionModels: CompanionModelsRepo;
  predictions: PredictionsRepo;
  deployments: DeploymentsRepo;
  alerts: AlertsRepo;
  servingPolicies: ServingPoliciesRepo;
}

export interface Store extends Repositories {
  readonly backend: Backend;
  /** Where the data lives, password masked: `sqlite:/path/shopfloor.db` or `postgres://host/db (schema s)`. */
  readonly where: string;
  /** The raw query builder, for the rare query no repository offers. */
  readonly db: Kysely<Database>;
  /** Applies pending migrations; returns the names applied by this call. */
  migrate(): Promise<string[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Runs `work` in one transaction: everything it wrote is kept, or (when it throws) nothing. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://...`, `sqlite:<path>`, or undefined for SQLite at `<dataDir>/shopfloor.db`. */
  url?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: the schema to use (search_path), overriding a `?schema=` in the URL. */
  schema?: string | undefined;
}

function repositories(db: Kysely<Database>, backend: Backend): Repositories {
  return {
    users: usersRepo(db),
    apiTokens: apiTokensRepo(db),
    audit: auditLogRepo(db),
    artifacts: artifactsRepo(db),
    datasets: datasetsRepo(db),
    datasetVersions: datasetVersionsRepo(db),
    useCases: useCasesRepo(db),
    modelVersions: modelVersionsRepo(db),
    modelAliases: modelAliasesRepo(db),
    aliasEvents: aliasEventsRepo(db),
    knownLimits: knownLimitsRepo(db),
    labels: labelsRepo(db),
    evaluationSets: evaluationSetsRepo(db),
    modelTests: modelTestsRepo(db),
    gateRecords: gateRecordsRepo(db),
    sensors: sensorsRepo(db),
    readings: readingsRepo(db),
    robustnessRecords: robustnessRecordsRepo(db),
    fallbackRules: fallbackRulesRepo(db),
    streamingScoring: streamingScoringRepo(db),
    companionModels: companionModelsRepo(db),
    predictions: predictionsRepo(db, backend),
    deployments: deploymentsRepo(db),
    alerts: alertsRepo(db),
    servingPolicies: servingPoliciesRepo(db),
  };
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null) {
    throw new Error('PostgreSQL has no current schema: the search_path names no existing schema');
  }
  return schema;
}

/** Opens (without migrating) the store the URL names. Call `migrate()` before first use. */
export function openStore(options: OpenStoreOptions): Store {
  const parsed = parseStoreUrl(options.url, options.dataDir);
  const location = options.schema === undefined ? parsed : withSchema(parsed, options.schema);
  const db = openDatabase(location);
  const backend = location.backend;
  return {
    backend,
    where: describeLocation(location),
    db,
    ...repositories(db, backend),
    async migrate() {
      // Kysely looks for its bookkeeping tables in every schema unless told which one: name ours, so
      // schemas sharing one PostgreSQL database (one per test file, one per site) never see each other's.
      const migrationTableSchema = backend === 'postgres' ? await currentSchema(db) : undefined;
      const migrator = new Migrator({
        db,
        provider: migrationProvider(backend),
        ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error !== undefined) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName;
        const what = failed === undefined ? 'migrations could not start' : `migration ${failed} failed`;
        throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    transaction(work) {
      return db.transaction().execute((trx) => work(repositories(trx, backend)));
    },
    async close() {
      await db.destroy();
    },
  };
}
