// JSON columns are stored as text on both backends; these two functions are the only place that converts.

export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJsonColumn(text: string): unknown {
  return JSON.parse(text) as unknown;
}
