import { generateKeyPair, randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from '../command.js';
import { printJson, requireOption, UsageError } from '../io.js';

const generate = promisify(generateKeyPair);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a new file created with `mode` from its first byte, then renames it over `path`: a key is never in a
 * file anyone else can read, and a symlink at `path` is replaced rather than written through.
 */
async function writeFileReplacing(path: string, content: string, mode: number): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content, { mode, flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export const keysGenerate: Command = {
  path: ['keys', 'generate'],
  summary: 'generate an RSA key pair (PKCS#8 + SPKI PEM)',
  help: `etkit keys generate --out DIR [--bits 2048] [--name merchant] [--force]

Writes DIR/<name>-private.pem (PKCS#8, mode 0600) and DIR/<name>-public.pem (SPKI).
Prints the file paths as JSON, never the keys. Refuses to overwrite unless --force.`,
  options: {
    out: { type: 'string' },
    bits: { type: 'string' },
    name: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(values, io) {
    const out = resolve(requireOption(values.out as string | undefined, '--out'));
    const bitsText = (values.bits as string | undefined) ?? '2048';
    if (!/^\d+$/.test(bitsText)) throw new UsageError('--bits must be a whole number');
    const bits = Number(bitsText);
    if (bits < 1024 || bits > 8192 || bits % 8 !== 0)
      throw new UsageError('--bits must be a multiple of 8 in 1024..8192');
    const name = (values.name as string | undefined) ?? 'merchant';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new UsageError('--name must be letters, digits, _ or -');
    const privateKeyFile = join(out, `${name}-private.pem`);
    const publicKeyFile = join(out, `${name}-public.pem`);
    if (!values.force && ((await exists(privateKeyFile)) || (await exists(publicKeyFile)))) {
      throw new UsageError(`${privateKeyFile} or ${publicKeyFile} exists; pass --force to overwrite`);
    }
    const { privateKey, publicKey } = await generate('rsa', {
      modulusLength: bits,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    try {
      await mkdir(out, { recursive: true });
      await writeFileReplacing(privateKeyFile, privateKey, 0o600);
      await writeFileReplacing(publicKeyFile, publicKey, 0o644);
    } catch (error) {
      // Like an unreadable input file: the path given is the problem (exit 2).
      throw new UsageError(`cannot write keys to ${out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    printJson(io, { bits, privateKeyFile, publicKeyFile });
    return 0;
  },
};
