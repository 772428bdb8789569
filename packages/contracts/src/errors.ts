// The error catalogue: every stable error code the API, CLI and UI know, with its HTTP status.

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, description: 'The request body, query or parameters do not match the schema; details name the field.' },
  ROUTE_NOT_FOUND: { status: 404, description: 'No route answers this method and path.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body is larger than the configured limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The request body has a content type this route does not accept.' },
  INTERNAL_ERROR: { status: 500, description: 'An unexpected failure; it is logged with a request id, nothing is stored half-done.' },

  AUTH_TOKEN_MISSING: { status: 401, description: 'The request carries no `Authorization: Bearer <token>` header.' },
  AUTH_TOKEN_INVALID: { status: 401, description: 'The token is unknown or revoked.' },
  AUTH_ROLE_TOO_WEAK: { status: 403, description: "The token's user lacks the role this route needs (viewer < operator < engineer < admin)." },
  USER_NOT_FOUND: { status: 404, description: 'No user has this id.' },
  USER_EXISTS: { status: 409, description: 'A user with this name exists already.' },

  DATASET_FORMAT_UNSUPPORTED: { status: 415, description: 'The file is neither CSV nor Parquet.' },
  DATASET_EMPTY: { status: 400, description: 'The file has no header or no data rows.' },
  DATASET_CSV_MALFORMED: { status: 400, description: 'The CSV cannot be parsed (for example an unterminated quote); the message names file, line and column.' },
  DATASET_RAGGED_ROW: { status: 400, description: 'A CSV row has more or fewer fields than the header; the message names the line.' },
  DATASET_DUPLICATE_COLUMN: { status: 400, description: 'Two columns have the same name.' },
  DATASET_PARQUET_MALFORMED: { status: 400, description: 'The Parquet file cannot be read, or holds a value that cannot be represented.' },
  DATASET_CELL_INVALID: { status: 422, description: 'A cell cannot be read as its column kind; the message names file, line, column and value.' },
  DATASET_TIMESTAMP_INVALID: { status: 422, description: 'A timestamp cannot be parsed or does not exist in the site time zone.' },
  DATASET_SCHEMA_OVERRIDE_INVALID: { status: 422, description: 'A schema override names an unknown column or a kind the data cannot take.' },
  DATASET_NOT_FOUND: { status: 404, description: 'No dataset or dataset version has this id.' },
  DATASET_COLUMN_MISSING: { status: 422, description: 'A use case names a column the dataset version does not have.' },

  USE_CASE_NOT_FOUND: { status: 404, description: 'No use case has this id.' },
  USE_CASE_EXISTS: { status: 409, description: 'A use case with this id exists already.' },
  USE_CASE_INVALID: { status: 422, description: 'The use case does not fit its dataset (target kind, classes, costs, split); details say which part.' },
  RULE_INVALID: { status: 422, description: 'A fallback rule cannot be compiled: a syntax error, an unknown input (details suggest the closest name), a type mismatch or a level the input does not have, or a rule too long or too deeply nested; details give position (1-based character), expected and received.' },
  FALLBACK_RULE_NOT_SET: { status: 404, description: 'The use case has no fallback rule standing (never set, or removed), so there is nothing to remove.' },

  TRAINING_FAILED: { status: 422, description: 'The learner refused the data or parameters; details carry its error code and what it named.' },
  MODEL_NOT_FOUND: { status: 404, description: 'No model version has this id, or the use case has no such version.' },
  MODEL_NO_CHAMPION: { status: 409, description: 'The use case has no champion model yet: train one first.' },
  MODEL_REF_INVALID: { status: 400, description: 'A model reference is neither a version number (3 or v3), an alias (champion, challenger, shadow) nor a model version id (mv_...); details name the field.' },
  MODEL_ALIAS_UNKNOWN: { status: 400, description: 'Aliases are champion, challenger and shadow; details name the field and the allowed names.' },
  MODEL_ALIAS_NOT_SET: { status: 404, description: 'The alias names no version of this use case (not set yet, or removed).' },
  MODEL_ALIAS_REASON_REQUIRED: { status: 400, description: 'Moving the champion changes the decisions on the line: give a reason.' },
  MODEL_CHAMPION_NOT_REMOVABLE: { status: 400, description: 'The champion cannot be removed, only moved to another version (serving reads it).' },
  MODEL_ARTIFACT_CORRUPT: { status: 500, description: "A stored model artifact's sha256 does not match its record; it is not used." },
  ARTIFACT_CORRUPT: { status: 500, description: "A stored artifact's sha256 does not match its record; it is not used." },
  ARTIFACT_NOT_FOUND: { status: 500, description: 'A record points at an artifact that is not stored.' },

  LABEL_INVALID_SPAN: { status: 400, description: 'A label span ends at or before its start; details name the field (e.g. labels[3].end). Omit `end` for an event.' },
  LABEL_NOT_FOUND: { status: 404, description: 'The use case has no label with this id.' },
  LABEL_ALREADY_RETRACTED: { status: 409, description: 'The label was retracted before; a retracted label stays as history and cannot change.' },
  LABEL_TARGET_NO_POSITIVES: { status: 422, description: "Training a use case whose target comes from labels found no row within the horizon before a standing label of its classes (on the training rows); details give the label and target counts." },

  COMPARE_INVALID: { status: 422, description: 'The comparison cannot run as asked (a version listed twice, a slice column the set lacks, a tolerance for an unknown metric); details name it.' },
  GATE_NOT_FOUND: { status: 404, description: 'The use case has no gate record with this id.' },

  DEPLOYMENT_INVALID: { status: 422, description: 'The deployment cannot stand as asked: a model listed twice, the champion as its own variant, split and canary shares above 1, a split without a share, two canaries; details name the field (e.g. variants[1].share).' },
  DEPLOYMENT_MIRROR_NOT_ALLOWED: { status: 422, description: 'A mirror URL is not in the allow-list of the server config (SHOPFLOOR_MIRROR_ALLOW); details name the field and the allowed prefixes.' },
  DEPLOYMENT_CONFLICT: { status: 409, description: 'The deployment changed while this change was being made (another engineer or the canary controller): read it again and retry.' },
  DEPLOYMENT_NOT_DEPLOYED: { status: 409, description: 'The model is neither the champion nor a variant of the deployment, so there is nothing to promote or judge; details name it.' },
  DEPLOYMENT_NOTHING_TO_ROLL_BACK: { status: 409, description: 'No split or canary variant stands and the champion has no previous version to go back to.' },
  DEPLOYMENT_APPROVAL_NOT_FOUND: { status: 404, description: 'The use case has no promotion approval with this id.' },
  DEPLOYMENT_APPROVAL_CLOSED: { status: 409, description: 'The approval was decided already (approved, or superseded by a newer request or a direct change).' },
  DEPLOYMENT_APPROVAL_SELF: { status: 403, description: 'The engineer who asked for a promotion cannot approve it: a second engineer must.' },
  ALERT_NOT_FOUND: { status: 404, description: 'No alert has this id.' },
  ALERT_ALREADY_ACKNOWLEDGED: { status: 409, description: 'The alert was acknowledged before; details say by whom and when. An acknowledgement is recorded once.' },
  MONITOR_WINDOW_INVALID: { status: 422, description: 'The monitoring window is empty or reversed (`from` not before `to`); details name the field.' },
  MONITOR_NO_REFERENCE: { status: 422, description: "The champion's training rows cannot be rebuilt as the drift reference (its dataset version or a feature column is gone); details say which." },
  SCORE_INVALID: { status: 422, description: 'A batch-scoring request does not fit the dataset version: a row range outside it or reversed, a time range on a use case without a time column, or more rows than the limit; details name the field.' },

  SENSOR_NOT_FOUND: { status: 404, description: 'No registered sensor has this id; details name it. Register sensors with POST /api/v1/sensors.' },
  SENSOR_TRACE_INVALID: { status: 400, description: 'A sensor trace window cannot be read: from or to is not a time, to is not after from, or the window is too long; details name the field.' },
  READINGS_ALL_REJECTED: { status: 422, description: 'Every reading of the batch was refused (unknown sensor, bad time or value, duplicate or out-of-order time); details list each row with its sensor and code. A batch with some good rows answers 200 and keeps them.' },
  TRUST_REPORT_INVALID: { status: 422, description: 'The trust report cannot run as asked (the range is empty or reversed, too many readings, a use case without sensor features); details name the part.' },
  ROBUSTNESS_NOT_FOUND: { status: 404, description: 'The model version has no sensor-robustness record yet: run POST .../robustness (or `shopfloor models robustness --run`).' },
  MODEL_EVALUATION_INVALID: { status: 422, description: 'The model version cannot be evaluated: the benchmark has no row with a target; details name the use case and version.' },
  ROBUSTNESS_INVALID: { status: 422, description: 'The sensor-failure replay cannot run: the model has no numeric sensor input, or the benchmark has no row with a target; details say which.' },

  EVALUATION_SET_NOT_FOUND: { status: 404, description: 'The use case has no evaluation set of this name, or the set has no such version; details name the set and version.' },
  EVALUATION_SET_INVALID: { status: 422, description: 'Rows for an evaluation set do not fit the dataset (unknown column, wrong type, unknown level, row number out of range, a slice that matches nothing, the reserved name benchmark); details name the row and column.' },
  MODEL_TEST_INVALID: { status: 422, description: 'A model test does not fit its use case (unknown input, a metric of another task, a grid on a categorical input); details name the field.' },
  MODEL_TEST_EXISTS: { status: 409, description: 'The use case has a model test of this name already; tests are never edited, declare one under a new name.' },

  PREDICT_FEATURE_MISSING: { status: 400, description: "A row lacks a feature the model needs; details name the row and the feature." },
  PREDICT_FEATURE_TYPE: { status: 400, description: 'A feature has the wrong type (for example a string where a number belongs); details name row and feature.' },
  PREDICT_UNKNOWN_CATEGORY: { status: 400, description: 'A categorical feature has a level the model never saw in training.' },
  PREDICT_TOO_MANY_ROWS: { status: 413, description: 'More rows in one request than the configured batch limit.' },
  PREDICT_SENSOR_UNKNOWN: { status: 400, description: 'untrustedSensors names neither a sensor id nor an input of the champion; details name it and list the known ones.' },
  STREAMING_INVALID: { status: 422, description: 'A streaming scoring setting names an input the use case does not have (in sensors or constants), or maps one sensor to an input that a constant also fills; details name the field.' },
  SERVING_POLICY_INVALID: { status: 422, description: 'The serving policy does not fit the use case (a low-confidence band on a use case that is not binary); details name the field.' },
  COMPANION_INVALID: { status: 422, description: 'Companion models cannot be trained for this version: it has no sensor-robustness record, or no numeric sensor input to leave out; details say which.' },
  REQUEST_MALFORMED: { status: 400, description: 'The request cannot be read at all (for example a body that is not valid JSON).' },
  CONFIG_INVALID: { status: 500, description: 'A setting (environment variable or option) has a value the server cannot use; the message names it.' },
  PREDICTION_NOT_FOUND: { status: 404, description: 'No logged prediction has this id (never made, or removed by the retention period).' },
  PREDICTION_LOG_FAILED: { status: 503, description: 'The prediction could not be written to the prediction log, so no answer is given; nothing of the batch is stored and the request can be retried.' },
  PREDICTION_CURSOR_INVALID: { status: 400, description: 'The cursor is not a nextCursor this API gave; details name the field.' },
  FEEDBACK_INVALID: { status: 422, description: 'Feedback does not fit the use case: an outcome that is not one of its classes (or not a number for regression), or an override decision label its decisions cannot take; details name the field and the allowed values.' },
  FEEDBACK_NO_MATCH: { status: 404, description: 'A late outcome matched no logged prediction of that entity in the window before its time; details give entity, from and to.' },
  FEEDBACK_NOTHING_FLAGGED: { status: 409, description: 'No prediction of the use case (in the given time range) is marked wrong or overridden, so there is nothing to add to the edge-case set.' },
  STORE_UNAVAILABLE: { status: 503, description: 'The database does not answer; /healthz reports it and the request can be retried.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** The one error type of the platform: a stable code, its HTTP status, a message for people, details for programs. */
export class ShopfloorError extends Error {
  override readonly name = 'ShopfloorError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export function isShopfloorError(e: unknown): e is ShopfloorError {
  return e instanceof ShopfloorError;
}
