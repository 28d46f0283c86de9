/**
 * A notification salt, optionally named so that logs and metrics can say which one matched during a rotation
 * without ever showing the salt itself.
 */
export type SaltInput = string | { readonly id: string; readonly salt: string };

export interface SaltOptions {
  /** The notification salt ET issued. */
  salt?: string;
  /** Several salts, tried in order: the current one first, then the ones being rotated out. */
  salts?: readonly SaltInput[];
}

export interface ConfiguredSalt {
  readonly index: number;
  readonly id: string | undefined;
  readonly salt: string;
}

/** Validates the salt options once, when a verifier or handler is created, so a typo fails at start-up. */
export function resolveSalts(options: SaltOptions): readonly ConfiguredSalt[] {
  const inputs: readonly SaltInput[] =
    options.salts !== undefined ? options.salts : options.salt !== undefined ? [options.salt] : [];
  if (options.salt !== undefined && options.salts !== undefined) {
    throw new TypeError('@etkit/notify: pass either `salt` or `salts`, not both');
  }
  if (inputs.length === 0) throw new TypeError('@etkit/notify: a notification salt is required (`salt` or `salts`)');
  return inputs.map((input, index) => {
    const salt = typeof input === 'string' ? input : input?.salt;
    const id = typeof input === 'string' ? undefined : input?.id;
    if (typeof salt !== 'string' || salt === '') {
      throw new TypeError(`@etkit/notify: salt #${index} must be a non-empty string`);
    }
    if (id !== undefined && typeof id !== 'string')
      throw new TypeError(`@etkit/notify: salt #${index} has a non-string id`);
    return Object.freeze({ index, id, salt });
  });
}
