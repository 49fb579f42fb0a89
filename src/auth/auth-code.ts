import type { AuthCode } from './auth-provider.js';

/** What `getAuthCode()` answered, checked: the code, or what is wrong with it (nothing a page gives is trusted). */
export function readAuthCode(value: unknown): AuthCode | { problem: string } {
  if (typeof value !== 'object' || value === null) return { problem: `getAuthCode() answered ${value === null ? 'null' : typeof value}, not { authCode, redirectUri }` };
  const given = value as Record<string, unknown>;
  const text = (key: string, max = 4096) => typeof given[key] === 'string' && given[key] !== '' && (given[key] as string).length <= max;
  if (!text('authCode')) return { problem: 'getAuthCode() answered without an authCode string' };
  if (!text('redirectUri') || !URL.canParse(given.redirectUri as string)) return { problem: 'getAuthCode() answered without a redirectUri URL' };
  for (const key of ['codeVerifier', 'nonce', 'iss'] as const) {
    if (given[key] !== undefined && !text(key)) return { problem: `getAuthCode() answered a ${key} that is not a string` };
  }
  if (given.maxAge !== undefined && !(Number.isInteger(given.maxAge) && (given.maxAge as number) >= 0)) return { problem: 'getAuthCode() answered a maxAge that is not a whole number of seconds' };
  const code: AuthCode = { authCode: given.authCode as string, redirectUri: given.redirectUri as string };
  for (const key of ['codeVerifier', 'nonce', 'iss'] as const) if (typeof given[key] === 'string') code[key] = given[key] as string;
  if (typeof given.maxAge === 'number') code.maxAge = given.maxAge;
  return code;
}
