// An error in the page (never a browser alert): the server's message and its stable code.
import { ApiError } from '../api.js';

export interface ErrorNoticeProps {
  error: Error;
  /** What was being done, e.g. "Loading the use case". */
  doing?: string;
  testId?: string;
}

export function ErrorNotice({ error, doing, testId }: ErrorNoticeProps) {
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      {doing !== undefined && <strong>{doing} failed: </strong>}
      <span data-testid={testId === undefined ? undefined : `${testId}-message`}>{error.message}</span>
      {code !== null && <span className="error-code"> ({code})</span>}
    </div>
  );
}
