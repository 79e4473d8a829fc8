/** A small least-recently-used cache with a time to live (Map keeps insertion order). */
export interface LruCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  readonly size: number;
}

export function createLruCache<V>(maxEntries: number, ttlMs = Number.POSITIVE_INFINITY): LruCache<V> {
  const map = new Map<string, { value: V; expires: number }>();
  return {
    get(key) {
      const hit = map.get(key);
      if (!hit) return undefined;
      map.delete(key);
      if (hit.expires < Date.now()) return undefined;
      map.set(key, hit);
      return hit.value;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, { value, expires: Date.now() + ttlMs });
      while (map.size > maxEntries) map.delete(map.keys().next().value!);
    },
    get size() {
      return map.size;
    },
  };
}
