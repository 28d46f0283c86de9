import {
  type ProtocolProfile,
  parseRawJsonObject,
  type RsaPrivateKey,
  type RsaPublicKey,
  sealRequest,
} from '@etkit/crypto';
import { safeMessage } from '../report/safe-text.js';
import { readResponseVariants } from './response-variants.js';
import type { Delivery, Send } from './send.js';
import { canonicalForms, keyWraps, signatureHashes, type Variant } from './variants.js';

/** Courtesy towards ET's test servers: never more requests than this in one probe. */
export const maxProbeRequests = 24;

/** The documented success code (PROTOCOL.md §3 [doc]); every other answer is compared, never interpreted. */
const successCode = '000000';

export interface ProbeOptions {
  url: string;
  merchantNumber: string;
  subMerchantNumber: string;
  merchantPrivateKey: RsaPrivateKey;
  etPublicKey: RsaPublicKey;
  timeoutMs: number;
  send: Send;
}

export type AnswerKind = 'accepted' | 'refused' | 'timeout' | 'connection-refused' | 'network-error';

/** One request of the probe, as printed: no keys, salts, ciphertexts, signatures or serial numbers. */
export interface ProbeAttempt {
  request: number;
  /** `signature`: get_rate without an encrypted part; `key-wrap`: the same with an encrypted empty object. */
  step: 'signature' | 'key-wrap';
  variant: { signatureHash: string; canonicalForm: string; keyWrap: string | null };
  answer: AnswerKind;
  httpStatus?: number;
  /** The envelope's status_code, or null when the answer is not a JSON object. */
  statusCode?: string | null;
  message?: string;
  /** Whether ET's signature on the answer verified under some variant (`absent`: unsigned). */
  responseSignature?: 'verified' | 'not-verified' | 'absent' | 'not-an-envelope';
  /** key-wrap step: whether the answer equals the one the same request got without an encrypted part. */
  sameAsWithoutEncryptedPart?: boolean;
  /** Why there was no answer (timeout, refused connection). */
  detail?: string;
}

/** Kept for the report (shapes only are written out); never printed as is. */
export interface ProbeObservation {
  attempt: ProbeAttempt;
  body?: string;
}

export type ProbedOption = 'signatureHash' | 'canonicalForm' | 'keyWrap';

export interface Undetermined {
  option: keyof ProtocolProfile;
  reason: string;
}

export interface ProbeResult {
  ok: boolean;
  profile: Partial<Pick<ProtocolProfile, ProbedOption>>;
  undetermined: Undetermined[];
  attempts: ProbeAttempt[];
  /** How each probed option was found: `request` (accepted vs refused), `response` (ET's signature), or both. */
  evidence: Partial<Record<ProbedOption, string>>;
  /** Set when the probe stopped because the server did not answer. */
  stopped?: { request: number; reason: 'timeout' | 'connection-refused' | 'network-error'; detail: string };
  observations: ProbeObservation[];
}

interface Answer {
  attempt: ProbeAttempt;
  /** What the server said, for comparing variants: HTTP status, status_code and message. */
  key: string;
  accepted: boolean;
  variant: Variant;
}

type Candidates = { [K in ProbedOption]: Set<string> };

