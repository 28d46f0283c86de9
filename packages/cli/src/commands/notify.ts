import { type NotificationRule, parseRawJsonObject, signNotification, verifyNotification } from '@etkit/crypto';
import { createNotificationVerifier, isNotificationError, parseNotificationBody } from '@etkit/notify';
import type { Command } from '../command.js';
import { CheckFailed, type CliIo, printJson, readInput, readTextFile, requireOption, UsageError } from '../io.js';
import { readProfileFile } from '../profile-file.js';

const options = {
  salt: { type: 'string' },
  'salt-file': { type: 'string' },
  'content-type': { type: 'string' },
  rule: { type: 'string' },
  'null-members': { type: 'string' },
  profile: { type: 'string' },
  in: { type: 'string' },
} as const;

/**
 * `--rule` and `--null-members`, else the profile file's `notificationRule` / `notificationNullMembers`, else the
 * defaults of @etkit/notify (v2, omit).
 */
async function notificationOptions(
  values: Record<string, unknown>,
): Promise<{ rule: NotificationRule; nullMembers: NullMembers }> {
  const file = typeof values.profile === 'string' ? await readProfileFile(values.profile) : {};
  return {
    rule: ruleOf(values.rule ?? file.notificationRule),
    nullMembers: nullMembersOf(values['null-members'] ?? file.notificationNullMembers),
  };
}

type NullMembers = 'omit' | 'empty' | 'null-text';

type Encoding = 'json' | 'form';

function encodingOf(contentType: string | undefined): Encoding {
  const type = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  throw new UsageError('--content-type must be application/json or application/x-www-form-urlencoded');
}

function ruleOf(value: unknown): NotificationRule {
  if (value === undefined) return 'v2';
  if (value !== 'v2' && value !== 'v1') throw new UsageError('--rule must be v2 or v1');
  return value;
}

/** How a JSON `null` member is read, as @etkit/notify's profile.notificationNullMembers (default: left out). */
function nullMembersOf(value: unknown): NullMembers {
  if (value === undefined) return 'omit';
  if (value !== 'omit' && value !== 'empty' && value !== 'null-text') {
    throw new UsageError('--null-members must be omit, empty or null-text');
  }
  return value;
}

/**
 * Field name → wire text (a JSON number keeps its text, `10000.00`); a `null` member as `nullMembers` says, the
 * way the receivers read it. Input to sign: a bad body is a usage error.
 */
function parseFields(body: string, encoding: Encoding, nullMembers: NullMembers): Record<string, string> {
  if (encoding === 'form') return Object.fromEntries(new URLSearchParams(body));
  let raw: ReturnType<typeof parseRawJsonObject>;
  try {
    raw = parseRawJsonObject(body);
  } catch {
    throw new UsageError('the body is not a JSON object');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value.type === 'object' || value.type === 'array') throw new UsageError(`field ${name} is not a scalar`);
    if (value.type === 'null') {
      if (nullMembers !== 'omit') fields[name] = nullMembers === 'empty' ? '' : 'null';
      continue;
    }
    fields[name] = value.text;
  }
  return fields;
}

/** The body with `sign` set, in the same encoding (JSON keeps every other value's text). */
function withSign(body: string, encoding: Encoding, sign: string): string {
  if (encoding === 'form') {
    const params = new URLSearchParams(body);
    params.set('sign', sign);
    return params.toString();
  }
  const raw = parseRawJsonObject(body);
  const parts = Object.entries(raw)
    .filter(([name]) => name !== 'sign')
    .map(
      ([name, value]) =>
        `${JSON.stringify(name)}:${value.type === 'string' ? JSON.stringify(value.text) : value.type === 'null' ? 'null' : value.text}`,
    );
  parts.push(`"sign":${JSON.stringify(sign)}`);
  return `{${parts.join(',')}}`;
}

/** `--salt-file FILE` (its text without the trailing newline) or `--salt S`: exactly one. */
async function readSalt(values: Record<string, unknown>): Promise<string> {
  const inline = values.salt as string | undefined;
  const file = values['salt-file'] as string | undefined;
  if (inline !== undefined && file !== undefined) throw new UsageError('pass --salt or --salt-file, not both');
  if (file === undefined) return requireOption(inline, '--salt (or --salt-file)');
  const salt = (await readTextFile(file, 'salt file')).replace(/\r?\n$/, '');
  if (salt === '') throw new UsageError('the salt file is empty');
  return salt;
}

async function readBody(io: CliIo, values: Record<string, unknown>): Promise<string> {
  return readInput(io, values.in as string | undefined);
}

