/** Items by key, in order of first appearance, each group in input order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T, index: number) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  items.forEach((item, index) => {
    const k = key(item, index);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  });
  return groups;
}
