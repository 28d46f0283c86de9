import { parseRawJsonObject } from '@etkit/crypto';
import type { EnvironmentKind } from '../probe/environment.js';
import type { ProbeResult } from '../probe/probe.js';
import type { ResponseVariantOutcome } from '../probe/response-variants.js';
import { safeMessage } from './safe-text.js';
import { describeShape, type Shape, safeFieldName, shapeOf } from './shape.js';

/** A captured envelope as the report sees it: the body, and what opening it revealed (shapes only go out). */
export interface CapturedEnvelope {
  body: string;
  /** Decrypted and parsed parts, when the keys opened it; described by shape, never copied. */
  opened?: { data?: unknown; sensitive?: unknown };
}

export interface ReportInput {
  source: 'probe' | 'captured';
  environment?: EnvironmentKind;
  keyBits: { merchantPrivateKey?: number; etPublicKey?: number };
  probe?: ProbeResult;
  request?: CapturedEnvelope;
  response?: CapturedEnvelope;
  /** The response-side doctor on the captured response. */
  doctor?: { profile: unknown; attempts: ResponseVariantOutcome[] };
  /** Values that must never appear, even inside a server message (merchant numbers, anything seen in a payload). */
  knownValues: string[];
}

export interface ProtocolReport {
  json: Record<string, unknown>;
  markdown: string;
}

/** Top-level envelope fields by shape; a number keeps the shape of its wire text. */
function envelopeShape(body: string): Record<string, Shape> | { notAnEnvelope: Shape } {
  try {
    const fields = parseRawJsonObject(body);
    const shapes: Record<string, Shape> = {};
    for (const [name, field] of Object.entries(fields)) {
      if (field.type === 'number') {
        const [whole = '', fraction = ''] = field.text.replace(/^-/, '').split('.');
        shapes[safeFieldName(name)] = { type: 'number', digits: whole.length, decimals: fraction.length };
      } else {
        shapes[safeFieldName(name)] = shapeOf(field.value);
      }
    }
    return shapes;
  } catch {
    return { notAnEnvelope: shapeOf(body) };
  }
}

/** Every string and number text in a value, so a server message echoing one of them can be scrubbed. */
export function valuesIn(value: unknown, into: string[] = [], depth = 0): string[] {
  if (depth > 8) return into;
  if (typeof value === 'string') {
    into.push(value);
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        valuesIn(JSON.parse(trimmed), into, depth + 1);
      } catch {}
    }
  } else if (typeof value === 'number') into.push(String(value));
  else if (Array.isArray(value)) for (const item of value) valuesIn(item, into, depth + 1);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) valuesIn(item, into, depth + 1);
  return into;
}

/** status_code and message of an envelope (the message scrubbed), when it has them. */
function statusOf(body: string, scrub: (text: string) => string): { statusCode?: string; message?: string } {
  try {
    const fields = parseRawJsonObject(body);
    const text = (name: string) => (fields[name]?.type === 'string' ? fields[name].text : undefined);
    const statusCode = text('status_code');
    const message = text('message');
    return {
      // A code is shown as is when it looks like one (ET's are six digits); anything else only by its length.
      ...(statusCode !== undefined
        ? { statusCode: /^[A-Za-z0-9_-]{1,16}$/.test(statusCode) ? statusCode : `<${statusCode.length} chars>` }
        : {}),
      ...(message !== undefined ? { message: scrub(message) } : {}),
    };
  } catch {
    return {};
  }
}

function capturedJson(envelope: CapturedEnvelope | undefined, scrub: (text: string) => string) {
  if (!envelope) return undefined;
  return {
    ...statusOf(envelope.body, scrub),
    fields: envelopeShape(envelope.body),
    ...(envelope.opened
      ? {
          opened: {
            ...(envelope.opened.data !== undefined ? { data: shapeOf(envelope.opened.data) } : {}),
            ...(envelope.opened.sensitive !== undefined ? { sensitive: shapeOf(envelope.opened.sensitive) } : {}),
          },
        }
      : {}),
  };
}

/**
 * A protocol report a merchant can post on a public issue tracker: the variants tried and what each answer was,
 * status codes and messages, field names and the shapes of values, key sizes. No key material, salts, signatures,
 * ciphertexts, serial numbers or personal data: values appear only as shapes, messages are scrubbed.
 */
export function buildReport(input: ReportInput): ProtocolReport {
  const known = input.knownValues;
  const scrub = (text: string) => safeMessage(text, known);
  const probe = input.probe;
  const answers = probe?.observations.map(({ attempt, body }) => ({
    ...attempt,
    ...(attempt.message !== undefined ? { message: scrub(attempt.message) } : {}),
    ...(body !== undefined ? { answerFields: envelopeShape(body) } : {}),
  }));
  const json: Record<string, unknown> = {
    report: 'etkit protocol report',
    version: 1,
    source: input.source,
    ...(input.environment ? { environment: input.environment } : {}),
    keyBits: input.keyBits,
    ...(probe
      ? {
          probe: {
            ok: probe.ok,
            profile: probe.profile,
            evidence: probe.evidence,
            undetermined: probe.undetermined,
            ...(probe.stopped ? { stopped: probe.stopped } : {}),
            attempts: answers,
          },
        }
      : {}),
    ...(input.request ? { request: capturedJson(input.request, scrub) } : {}),
    ...(input.response ? { response: capturedJson(input.response, scrub) } : {}),
    ...(input.doctor ? { responseVariants: input.doctor } : {}),
  };
  return { json, markdown: markdownOf(input, json, answers) };
}

