// The store stage's public face: openStore, its repositories' types, and throwaway stores for tests.
export { openStore, type OpenStoreOptions, type Repositories, type Store } from './store.js';
export { describeLocation, parseStoreUrl, type Backend, type StoreLocation } from './connect.js';
export { newId } from './ids.js';
export { openTestStore, DEFAULT_TEST_POSTGRES_URL, type TestStore } from './test-store.js';
export type { Database } from './schema.js';
export type { UsersRepo } from './repos/users.js';
export type { ApiToken, ApiTokensRepo, NewApiToken } from './repos/api-tokens.js';
export type { AuditEntry, AuditLogRepo, AuditQuery } from './repos/audit-log.js';
export { sha256Hex, type Artifact, type ArtifactKind, type ArtifactsRepo } from './repos/artifacts.js';
export type { Dataset, DatasetVersionRecord, DatasetVersionsRepo, DatasetsRepo } from './repos/datasets.js';
export type { UseCaseRecord, UseCasesRepo } from './repos/use-cases.js';
export type { ModelVersionRecord, ModelVersionsRepo, NewModelVersion } from './repos/model-versions.js';
export type { ModelAlias, ModelAliasesRepo } from './repos/model-aliases.js';
export type { LabelQuery, LabelsRepo, NewLabelRecord, Retraction } from './repos/labels.js';
