// The database's tables as Kysely sees them: snake_case columns, ISO-8601 UTC text timestamps, JSON as text.
import type { Role } from '@shopfloor/contracts';

export interface UsersTable {
  id: string;
  name: string;
  role: Role;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  /** Hex SHA-256 of the plaintext token; the plaintext is never stored. */
  token_sha256: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  /** Null for actions the system takes on its own (bootstrap, migrations). */
  user_id: string | null;
  action: string;
  subject: string;
  details_json: string;
}

export interface ArtifactsTable {
  sha256: string;
  kind: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

export interface DatasetsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface DatasetVersionsTable {
  id: string;
  dataset_id: string;
  file_name: string;
  format: 'csv' | 'parquet';
  options_json: string;
  schema_json: string;
  stats_json: string;
  row_count: number;
  artifact_sha256: string;
  created_at: string;
  created_by: string;
}

export interface UseCasesTable {
  id: string;
  name: string;
  task: 'binary' | 'multiclass' | 'regression';
  spec_json: string;
  dataset_version_id: string;
  split_json: string;
  created_at: string;
  created_by: string;
}

export interface ModelVersionsTable {
  id: string;
  use_case_id: string;
  version: number;
  dataset_version_id: string;
  params_json: string;
  code_version: string;
  metrics_json: string;
  expected_cost_per_1000: number | null;
  threshold_json: string;
  artifact_sha256: string;
  created_at: string;
  created_by: string;
}

export interface ModelAliasesTable {
  use_case_id: string;
  alias: string;
  model_version_id: string;
  updated_at: string;
  updated_by: string;
}

/** Labels (002): spans and events on an asset of a use case; retracted, never deleted. */
export interface LabelsTable {
  id: string;
  use_case_id: string;
  asset: string;
  start_at: string;
  /** Exclusive end of a span; null for an event. */
  end_at: string | null;
  class_name: string;
  note: string;
  author: string;
  created_at: string;
  /** Null while the label stands; set once, when it is retracted. */
  retracted_at: string | null;
  retracted_by: string | null;
  retract_reason: string | null;
  replaced_by: string | null;
}

/** Gate records (005): one per gate run, written once. */
export interface GateRecordsTable {
  id: string;
  use_case_id: string;
  candidate_id: string;
  against_id: string | null;
  passed: number;
  record_json: string;
  created_at: string;
  created_by: string;
}

/** Sensor-robustness records (007): one per replay of a model version, written once; seq 1, 2, 3... per version. */
export interface RobustnessRecordsTable {
  id: string;
  use_case_id: string;
  model_version_id: string;
  seq: number;
  record_json: string;
  created_at: string;
  created_by: string;
}

/** Companion models (009): one per (model version, left-out input), written once. */
export interface CompanionModelsTable {
  id: string;
  use_case_id: string;
  model_version_id: string;
  left_out: string;
  artifact_sha256: string;
  record_json: string;
  created_at: string;
  created_by: string;
}

/** Deployments (011): one row per use case (variants, mirrors, canary state in record_json), rewritten on each change. */
export interface DeploymentsTable {
  use_case_id: string;
  record_json: string;
  revision: number;
  updated_at: string;
  updated_by: string;
}

/** Deployment events (011): every change of a deployment, numbered per use case; never edited. */
export interface DeploymentEventsTable {
  id: string;
  use_case_id: string;
  seq: number;
  action: string;
  model_version_id: string | null;
  details_json: string;
  reason: string;
  at: string;
  done_by: string;
}

/** Promotion approvals (011): a promotion waiting for a second engineer, decided once. */
export interface DeploymentApprovalsTable {
  id: string;
  use_case_id: string;
  model_version_id: string;
  status: 'pending' | 'approved' | 'superseded';
  reason: string;
  requested_at: string;
  requested_by: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
}

/** Streaming scoring (014): one setting per use case, replaced on change; enabled is 0/1 on both backends. */
export interface StreamingScoringTable {
  use_case_id: string;
  enabled: number;
  interval_ms: number;
  max_age_ms: number;
  sensors_json: string;
  constants_json: string;
  updated_at: string;
  updated_by: string;
}

/** Fallback rules (008): every rule set on a use case and every removal, numbered per use case; never edited. */
export interface FallbackRulesTable {
  id: string;
  use_case_id: string;
  seq: number;
  action: 'set' | 'removed';
  /** Null for a removal. */
  rule: string | null;
  inputs_json: string;
  reason: string;
  created_at: string;
  created_by: string;
}

/** Evaluation sets (004): a named, append-only edge-case set of a use case. */
export interface EvaluationSetsTable {
  id: string;
  use_case_id: string;
  name: string;
  description: string;
  created_at: string;
  created_by: string;
}

/** One version of an evaluation set: every row of it lives in the artifact; never updated. */
export interface EvaluationSetVersionsTable {
  set_id: string;
  version: number;
  row_count: number;
  added_rows: number;
  source_json: string;
  note: string;
  artifact_sha256: string;
  created_at: string;
  created_by: string;
}

/** Model tests (004): declared per use case, run on every model version. */
export interface ModelTestsTable {
  id: string;
  use_case_id: string;
  name: string;
  /** 1, 2, 3... within the use case, in declaration order. */
  position: number;
  kind: string;
  spec_json: string;
  created_at: string;
  created_by: string;
}

/** Alias history (003): one row per move or removal of an alias, never edited. */
export interface ModelAliasEventsTable {
  id: string;
  use_case_id: string;
  seq: number;
  alias: string;
  /** Null when the alias was removed. */
  model_version_id: string | null;
  /** Null the first time the alias was set. */
  previous_model_version_id: string | null;
  reason: string;
  at: string;
  moved_by: string;
}

/** Known limits (003): the one editable text attached to an immutable model version. */
export interface ModelKnownLimitsTable {
  model_version_id: string;
  text: string;
  updated_at: string;
  updated_by: string;
}

/** Sensors (006): the current spec of each registered sensor. */
export interface SensorsTable {
  id: string;
  asset: string;
  unit: string;
  version: number;
  spec_json: string;
  updated_at: string;
  updated_by: string;
}

/** Every spec a sensor ever had (006), appended on registration and on each change. */
export interface SensorVersionsTable {
  sensor_id: string;
  version: number;
  spec_json: string;
  created_at: string;
  created_by: string;
}

/** Readings (006): time is epoch ms UTC (bigint; PostgreSQL returns it as a string, the repo converts). */
export interface ReadingsTable {
  sensor_id: string;
  time: number | string;
  value: number;
}

/** Readings rolled up per time tile (013): level indexes ROLLUP_TILES_MS, slot = floor(time / tile). */
export interface ReadingRollupsTable {
  sensor_id: string;
  level: number;
  slot: number | string;
  min: number;
  max: number;
  count: number | string;
}

/** Prediction log (010): one row per predicted row; `act` is 0/1 (null when abstaining). */
export interface PredictionsTable {
  id: string;
  use_case_id: string;
  entity: string | null;
  at: string;
  model_version_id: string;
  role: string;
  path: string;
  decision: string | null;
  act: number | null;
  score: number | null;
  latency_ms: number;
  input_json: string;
  output_json: string;
}

/** Shadow and mirror answers (010), best effort; output_json null when the variant failed. */
export interface PredictionShadowsTable {
  prediction_id: string;
  use_case_id: string;
  model_version_id: string;
  mode: string;
  output_json: string | null;
  error: string | null;
  latency_ms: number;
  at: string;
}

/** Feedback on logged predictions (010): verdicts, outcomes, overrides; appended, never edited. */
export interface PredictionFeedbackTable {
  id: string;
  prediction_id: string;
  use_case_id: string;
  kind: string;
  outcome_json: string | null;
  decision: string | null;
  reason_code: string | null;
  note: string;
  by_user: string;
  at: string;
}

/** Alerts (012): raised once; only the acknowledgement (at, by, note) is set later, once. */
export interface AlertsTable {
  id: string;
  use_case_id: string;
  kind: 'decision' | 'drift';
  severity: 'critical' | 'warning';
  key: string;
  raised_at: string;
  entity: string | null;
  prediction_id: string | null;
  model_version_id: string | null;
  message: string;
  details_json: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_note: string | null;
}

export interface Database {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  artifacts: ArtifactsTable;
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  use_cases: UseCasesTable;
  model_versions: ModelVersionsTable;
  model_aliases: ModelAliasesTable;
  model_alias_events: ModelAliasEventsTable;
  model_known_limits: ModelKnownLimitsTable;
  labels: LabelsTable;
  evaluation_sets: EvaluationSetsTable;
  evaluation_set_versions: EvaluationSetVersionsTable;
  model_tests: ModelTestsTable;
  gate_records: GateRecordsTable;
  sensors: SensorsTable;
  sensor_versions: SensorVersionsTable;
  readings: ReadingsTable;
  reading_rollups: ReadingRollupsTable;
  robustness_records: RobustnessRecordsTable;
  fallback_rules: FallbackRulesTable;
  streaming_scoring: StreamingScoringTable;
  companion_models: CompanionModelsTable;
  predictions: PredictionsTable;
  prediction_shadows: PredictionShadowsTable;
  prediction_feedback: PredictionFeedbackTable;
  deployments: DeploymentsTable;
  deployment_events: DeploymentEventsTable;
  deployment_approvals: DeploymentApprovalsTable;
  alerts: AlertsTable;
  serving_policies: ServingPoliciesTable;
}

/** Serving policies (015): every change of a use case's serving policy, numbered per use case; the newest is in force. */
export interface ServingPoliciesTable {
  id: string;
  use_case_id: string;
  seq: number;
  out_of_range: 'fallback' | 'flag';
  low_confidence_band: number | null;
  model_timeout_ms: number;
  reason: string;
  created_at: string;
  created_by: string;
}