function table(header: string[], rows: string[][]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

function fieldTable(title: string, shapes: Record<string, Shape>): string {
  return `${title}\n\n${table(
    ['field', 'shape'],
    Object.entries(shapes).map(([name, shape]) => [`\`${name}\``, describeShape(shape)]),
  )}\n`;
}

function openedTables(title: string, shape: Shape | undefined): string {
  if (!shape) return '';
  // A list of records: describe the first record's fields, which is what a reader of the protocol needs.
  const record = shape.type === 'array' ? shape.items?.[0] : shape;
  if (record?.type === 'object')
    return fieldTable(`${title} (${describeShape(shape)}; fields of the first item)`, record.fields);
  return `${title}: ${describeShape(shape)}\n`;
}

function markdownOf(
  input: ReportInput,
  json: Record<string, unknown>,
  answers: Array<Record<string, unknown>> | undefined,
): string {
  const parts: string[] = [
    '# EasyTransfer protocol report (etkit)',
    '',
    'Written by `etkit doctor --report`. It describes values by their **shape** only (JSON type, length, character ' +
      'classes): no keys, salts, signatures, ciphertexts, serial numbers or personal data. Read it before you post it.',
    '',
    `- source: ${input.source}${input.environment ? `, environment: ${input.environment}` : ''}`,
    `- key sizes: merchant private key ${input.keyBits.merchantPrivateKey ?? 'not given'} bits, ET public key ${input.keyBits.etPublicKey ?? 'not given'} bits`,
  ];
  const probe = input.probe;
  if (probe) {
    parts.push(
      '',
      '## Probe result',
      '',
      `- a variant was accepted: ${probe.ok ? 'yes' : 'no'}`,
      `- profile found: \`${JSON.stringify(probe.profile)}\``,
      ...Object.entries(probe.evidence).map(([option, how]) => `- ${option} found from: ${how}`),
      ...(probe.stopped
        ? [`- stopped at request ${probe.stopped.request}: ${probe.stopped.reason} (${probe.stopped.detail})`]
        : []),
      '',
      table(
        ['option', 'why undetermined'],
        probe.undetermined.map((u) => [`\`${u.option}\``, u.reason]),
      ),
      '',
      '## Requests sent (get_rate, read-only)',
      '',
      table(
        [
          '#',
          'step',
          'signature hash',
          'canonical form',
          'key wrap',
          'answer',
          'HTTP',
          'status_code',
          'message',
          'ET signature',
        ],
        (answers ?? []).map((a) => {
          const variant = a.variant as { signatureHash: string; canonicalForm: string; keyWrap: string | null };
          return [
            String(a.request),
            String(a.step),
            variant.signatureHash,
            variant.canonicalForm,
            variant.keyWrap ?? '(nothing encrypted)',
            String(a.answer) +
              (a.sameAsWithoutEncryptedPart === undefined
                ? ''
                : a.sameAsWithoutEncryptedPart
                  ? ', same as unencrypted'
                  : ', differs from unencrypted'),
            a.httpStatus === undefined ? '-' : String(a.httpStatus),
            a.statusCode === undefined ? '-' : String(a.statusCode),
            (a.message as string | undefined) ?? (a.detail as string | undefined) ?? '',
            (a.responseSignature as string | undefined) ?? '-',
          ];
        }),
      ),
    );
    const firstAnswer = answers?.find((a) => a.answerFields !== undefined);
    if (firstAnswer) {
      parts.push(
        '',
        fieldTable(`Fields of answer #${firstAnswer.request}:`, firstAnswer.answerFields as Record<string, Shape>),
      );
    }
  }
  const request = json.request as ReturnType<typeof capturedJson>;
  if (request) {
    parts.push('', '## Captured request', '', fieldTable('Envelope fields:', request.fields as Record<string, Shape>));
  }
  const response = json.response as ReturnType<typeof capturedJson>;
  if (response) {
    parts.push('', '## Captured response', '');
    if (response.statusCode !== undefined) {
      parts.push(`- status_code: \`${response.statusCode}\`, message: ${response.message ?? '(none)'}`, '');
    }
    parts.push(fieldTable('Envelope fields:', response.fields as Record<string, Shape>));
    parts.push(openedTables('Decrypted `sensitive_data`', response.opened?.sensitive as Shape | undefined));
    parts.push(openedTables('Parsed `data`', response.opened?.data as Shape | undefined));
  }
  if (input.doctor) {
    parts.push(
      '',
      '## Response variants tried',
      '',
      `Profile that opens the response: \`${JSON.stringify(input.doctor.profile)}\``,
      '',
      table(
        ['signature hash', 'canonical form', 'key wrap', 'outcome'],
        input.doctor.attempts.map((a) => [a.signatureHash, a.canonicalForm, a.keyWrap, a.outcome]),
      ),
    );
  }
  parts.push(
    '',
    '<details><summary>The same as JSON</summary>',
    '',
    '```json',
    JSON.stringify(json, null, 2),
    '```',
    '',
    '</details>',
    '',
  );
  return parts.join('\n');
}
