// A TypeScript compiler host whose parsed source files are shared by every program created with a host from the
// same cache: lib files, @types/node and any other file several programs read are parsed and bound once. A file
// is cached per parse setting (language version, module format, JSDoc mode) as well as per path.
//
//   const cache = new Map();
//   ts.createProgram({ rootNames, options, host: sharedSourceFileHost(ts, options, cache) });

/** A compiler host for `options` that reads parsed files from `cache` and adds those it parses to it. */
export function sharedSourceFileHost(ts, options, cache) {
  const host = ts.createCompilerHost(options, true);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const settings =
      typeof languageVersionOrOptions === 'object'
        ? `${languageVersionOrOptions.languageVersion}:${languageVersionOrOptions.impliedNodeFormat}:${languageVersionOrOptions.jsDocParsingMode}`
        : String(languageVersionOrOptions);
    const key = `${settings}:${fileName}`;
    let file = cache.get(key);
    if (file === undefined) {
      file = parse(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (file !== undefined) cache.set(key, file);
    }
    return file;
  };
  return host;
}