/**
 * The live probe (`etkit doctor --probe`). Sends get_rate — read-only — one variant after another, sequentially,
 * and decides from what differs between the answers: accepted against refused, or one variant refused
 * differently from the rest. ET's own signature on each answer narrows the candidates too (the response-side
 * doctor), which lets the probe jump to the right variant and stop early.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeResult> {
  const attempts: ProbeAttempt[] = [];
  const observations: ProbeObservation[] = [];
  const fromResponses: Candidates = {
    signatureHash: new Set(signatureHashes),
    canonicalForm: new Set(canonicalForms),
    keyWrap: new Set(keyWraps),
  };
  let stopped: ProbeResult['stopped'];
  const knownValues = [options.merchantNumber, options.subMerchantNumber];

  async function send(step: ProbeAttempt['step'], variant: Variant, encrypted: boolean): Promise<Answer | undefined> {
    const request = attempts.length + 1;
    if (request > maxProbeRequests) return undefined;
    const envelope = await sealRequest(
      {
        server_type: 'get_rate',
        merchant_number: options.merchantNumber,
        sub_merchant_number: options.subMerchantNumber,
        data: {},
        // Empty on purpose: empty fields are what tell the two canonical forms apart.
        return_info: '',
        extend_info: '',
      },
      {
        merchantPrivateKey: options.merchantPrivateKey,
        etPublicKey: options.etPublicKey,
        profile: variant,
        // An empty object: the encrypted part tells key wraps apart and carries no data of anyone's.
        ...(encrypted ? { sensitive: {} } : {}),
      },
    );
    const delivery: Delivery = await options.send(options.url, JSON.stringify(envelope), options.timeoutMs);
    const printedVariant = {
      signatureHash: variant.signatureHash,
      canonicalForm: variant.canonicalForm,
      keyWrap: encrypted ? variant.keyWrap : null,
    };
    if (delivery.kind !== 'answer') {
      const attempt: ProbeAttempt = {
        request,
        step,
        variant: printedVariant,
        answer: delivery.kind,
        detail: delivery.detail,
      };
      attempts.push(attempt);
      observations.push({ attempt });
      stopped = { request, reason: delivery.kind, detail: delivery.detail };
      return undefined;
    }
    const envelopeFields = readEnvelope(delivery.body);
    const statusCode = envelopeFields ? (envelopeFields.statusCode ?? null) : null;
    const message = envelopeFields?.message ?? '';
    const accepted = delivery.httpStatus === 200 && statusCode === successCode;
    let responseSignature: ProbeAttempt['responseSignature'] = 'not-an-envelope';
    if (envelopeFields) {
      responseSignature = envelopeFields.signed ? 'not-verified' : 'absent';
      if (envelopeFields.signed) {
        const reading = await readResponseVariants(delivery.body, options);
        if (reading.working.length > 0) {
          responseSignature = 'verified';
          narrow(
            fromResponses.signatureHash,
            reading.working.map((v) => v.signatureHash),
          );
          if (reading.hasEmptyField)
            narrow(
              fromResponses.canonicalForm,
              reading.working.map((v) => v.canonicalForm),
            );
          if (reading.aeskeyPresent)
            narrow(
              fromResponses.keyWrap,
              reading.working.map((v) => v.keyWrap),
            );
        }
      }
    }
    const attempt: ProbeAttempt = {
      request,
      step,
      variant: printedVariant,
      answer: accepted ? 'accepted' : 'refused',
      httpStatus: delivery.httpStatus,
      statusCode,
      ...(envelopeFields ? { message: safeMessage(message, knownValues) } : {}),
      responseSignature,
    };
    attempts.push(attempt);
    observations.push({ attempt, body: delivery.body });
    const answer = { attempt, key: `${delivery.httpStatus}|${statusCode}|${message}`, accepted, variant };
    return answer;
  }

  // Step 1: signature hash × canonical form, on get_rate without an encrypted part.
  const signatureVariants = signatureHashes.flatMap((signatureHash) =>
    canonicalForms.map((canonicalForm) => ({ signatureHash, canonicalForm, keyWrap: keyWraps[0]! })),
  );
  const signatureAnswers: Answer[] = [];
  while (stopped === undefined && !signatureDecided(signatureAnswers, fromResponses)) {
    const untried = signatureVariants.filter((v) => !signatureAnswers.some((a) => sameSignature(a.variant, v)));
    // What ET's signatures said so far goes first: the right variant is then usually the second request.
    const next =
      untried.find(
        (v) => fromResponses.signatureHash.has(v.signatureHash) && fromResponses.canonicalForm.has(v.canonicalForm),
      ) ?? untried[0];
    if (next === undefined) break;
    const answer = await send('signature', next, false);
    if (answer === undefined) break;
    signatureAnswers.push(answer);
  }

  const undetermined: Undetermined[] = [];
  const profile: ProbeResult['profile'] = {};
  const evidence: ProbeResult['evidence'] = {};
  const accepted = signatureAnswers.filter((a) => a.accepted);
  const standout = accepted.length === 0 ? refusedDifferently(signatureAnswers) : undefined;
  const chosen =
    accepted.find(
      (a) =>
        fromResponses.signatureHash.has(a.variant.signatureHash) &&
        fromResponses.canonicalForm.has(a.variant.canonicalForm),
    ) ??
    accepted[0] ??
    standout;

  for (const option of ['signatureHash', 'canonicalForm'] as const) {
    const decision = decideSignatureOption(
      option,
      signatureAnswers,
      chosen,
      standout !== undefined,
      fromResponses[option],
    );
    if (decision.value !== undefined) {
      (profile as Record<string, string>)[option] = decision.value;
      evidence[option] = decision.evidence;
    } else {
      undetermined.push({ option, reason: stopped ? noAnswerReason(stopped) : decision.reason });
    }
  }

  // Step 2: key wrap, on get_rate with an encrypted empty object, under the signature variant that got furthest
  // (accepted, or refused differently); its answer without an encrypted part is the baseline.
  if (chosen && stopped === undefined) {
    const base = { signatureHash: chosen.variant.signatureHash, canonicalForm: chosen.variant.canonicalForm };
    const wrapAnswers: Answer[] = [];
    const order = [...keyWraps].sort(
      (a, b) => Number(fromResponses.keyWrap.has(b)) - Number(fromResponses.keyWrap.has(a)),
    );
    for (const keyWrap of order) {
      const matches = wrapAnswers.filter((a) => a.key === chosen.key);
      if (matches.length > 0 && matches.length < wrapAnswers.length) break;
      const answer = await send('key-wrap', { ...base, keyWrap }, true);
      if (answer === undefined) break;
      answer.attempt.sameAsWithoutEncryptedPart = answer.key === chosen.key;
      wrapAnswers.push(answer);
    }
    const decision = decideKeyWrap(wrapAnswers, fromResponses.keyWrap);
    if (decision.value !== undefined) {
      profile.keyWrap = decision.value as ProtocolProfile['keyWrap'];
      evidence.keyWrap = decision.evidence;
    } else {
      undetermined.push({ option: 'keyWrap', reason: stopped ? noAnswerReason(stopped) : decision.reason });
    }
  } else {
    undetermined.push({
      option: 'keyWrap',
      reason: stopped
        ? noAnswerReason(stopped)
        : 'not probed: the key wrap is tried only once a signature variant gets through (accepted, or refused differently)',
    });
  }

  undetermined.push(...unprobedOptions(accepted.length > 0));
  return {
    ok: accepted.length > 0,
    profile,
    undetermined,
    attempts,
    evidence,
    ...(stopped ? { stopped } : {}),
    observations,
  };
}

function readEnvelope(body: string): { statusCode?: string; message?: string; signed: boolean } | undefined {
  try {
    const fields = parseRawJsonObject(body);
    const text = (name: string) => {
      const field = fields[name];
      return field && field.type !== 'object' && field.type !== 'array' && field.type !== 'null'
        ? field.text
        : undefined;
    };
    return { statusCode: text('status_code'), message: text('message'), signed: (text('sign') ?? '') !== '' };
  } catch {
    return undefined;
  }
}

function narrow(candidates: Set<string>, working: string[]): void {
  for (const value of [...candidates]) if (!working.includes(value)) candidates.delete(value);
}

const sameSignature = (a: Variant, b: Variant) =>
  a.signatureHash === b.signatureHash && a.canonicalForm === b.canonicalForm;

/** An accepted variant, and a refused one that differs from it in `option` only. */
function contrast(option: 'signatureHash' | 'canonicalForm', answers: Answer[]): string | undefined {
  const other = option === 'signatureHash' ? 'canonicalForm' : 'signatureHash';
  for (const yes of answers.filter((a) => a.accepted)) {
    const refused = answers.filter(
      (a) => !a.accepted && a.variant[other] === yes.variant[other] && a.variant[option] !== yes.variant[option],
    );
    if (refused.length > 0) return yes.variant[option];
  }
  return undefined;
}

