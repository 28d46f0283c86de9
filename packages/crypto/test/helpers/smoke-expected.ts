/** What test/runtime/smoke.ts reports on every runtime: each check passed, the tampered envelope refused. */
export const expectedSmoke = {
  aes: true,
  signatures: true,
  unwrap: true,
  base64: true,
  md5: true,
  sealedRequest: true,
  sealedResponse: true,
  tampered: 'SIGNATURE_INVALID',
  requestRoundTrip: true,
  responseRoundTrip: true,
  signVerify: true,
};
