import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);

// src/util/median.ts
function median(values) {
  const finite = sortedFinite(values);
  if (finite.length === 0) return void 0;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
}
function quantile(values, share) {
  const finite = sortedFinite(values);
  if (finite.length === 0) return void 0;
  const rank = Math.min(finite.length - 1, Math.max(0, Math.ceil(share * finite.length) - 1));
  return finite[rank];
}
function sortedFinite(values) {
  return values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
}

export {
  median,
  quantile
};
