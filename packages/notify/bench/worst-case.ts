/**
 * pnpm bench:worst-case [--slices N] [--slice-ms MS] [--max-body-bytes N] [--only SUBSTRING]
 *
 * The cost of the worst notification bodies and headers we can construct, each next to a real notification
 * measured in the same run. Every input is as large as the default `maxBodyBytes` lets it be (or larger, where
 * the point is that it is refused before it is read), and goes through `verifier.open()` as bytes: UTF-8
 * decoding, Content-Type, the body parser, the signature check (MD5 over everything kept) and classification.
 *
 * Method: CPU time (process.cpuUsage) per call, in slices of --slice-ms (default 100) alternating with the
 * baseline, keeping each one's best slice of --slices (default 7): on a shared machine the best slice is the
 * least disturbed one, and alternating exposes both to the same load. Target: worst ≤ 20× the baseline.
 */
import { createNotificationVerifier, DEFAULT_MAX_BODY_BYTES, type NotificationError } from '../src/index.js';
import { buildNotification } from '../src/testing.js';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const slices = argument('slices', 7);
const sliceMs = argument('slice-ms', 100);
const limit = argument('max-body-bytes', DEFAULT_MAX_BODY_BYTES);
const salt = 'worst-case-bench-salt';
const verifier = createNotificationVerifier({ salt, maxBodyBytes: limit });
const utf8 = new TextEncoder();

interface Case {
  name: string;
  body: Uint8Array;
  contentType: string | undefined;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const BOUNDARY = 'B'.repeat(69);
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const WRONG_SIGN = '0'.repeat(32);

/** `head + unit × k + tail` for the largest k that keeps the UTF-8 bytes within `bytes`. */
function fill(head: string, unit: string, tail: string, bytes = limit): string {
  const fixed = utf8.encode(head + tail).byteLength;
  const k = Math.max(0, Math.floor((bytes - fixed) / utf8.encode(unit).byteLength));
  return head + unit.repeat(k) + tail;
}

/** `items` joined by `separator` between head and tail, as many as fit within `bytes`. */
function fillList(head: string, item: (i: number) => string, separator: string, tail: string, bytes = limit): string {
  const parts: string[] = [];
  let size = utf8.encode(head + tail).byteLength;
  for (let i = 0; ; i++) {
    const next = utf8.encode((i === 0 ? '' : separator) + item(i)).byteLength;
    if (size + next > bytes) break;
    parts.push(item(i));
    size += next;
  }
  return head + parts.join(separator) + tail;
}

/** `build(n)` for the largest n whose UTF-8 bytes stay within `bytes`. */
function largest(build: (n: number) => string, bytes = limit): string {
  let low = 0;
  let high = bytes;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (utf8.encode(build(middle)).byteLength <= bytes) low = middle;
    else high = middle - 1;
  }
  return build(low);
}

