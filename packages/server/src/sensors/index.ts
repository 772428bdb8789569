// sensors/: registered sensors (specs with history) and their readings, posted or imported from long or wide CSV with per-row rejections.
export { registerSensors, listSensors, type SensorDeps } from './register.js';
export { ingestReadings, type ReadingsDeps } from './ingest-readings.js';
export { readReadingsCsv, type ReadingsCsv, type ReadingsCsvFormat } from './readings-csv.js';
export { checkReadings, markStoredDuplicates, type CandidateReading, type BatchContext, type CheckedBatch } from './check-readings.js';
export { readingTime, wallInstants, type ReadingTime } from './reading-time.js';
export { readingValue } from './reading-value.js';
export { storedTrustReport, MAX_REPORT_READINGS } from './stored-report.js';
export { useCaseTrustReport } from './use-case-report.js';
export { sensorTrace } from './trace.js';
export { createLiveTrust, LIVE_BASELINE_READINGS, type LiveTrust, type LiveTrustOptions, type HealthBoardWriter } from './live-trust.js';
export { LiveSensor, type LiveChange, type LiveState } from './live-sensor.js';
export { LiveGroup, BLAME_Z, type GroupKind } from './live-group.js';
export { SilenceWatch } from './live-silence.js';