function signatureDecided(answers: Answer[], fromResponses: Candidates): boolean {
  if (!answers.some((a) => a.accepted)) return false;
  return (['signatureHash', 'canonicalForm'] as const).every((option) => {
    const single = fromResponses[option].size === 1 ? [...fromResponses[option]][0] : undefined;
    return (
      (single !== undefined && answers.some((a) => a.accepted && a.variant[option] === single)) ||
      contrast(option, answers) !== undefined
    );
  });
}

/** With nothing accepted: the one variant whose answer differs from all the others, which agree among themselves. */
function refusedDifferently(answers: Answer[]): Answer | undefined {
  if (answers.length < 3) return undefined;
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.key, (counts.get(a.key) ?? 0) + 1);
  if (counts.size !== 2) return undefined;
  const unique = answers.filter((a) => counts.get(a.key) === 1);
  return unique.length === 1 ? unique[0] : undefined;
}

interface Decision {
  value?: string;
  evidence: string;
  reason: string;
}

function decideSignatureOption(
  option: 'signatureHash' | 'canonicalForm',
  answers: Answer[],
  chosen: Answer | undefined,
  chosenByDifference: boolean,
  fromResponses: Set<string>,
): Decision {
  const name = option === 'signatureHash' ? 'signature hash' : 'canonical form';
  const signedAs = fromResponses.size === 1 ? [...fromResponses][0] : undefined;
  const acceptedValues = new Set<string>(answers.filter((a) => a.accepted).map((a) => a.variant[option]));
  if (acceptedValues.size > 0) {
    if (signedAs !== undefined) {
      if (acceptedValues.has(signedAs)) {
        const both = contrast(option, answers) === signedAs;
        return { value: signedAs, evidence: both ? 'request and response' : 'response', reason: '' };
      }
      return {
        evidence: '',
        reason: `requests were accepted only with ${[...acceptedValues].join(', ')}, but ET's answers are signed with ${signedAs}: one profile cannot express both; please report it`,
      };
    }
    const byRequest = contrast(option, answers);
    if (byRequest !== undefined) return { value: byRequest, evidence: 'request', reason: '' };
    if (acceptedValues.size > 1) {
      return { evidence: '', reason: `the server accepted requests with every ${name} alike (it may not check them)` };
    }
    return {
      evidence: '',
      reason: `only ${[...acceptedValues][0]} was tried against a refusal; the answers could not tell the ${name}s apart`,
    };
  }
  if (chosen && chosenByDifference) {
    if (signedAs === undefined || signedAs === chosen.variant[option]) {
      return { value: chosen.variant[option], evidence: 'request (refused differently from the rest)', reason: '' };
    }
  }
  if (signedAs !== undefined) {
    return {
      evidence: '',
      reason: `no request was accepted; ET's answers are signed with ${signedAs}, which is likely, but no request confirmed it`,
    };
  }
  return {
    evidence: '',
    reason:
      'no variant was accepted, and the answers did not differ between variants: the server could not be told apart. ' +
      'Usual causes: ET does not have your public key yet, a wrong merchant or sub-merchant number, a wrong --et-public-key, or a wrong --environment',
  };
}