const part = (name: string, value: string, extraHeaders = '') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n${extraHeaders}\r\n${value}\r\n`;
const close = `--${BOUNDARY}--\r\n`;

function cases(): Case[] {
  const real = (encoding: 'form' | 'json' | 'multipart') => {
    const built = buildNotification({ salt, encoding, jsonNumbers: encoding === 'json' });
    return { body: utf8.encode(built.body), contentType: built.contentType };
  };
  const realForm = real('form');
  const make = (name: string, body: string, contentType: string | undefined): Case => ({
    name,
    body: utf8.encode(body),
    contentType,
  });
  // A genuine, correctly signed notification that carries a huge but legal extend_info: the most an accepted
  // notification can cost.
  const fields63 = (field: (i: number) => string, separator: string) =>
    Array.from({ length: 63 }, (_, i) => field(i)).join(separator);
  const genuineFilling = (encoding: 'form' | 'json' | 'multipart') => {
    const body = largest(
      (n) => buildNotification({ salt, encoding, kind: 'payment_result', fields: { extend_info: 'x'.repeat(n) } }).body,
    );
    return { body: utf8.encode(body), contentType: buildNotification({ salt, encoding }).contentType };
  };
  // Genuine (signed) notifications whose free text is full of `&name=` boundaries: past the signature, the walk
  // over the ways to cut the signed string (README, Security) has the most to do with these.
  const genuineCuts = (kind: 'payment_result' | 'remittance_voucher', text: (n: number) => string) => {
    const fields = (n: number): Record<string, string> =>
      kind === 'payment_result'
        ? { extend_info: text(n) }
        : {
            extend_info: text(Math.floor(n / 2)),
            remittance_voucher_url: `https://v.example/v.pdf?${text(Math.ceil(n / 2))}`,
          };
    const body = largest((n) => buildNotification({ salt, encoding: 'json', kind, fields: fields(n) }).body);
    return { body: utf8.encode(body), contentType: 'application/json' };
  };
  const runs = (run: (i: number) => string) => (n: number) => Array.from({ length: n }, (_, i) => run(i)).join('');
  const ascending = (prefix: string) => runs((i) => `&${prefix}${String(i).padStart(4, '0')}=`);
  return [
    { name: 'real form notification (baseline)', ...realForm },
    { name: 'real JSON notification', ...real('json') },
    { name: 'real multipart notification', ...real('multipart') },
    { name: 'genuine form notification, extend_info filling the limit', ...genuineFilling('form') },
    { name: 'genuine JSON notification, extend_info filling the limit', ...genuineFilling('json') },
    { name: 'genuine multipart notification, extend_info filling the limit', ...genuineFilling('multipart') },
    {
      name: 'genuine: extend_info of & only',
      ...genuineCuts(
        'payment_result',
        runs(() => '&'),
      ),
    },
    {
      name: 'genuine: extend_info of &f=1 runs (AMBIGUOUS)',
      ...genuineCuts(
        'payment_result',
        runs(() => '&f=1'),
      ),
    },
    { name: 'genuine: extend_info of ascending &fNNNN= (AMBIGUOUS)', ...genuineCuts('payment_result', ascending('f')) },
    {
      name: 'genuine voucher: both free texts of ascending runs (AMBIGUOUS)',
      ...genuineCuts('remittance_voucher', (n) => `${ascending('f')(n)}${ascending('s')(n)}`.slice(0, n * 7)),
    },
    // Content-Type
    {
      name: 'Content-Type 15 000 characters (refused)',
      body: realForm.body,
      contentType: `${FORM}; a="${'x'.repeat(15_000)}"`,
    },
    {
      name: 'Content-Type 2 000 parameters (refused)',
      body: realForm.body,
      contentType: `${FORM}${'; a=b'.repeat(2000)}`,
    },
    {
      name: 'Content-Type 512 characters of quoted escapes',
      body: realForm.body,
      contentType: fill(`${FORM}; x="`, '\\"', '"', 512),
    },
    {
      name: 'Content-Type 9 parameters (refused)',
      body: realForm.body,
      contentType: `${FORM}${Array.from({ length: 9 }, (_, i) => `; p${i}=v`).join('')}`,
    },
    // JSON
    make(
      'JSON: thousands of members (refused at the 65th)',
      fillList('{', (i) => `"${i}":1`, ',', '}'),
      JSON_TYPE,
    ),
    make(
      'JSON: 64 members filling the limit',
      largest((n) => `{"sign":"${WRONG_SIGN}",${fields63((i) => `"f${i}":"${'y'.repeat(n)}"`, ',')}}`),
      JSON_TYPE,
    ),
    make('JSON: one string of \\n escapes', fill(`{"sign":"${WRONG_SIGN}","extend_info":"`, '\\n', '"}'), JSON_TYPE),
    make(
      'JSON: one string of \\u escapes',
      fill(`{"sign":"${WRONG_SIGN}","extend_info":"`, '\\u5b66', '"}'),
      JSON_TYPE,
    ),
    make('JSON: one string of escaped quotes', fill(`{"sign":"${WRONG_SIGN}","extend_info":"`, '\\"', '"}'), JSON_TYPE),
    make('JSON: one string of &name= runs', fill(`{"sign":"${WRONG_SIGN}","extend_info":"`, '&a=', '"}'), JSON_TYPE),
    make(
      'JSON: nesting as deep as fits (refused)',
      largest((n) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`),
      JSON_TYPE,
    ),
    make('JSON: a list of numbers 3 deep', fill(`{"sign":"${WRONG_SIGN}","a":[[[1`, ',1', ']]]}'), JSON_TYPE),
    make('JSON: a list of re-formatted numbers', fill(`{"sign":"${WRONG_SIGN}","a":[1.0`, ',1.0', ']}'), JSON_TYPE),
    make(
      'JSON: thousands of nested members',
      fillList(`{"sign":"${WRONG_SIGN}","a":{`, (i) => `"${i}":1`, ',', '}}'),
      JSON_TYPE,
    ),
    make('JSON: a list of short strings', fill(`{"sign":"${WRONG_SIGN}","a":["`, '","', '"]}'), JSON_TYPE),
    make('JSON: whitespace', fill('{', ' ', `"sign":"${WRONG_SIGN}"}`), JSON_TYPE),
    // form-urlencoded
    make(
      'form: thousands of fields (refused at the 65th)',
      fillList('', (i) => `${i}=`, '&', ''),
      FORM,
    ),
    make('form: only & separators', fill('', '&', `&sign=${WRONG_SIGN}`), FORM),
    make('form: one value of %XX escapes', fill(`sign=${WRONG_SIGN}&extend_info=`, '%41', ''), FORM),
    make('form: one value of UTF-8 escapes', fill(`sign=${WRONG_SIGN}&extend_info=`, '%E5%AD%A6', ''), FORM),
    make('form: one value of + (spaces)', fill(`sign=${WRONG_SIGN}&extend_info=`, '+', ''), FORM),
    make('form: one value of = signs', fill(`sign=${WRONG_SIGN}&extend_info=`, '=', ''), FORM),
    make(
      'form: 64 fields filling the limit',
      largest((n) => `sign=${WRONG_SIGN}&${fields63((i) => `f${i}=${'y'.repeat(n)}`, '&')}`),
      FORM,
    ),
    make('form: a name filling the limit (refused)', fill('', 'n', '=1'), FORM),
    // multipart
    make(
      'multipart: thousands of parts (refused at the 65th)',
      fillList('', (i) => part(`${i}`, ''), '', close),
      MULTIPART,
    ),
    make(
      'multipart: 64 parts filling the limit',
      largest((n) => `${part('sign', WRONG_SIGN)}${fields63((i) => part(`f${i}`, 'y'.repeat(n)), '')}${close}`),
      MULTIPART,
    ),
    make(
      'multipart: one value filling the limit',
      fill(part('sign', WRONG_SIGN) + part('x', '').slice(0, -2), 'y', `\r\n${close}`),
      MULTIPART,
    ),
    make(
      'multipart: a value of near-delimiters',
      fill(part('sign', WRONG_SIGN) + part('x', '').slice(0, -2), `\r\n--${BOUNDARY.slice(0, -1)}X`, `\r\n${close}`),
      MULTIPART,
    ),
    make(
      'multipart: a preamble filling the limit',
      fill('', 'p', `\r\n${part('sign', WRONG_SIGN)}${close}`),
      MULTIPART,
    ),
    make(
      'multipart: a header block filling the limit (refused)',
      fill(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\nX-Pad: `, 'h', `\r\n\r\nv\r\n${close}`),
      MULTIPART,
    ),
    make(
      'multipart: a base64 part (refused)',
      `${part('x', 'eA==', 'Content-Transfer-Encoding: base64\r\n')}${close}`,
      MULTIPART,
    ),
    // whole body
    make('a body of spaces', ' '.repeat(limit), FORM),
    make('no Content-Type, sniffed: spaces then JSON', fill('', ' ', `{"sign":"${WRONG_SIGN}"}`), undefined),
    {
      name: 'invalid UTF-8 in the last byte',
      body: Uint8Array.from([...utf8.encode('a'.repeat(limit - 1)), 0xff]),
      contentType: FORM,
    },
    make('one byte over the limit (refused)', 'a'.repeat(limit + 1), FORM),
  ];
}

async function outcome(input: Case): Promise<string> {
  try {
    const notification = await verifier.open(input);
    return `accepted (${notification.kind})`;
  } catch (error) {
    return (error as NotificationError).code ?? String(error);
  }
}

/** CPU microseconds per call of `task` over one slice. */
async function cpuPerCall(task: () => Promise<unknown>): Promise<number> {
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const deadline = performance.now() + sliceMs;
  while (performance.now() < deadline) {
    for (let i = 0; i < 10; i++) await task().catch(() => {});
    calls += 10;
  }
  const cpu = process.cpuUsage(cpuStart);
  return (cpu.user + cpu.system) / calls;
}

async function main(): Promise<void> {
  const all = cases();
  const baseline = all[0]!;
  const open = (input: Case) => () => verifier.open(input);
  console.log(
    `notify worst-case inputs: verifier.open() on bytes, maxBodyBytes ${limit}, CPU µs per call, best of ${slices} ` +
      `${sliceMs} ms slices alternating with the baseline (Node ${process.version})\n`,
  );
  console.log(`${'input'.padEnd(58)} ${'bytes'.padStart(7)}  ${'µs'.padStart(8)}  ${'ratio'.padStart(6)}  outcome`);
  let worst = { name: '', ratio: 0 };
  for (const input of all) {
    if (only !== undefined && input !== baseline && !input.name.includes(only)) continue;
    await cpuPerCall(open(baseline));
    await cpuPerCall(open(input));
    let best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    for (let slice = 0; slice < slices; slice++) {
      best = [Math.min(best[0]!, await cpuPerCall(open(baseline))), Math.min(best[1]!, await cpuPerCall(open(input)))];
    }
    const ratio = best[1]! / best[0]!;
    if (input !== baseline && ratio > worst.ratio) worst = { name: input.name, ratio };
    console.log(
      `${input.name.padEnd(58)} ${String(input.body.byteLength).padStart(7)}  ${best[1]!.toFixed(1).padStart(8)}  ` +
        `${ratio.toFixed(1).padStart(5)}×  ${await outcome(input)}  (baseline ${best[0]!.toFixed(1)} µs)`,
    );
  }
  console.log(`\nworst: ${worst.name}, ${worst.ratio.toFixed(1)}× the real form notification (target ≤ 20×)`);
}

await main();
