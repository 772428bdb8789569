// The sign-in screen: paste an API token (the demo prints one); shows why the last one was refused.
import { useId, useState, type FormEvent } from 'react';

export interface TokenScreenProps {
  /** The server's message when a token was refused (401), or null on first visit. */
  message: string | null;
  onToken: (token: string) => void;
}

export function TokenScreen({ message, onToken }: TokenScreenProps) {
  const [token, setToken] = useState('');
  const inputId = useId();
  const hintId = useId();

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed !== '') onToken(trimmed);
  };

  return (
    <main className="token-screen">
      <h1>Shopfloor</h1>
      <form className="panel" onSubmit={submit} data-testid="token-form">
        <label htmlFor={inputId}>Paste your API token</label>
        {message !== null && (
          <p className="notice notice-error" role="alert" data-testid="token-error">
            {message}
          </p>
        )}
        <input
          id={inputId}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          aria-describedby={hintId}
          onChange={(event) => setToken(event.target.value)}
          data-testid="token-input"
        />
        <p id={hintId} className="hint">
          <code>shopfloor demo</code> prints a token and a link that signs you in. The token stays in this browser
          only.
        </p>
        <button type="submit" className="button-primary" disabled={token.trim() === ''} data-testid="token-submit">
          Sign in
        </button>
      </form>
    </main>
  );
}
