/**
 * Caches for pure helpers (the checks, image references). A cluster repeats the same label keys, images and env
 * names on thousands of objects, and the checks ask the same question of each: the answer is
 * computed once. Caches are bounded (emptied when full, so hostile input cannot grow them
 * without limit) and keyed by identity where a configuration list or an inventory is involved,
 * so a new configuration or a new read never sees an old answer.
 */

const DEFAULT_LIMIT = 20_000;

/** `compute` of a string, remembered (up to `limit` strings). */
export function memoizeString<V>(compute: (key: string) => V, limit = DEFAULT_LIMIT): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** `compute` of an owner (a configuration list, held weakly) and a string, remembered per owner. */
export function memoizePerOwner<Owner extends object, V>(
  compute: (owner: Owner, key: string) => V,
  limit = DEFAULT_LIMIT,
): (owner: Owner, key: string) => V {
  const owners = new WeakMap<Owner, Map<string, V>>();
  return (owner, key) => {
    let cache = owners.get(owner);
    if (!cache) {
      cache = new Map();
      owners.set(owner, cache);
    }
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(owner, key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** Something derived from a whole object (an inventory), computed once per object. */
export function oncePer<Owner extends object, V>(compute: (owner: Owner) => V): (owner: Owner) => V {
  const computed = new WeakMap<Owner, V>();
  return (owner) => {
    if (computed.has(owner)) return computed.get(owner) as V;
    const value = compute(owner);
    computed.set(owner, value);
    return value;
  };
}