export const notifySign: Command = {
  path: ['notify', 'sign'],
  summary: 'sign a notification body (MD5 with salt, PROTOCOL.md §8)',
  help: `etkit notify sign --salt-file FILE|--salt S [--content-type application/json|application/x-www-form-urlencoded] [--rule v2|v1] [--null-members omit|empty|null-text] [--profile FILE] [--in FILE]

Reads the notification body (stdin or --in), prints {"sign", "body"}: the signature and the body with
"sign" set, in the same encoding. Values are signed exactly as written (10000.00 stays 10000.00); a JSON
null member is left out (omit, the default), signed as "name=" (empty) or as "name=null" (null-text).
--salt-file keeps the salt out of the process list and shell history; --salt suits test salts.
--profile FILE: a profile file (e.g. from etkit doctor --probe --out); its notificationRule and
notificationNullMembers apply unless --rule / --null-members are given.`,
  options,
  async run(values, io) {
    const salt = await readSalt(values);
    const encoding = encodingOf(values['content-type'] as string | undefined);
    const { rule, nullMembers } = await notificationOptions(values);
    const body = await readBody(io, values);
    const fields = parseFields(body, encoding, nullMembers);
    delete fields.sign;
    const sign = signNotification(fields, salt, { rule });
    printJson(io, { sign, body: withSign(body, encoding, sign) });
    return 0;
  },
};

/** The receiver's own parser (@etkit/notify): JSON, form and multipart, wire text kept. */
async function parseForVerify(
  body: string,
  contentType: string | undefined,
  nullMembers: NullMembers,
): Promise<Record<string, string>> {
  if (contentType !== undefined) {
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    if (!['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'].includes(type)) {
      throw new UsageError(
        '--content-type must be application/json, application/x-www-form-urlencoded or multipart/form-data',
      );
    }
  }
  try {
    return { ...(await parseNotificationBody(body, contentType ?? 'application/json', { nullMembers })) };
  } catch (error) {
    if (!isNotificationError(error)) throw error;
    // The receivers' own code (a body they cannot read is MALFORMED there too; a bad content type keeps its code).
    throw new CheckFailed({ ok: false, error: { code: error.code, message: error.message } });
  }
}

export const notifyVerify: Command = {
  path: ['notify', 'verify'],
  summary: 'verify a notification body',
  help: `etkit notify verify --salt-file FILE|--salt S [--content-type T] [--rule v2|v1] [--null-members omit|empty|null-text] [--profile FILE] [--in FILE]

Reads the notification body (stdin or --in) the way @etkit/notify's receivers do (T: application/json, the
default; application/x-www-form-urlencoded; multipart/form-data; boundary=...) and checks its "sign" in
constant time, then that the signed string reads as these fields only (a re-cut forgery fails with AMBIGUOUS,
as the receivers refuse it). Prints {"ok", "fields"}; exit 1 when the body is unreadable, the signature missing or
wrong, or the fields ambiguous, with @etkit/notify's error code: MALFORMED, SIGN_MISSING, SIGNATURE_INVALID, AMBIGUOUS. --profile FILE: as for notify sign.`,
  options,
  async run(values, io) {
    const salt = await readSalt(values);
    const { rule, nullMembers } = await notificationOptions(values);
    const contentType = values['content-type'] as string | undefined;
    const fields = await parseForVerify(await readBody(io, values), contentType, nullMembers);
    if (!fields.sign) {
      throw new CheckFailed({ ok: false, error: { code: 'SIGN_MISSING', message: 'the body has no sign field' } });
    }
    if (!verifyNotification(fields, salt, { rule })) {
      throw new CheckFailed({
        ok: false,
        error: { code: 'SIGNATURE_INVALID', message: 'sign does not match (wrong salt, rule, or values changed)' },
      });
    }
    refuseAmbiguous(fields, salt, rule);
    const { sign: _sign, ...rest } = fields;
    printJson(io, { ok: true, fields: rest });
    return 0;
  },
};

/**
 * A sign that matches says nothing of how the signed string was cut into fields (@etkit/notify's README,
 * Security): fields that are one reading among several, a re-cut forgery perhaps, fail as the receivers refuse them.
 */
function refuseAmbiguous(fields: Record<string, string>, salt: string, rule: NotificationRule): void {
  try {
    createNotificationVerifier({ salt, profile: { notificationRule: rule } }).openFields(fields);
  } catch (error) {
    if (isNotificationError(error) && error.code === 'AMBIGUOUS') {
      throw new CheckFailed({ ok: false, error: { code: 'AMBIGUOUS', message: error.message } });
    }
  }
}