function decideKeyWrap(answers: Answer[], fromResponses: Set<string>): Decision {
  const decryptedAs = fromResponses.size === 1 ? [...fromResponses][0] : undefined;
  const matching = answers.filter((a) => a.attempt.sameAsWithoutEncryptedPart);
  const differing = answers.filter((a) => !a.attempt.sameAsWithoutEncryptedPart);
  if (matching.length > 0 && differing.length > 0) {
    const byRequest = matching[0]!.variant.keyWrap;
    if (decryptedAs !== undefined && decryptedAs !== byRequest) {
      return {
        evidence: '',
        reason: `requests passed with ${byRequest}, but ET's answers wrap their keys with ${decryptedAs}; please report it`,
      };
    }
    return { value: byRequest, evidence: decryptedAs ? 'request and response' : 'request', reason: '' };
  }
  if (decryptedAs !== undefined) return { value: decryptedAs, evidence: 'response', reason: '' };
  if (answers.length > 0 && differing.length === 0) {
    return {
      evidence: '',
      reason:
        'get_rate was answered the same with every key wrap: the server does not seem to read an encrypted part there. ' +
        'Open one encrypted ET response (e.g. a batch query) with `etkit doctor --response` to find it',
    };
  }
  if (answers.length > 0 && matching.length === 0) {
    return {
      evidence: '',
      reason:
        'every key wrap was answered differently from the same request without an encrypted part: get_rate may take no encrypted part. ' +
        'Open one encrypted ET response (e.g. a batch query) with `etkit doctor --response` to find it',
    };
  }
  return { evidence: '', reason: 'the request budget ran out before the key wrap was tried' };
}

function noAnswerReason(stopped: NonNullable<ProbeResult['stopped']>): string {
  const what =
    stopped.reason === 'timeout'
      ? 'timed out'
      : stopped.reason === 'connection-refused'
        ? 'was refused a connection'
        : 'failed on the network';
  return `request ${stopped.request} ${what} (${stopped.detail}); nothing more was sent. This says nothing about the profile: check the URL and your network, then run the probe again`;
}

/** The options no read-only request can reveal, and why. */
function unprobedOptions(accepted: boolean): Undetermined[] {
  const sentWith = (what: string) =>
    accepted
      ? `sent with the default (${what}) and accepted; no other value was tried`
      : `sent with the default (${what}); not varied`;
  return [
    {
      option: 'aesKeyAlphabet',
      reason:
        'a server that takes any 16 bytes also takes 16 letters and digits; the default (alphanumeric) suits both readings',
    },
    { option: 'tuitionFieldName', reason: 'only create order carries it, and the probe sends no writes' },
    {
      option: 'notificationRule',
      reason: 'notifications are not requested by a probe; check one real notification with `etkit notify verify`',
    },
    { option: 'notificationNullMembers', reason: 'notifications are not requested by a probe' },
    { option: 'unsignedResponses', reason: 'your own policy for unsigned error answers, not a property of the server' },
    { option: 'version', reason: sentWith('2.0.0') },
    { option: 'callbackProcess', reason: sentWith('0') },
    { option: 'serialNumberUtcOffsetMinutes', reason: sentWith('480, China Standard Time') },
  ];
}
