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
  labels: LabelsTable;
}
