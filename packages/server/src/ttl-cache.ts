// A value per key read from the store at most once per TTL, shared by the requests that arrive while a read is in flight.

export interface TtlCache<T> {
  /** The cached read when younger than the TTL, else a new one; a failed read is never cached. */
  get(key: string): Promise<T>;
  /** This process changed the value: the next get reads it again. */
  forget(key: string): void;
}

/** `now` is monotonic milliseconds (performance.now by default): it times a cache, it does not date records. */
export function createTtlCache<T>(read: (key: string) => Promise<T>, ttlMs: number, now: () => number = () => performance.now()): TtlCache<T> {
  const cached = new Map<string, { value: Promise<T>; readAt: number }>();
  return {
    get(key) {
      const hit = cached.get(key);
      if (hit !== undefined && now() - hit.readAt < ttlMs) return hit.value;
      const entry = { value: read(key), readAt: now() };
      cached.set(key, entry);
      entry.value.catch(() => {
        if (cached.get(key) === entry) cached.delete(key);
      });
      return entry.value;
    },
    forget(key) {
      cached.delete(key);
    },
  };
}
