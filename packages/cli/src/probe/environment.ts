import { UsageError } from '../io.js';

/** ET's endpoints (PROTOCOL.md §1). */
export const testUrl = 'https://testapi.easytransfer.cn/server';
export const productionUrl = 'https://api.easytransfer.cn/server';
const productionHost = new URL(productionUrl).host;

export type EnvironmentKind = 'test' | 'production' | 'other';

/** `test`, `production` or an http(s) URL; the production host is refused unless allowed (the probe is for test accounts). */
export function resolveEnvironment(value: string, allowProduction: boolean): { url: string; kind: EnvironmentKind } {
  const text = value === 'test' ? testUrl : value === 'production' ? productionUrl : value;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('--environment must be test, production or an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--environment must be test, production or an http(s) URL');
  }
  if (url.username !== '' || url.password !== '')
    throw new UsageError('--environment must not carry a user name or password');
  const kind: EnvironmentKind =
    url.host === productionHost ? 'production' : url.href === new URL(testUrl).href ? 'test' : 'other';
  if (kind === 'production' && !allowProduction) {
    throw new UsageError(
      `${productionUrl} is ET's production endpoint: probe your test account (--environment test); ` +
        'pass --allow-production only if ET asked you to check production, nothing is sent without it',
    );
  }
  return { url: url.href, kind };
}
