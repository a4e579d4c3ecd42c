/** Small collections the read model is built from. */

/** Maps a key to one position, or to several in the rare case of a repeat (a name, an enterprise's USCC). */
export function multiMap() {
  const one = new Map<string, number>();
  const more = new Map<string, number[]>();
  return {
    add(key: string, p: number) {
      const first = one.get(key);
      if (first === undefined) one.set(key, p);
      else more.get(key)?.push(p) ?? more.set(key, [first, p]);
    },
    get(key: string): readonly number[] {
      const first = one.get(key);
      return first === undefined ? [] : (more.get(key) ?? [first]);
    },
  };
}

/** A small LRU of answers, bounded by entries and by the positions they hold. */
export function answerCache<T extends { length: number }>(entries: number, positions: number) {
  const map = new Map<string, T>();
  let held = 0;
  return {
    get(key: string): T | undefined {
      const hit = map.get(key);
      if (hit) {
        // Least recently used goes first: re-insert on every hit.
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    },
    set(key: string, value: T) {
      map.set(key, value);
      held += value.length;
      while (map.size > entries || held > positions) {
        const [oldest] = map;
        if (!oldest) break;
        map.delete(oldest[0]);
        held -= oldest[1].length;
      }
    },
    clear() {
      map.clear();
      held = 0;
    },
  };
}
