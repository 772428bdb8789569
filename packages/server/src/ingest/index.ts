// The ingest stage: parse CSV/Parquet, infer and type columns, statistics, content addressing.
export { INGEST_ERRORS, INGEST_ERROR_CODES, IngestError, isIngestError } from './errors.js';
export type { IngestErrorCode, IngestErrorDetails } from './errors.js';
export { BOOLEAN_MISSING } from './raw-table.js';
export type { RawTable, RawColumn, RawTextColumn, RawNumberColumn, RawBooleanColumn, RawInstantColumn } from './raw-table.js';
export { parseCsv } from './csv-parse.js';
export type { CsvOptions } from './csv-parse.js';
export { DELIMITER_CANDIDATES } from './csv-sniff.js';
export { DEFAULT_MISSING_MARKERS, cellString } from './text-cells.js';
export { parseParquet } from './parquet-parse.js';
export type { ParquetOptions } from './parquet-parse.js';
export { inferSchema } from './infer-schema.js';
export type { ColumnSchema, InferOptions } from './infer-schema.js';
export { typeColumns, inferAndType } from './type-columns.js';
export type { TypeOptions } from './type-columns.js';
export type {
  TypedTable,
  TypedColumn,
  NumericColumn,
  CategoricalColumn,
  BooleanColumn,
  TimestampColumn,
  IdColumn,
} from './typed-table.js';
export { loadTimeZone } from './time-zone.js';
export type { TimeZone } from './time-zone.js';
export { detectFamily, newWallTime, wallTimeAsUtc, type WallTime } from './timestamp-text.js';
export { columnStats, tableStats, QUANTILE_LEVELS, TOP_LEVELS } from './column-stats.js';
export { contentHash, describeImport, datasetVersionId, canonicalJson, INGEST_CODE_VERSION } from './content-hash.js';
export type { ImportDescription } from './content-hash.js';
export { prepareDataset, detectFormat, parseTable } from './prepare-dataset.js';
export type { PrepareOptions, PreparedDataset, DatasetFormat } from './prepare-dataset.js';
export { importDataset, importVersionId, getDatasetVersion, listDatasetVersions, loadDatasetTable } from './import.js';
export type { ImportDeps, ImportResult } from './import.js';
export { encodeTypedTable, decodeTypedTable, TABLE_FILE_FORMAT, TABLE_FILE_VERSION } from './table-file.js';
export { quantilesInPlace } from './quantiles.js';
export { startMqttIngest, type MqttIngest, type MqttIngestOptions } from './adapters/mqtt/mqtt-ingest.js';
export type { IngestLog, IngestStats, StoreReadings } from './adapters/ingest-sink.js';
export { parseTopicRoutes, matchTopic, type TopicRoute } from './adapters/mqtt/topic-routes.js';
export { MESSAGE_REJECT_REASONS, type MessageRejectReason } from './adapters/mqtt/payload.js';
export { startOpcuaIngest, type OpcuaIngest, type OpcuaIngestOptions } from './adapters/opcua/opcua-ingest.js';
export { parseOpcuaNodes, VALUE_REJECT_REASONS, type OpcuaNode } from './adapters/opcua/node-readings.js';
