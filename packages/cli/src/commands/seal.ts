import { sealRequest, sealResponse } from '@etkit/crypto';
import type { Command } from '../command.js';
import { cryptoFailure, keyOptionSpecs, readJsonObject, readKeys, sideOf } from '../envelope-io.js';
import { printJson, UsageError } from '../io.js';
import { profileFromFileAndFlags, profileHelp, profileOptionSpecs } from '../profile-flags.js';

function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`input field ${name} must be a string`);
  return value;
}

function requiredString(input: Record<string, unknown>, name: string): string {
  const value = optionalString(input, name);
  if (!value) throw new UsageError(`input field ${name} is required`);
  return value;
}

export const seal: Command = {
  path: ['seal'],
  summary: 'seal a request (--side merchant) or a response (--side et)',
  help: `etkit seal --side merchant|et --private-key FILE --public-key FILE [--in FILE] [profile options]

--side merchant: seal a request as the merchant. Keys: the merchant's private key, ET's public key.
  Input JSON: {"server_type", "merchant_number", "sub_merchant_number", "data"?, "sensitive"?,
               "serial_number"?, "return_info"?, "extend_info"?, "version"?, "callback_process"?}
--side et: seal a response as ET. Keys: ET's private key, the merchant's public key.
  Input JSON: {"status_code"?, "message"?, "data"? (list), "sensitive"? (list), "count"?, "return_info"?}
Prints the envelope JSON. Input from --in FILE or stdin.

${profileHelp}`,
  options: { ...keyOptionSpecs, ...profileOptionSpecs },
  async run(values, io) {
    const side = sideOf(values.side);
    const keys = await readKeys(values);
    const profile = await profileFromFileAndFlags(values);
    const input = await readJsonObject(io, values.in as string | undefined);
    try {
      if (side === 'merchant') {
        const data = input.data;
        if (data !== undefined && typeof data !== 'string' && (typeof data !== 'object' || data === null)) {
          throw new UsageError('input field data must be an object or a JSON string');
        }
        const sensitive = input.sensitive;
        if (sensitive !== undefined && (typeof sensitive !== 'object' || sensitive === null)) {
          throw new UsageError('input field sensitive must be an object');
        }
        const callback = input.callback_process;
        if (callback !== undefined && callback !== 0 && callback !== 1) {
          throw new UsageError('input field callback_process must be 0 or 1');
        }
        const serialNumber = optionalString(input, 'serial_number');
        const version = optionalString(input, 'version');
        const returnInfo = optionalString(input, 'return_info');
        const extendInfo = optionalString(input, 'extend_info');
        const envelope = await sealRequest(
          {
            server_type: requiredString(input, 'server_type'),
            merchant_number: requiredString(input, 'merchant_number'),
            sub_merchant_number: requiredString(input, 'sub_merchant_number'),
            ...(serialNumber !== undefined ? { serial_number: serialNumber } : {}),
            ...(data !== undefined ? { data: data as object | string } : {}),
            ...(version !== undefined ? { version } : {}),
            ...(callback !== undefined ? { callback_process: callback as 0 | 1 } : {}),
            ...(returnInfo !== undefined ? { return_info: returnInfo } : {}),
            ...(extendInfo !== undefined ? { extend_info: extendInfo } : {}),
          },
          {
            merchantPrivateKey: keys.privateKey,
            etPublicKey: keys.publicKey,
            profile,
            ...(sensitive !== undefined ? { sensitive: sensitive as object } : {}),
          },
        );
        printJson(io, envelope);
        return 0;
      }
      const data = input.data;
      if (data !== undefined && typeof data !== 'string' && !Array.isArray(data)) {
        throw new UsageError('input field data must be a list or a JSON string');
      }
      const sensitive = input.sensitive;
      if (sensitive !== undefined && !Array.isArray(sensitive))
        throw new UsageError('input field sensitive must be a list');
      const count = input.count;
      if (count !== undefined && !Number.isInteger(count)) throw new UsageError('input field count must be an integer');
      const statusCode = optionalString(input, 'status_code');
      const message = optionalString(input, 'message');
      const returnInfo = optionalString(input, 'return_info');
      const extendInfo = optionalString(input, 'extend_info');
      const envelope = await sealResponse(
        {
          ...(statusCode !== undefined ? { status_code: statusCode } : {}),
          ...(message !== undefined ? { message } : {}),
          ...(data !== undefined ? { data: data as unknown[] | string } : {}),
          ...(count !== undefined ? { count: count as number } : {}),
          ...(returnInfo !== undefined ? { return_info: returnInfo } : {}),
          ...(extendInfo !== undefined ? { extend_info: extendInfo } : {}),
        },
        {
          etPrivateKey: keys.privateKey,
          merchantPublicKey: keys.publicKey,
          profile,
          ...(sensitive !== undefined ? { sensitive: sensitive as unknown[] } : {}),
        },
      );
      printJson(io, envelope);
      return 0;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return cryptoFailure(error);
    }
  },
};
