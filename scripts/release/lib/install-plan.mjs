// What a user must hand `npm install` to use one package from local tarballs while etkit is not on npm: the
// package's tarball and the tarball of every @etkit package it needs at run time, transitively (npm would otherwise
// look the others up in the registry, where they are not yet: 404).
import { dependencyClosure } from './workspace.mjs';

/**
 * For each package, in the given order: `{ name, tarballs }`, the package's own tarball first, then its @etkit
 * dependencies' in name order. `tarballOf(name)` gives a package's tarball path; a missing one throws.
 */
export function installPlan(packages, tarballOf) {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  return packages.map((pkg) => {
    const needed = dependencyClosure(pkg, byName).map((dep) => dep.name);
    const [own, ...dependencies] = needed;
    const tarballs = [own, ...dependencies.sort()].map((name) => {
      const tarball = tarballOf(name);
      if (!tarball) throw new Error(`no tarball for ${name}, which ${pkg.name} needs`);
      return tarball;
    });
    return { name: pkg.name, tarballs };
  });
}

/** The shell line that installs one plan entry (paths with spaces quoted). */
export function installCommand(entry) {
  const quote = (path) => (/^[\w./@+-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`);
  return `npm install ${entry.tarballs.map(quote).join(' ')}`;
}
