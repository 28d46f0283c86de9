// Reading a package.json `exports` map the way Node and TypeScript do.

/** Resolves one export entry for a set of active conditions (first matching key wins, as in Node). */
export function resolveExport(entry, conditions) {
  if (typeof entry === 'string') return entry;
  if (entry === null || typeof entry !== 'object') return undefined;
  if (Array.isArray(entry)) {
    for (const item of entry) {
      const target = resolveExport(item, conditions);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'default' || conditions.has(key)) {
      const target = resolveExport(value, conditions);
      if (target !== undefined) return target;
    }
  }
  return undefined;
}

/** Every file path the map can point at, except the workspace-only `@etkit/source` condition. */
export function exportTargets(entry, key = '') {
  if (typeof entry === 'string') return key === '@etkit/source' ? [] : [entry];
  if (entry === null || typeof entry !== 'object') return [];
  return Object.entries(entry).flatMap(([childKey, value]) =>
    childKey === '@etkit/source' ? [] : exportTargets(value, childKey),
  );
}

/** Subpaths that export JavaScript modules (not `./package.json` or data files). */
export function codeSubpaths(manifest) {
  return Object.entries(manifest.exports ?? {})
    .filter(([subpath, entry]) => {
      const target = resolveExport(entry, new Set(['import']));
      return subpath !== './package.json' && typeof target === 'string' && /\.[cm]?js$/.test(target);
    })
    .map(([subpath, entry]) => ({ subpath, entry }));
}
