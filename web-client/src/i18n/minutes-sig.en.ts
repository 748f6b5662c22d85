// English words for the signatures of the minutes as the server validates them (issue 14, MN9, D36). The type
// makes every key of minutes-sig.vi.ts required here.
import type { viMinutesSig } from './minutes-sig.vi';

export const enMinutesSig: Record<keyof typeof viMinutesSig, string> = {
  'msig.cert': 'Certificate issued to: {name}',
  'msig.time.TIMESTAMP': 'Signed at {time} (time from the time-stamp authority)',
  'msig.time.CLAIMED': 'Signed at {time} (the signer\'s own clock, no time-stamp)',
  'msig.level': 'Format: {level}',
  'msig.level.PAdES-BASELINE-B': 'PAdES-BASELINE-B — basic digital signature, no time-stamp or revocation data',
  'msig.level.PAdES-BASELINE-T': 'PAdES-BASELINE-T — time-stamped digital signature',
  'msig.level.PAdES-BASELINE-LT': 'PAdES-BASELINE-LT — long-term: time-stamped, certificate chain and revocation data embedded, verifiable offline',
  'msig.level.PAdES-BASELINE-LTA': 'PAdES-BASELINE-LTA — long-term with an archive time-stamp: verifiable even after the certificates expire',
  'msig.status.VALID': 'Valid: the signature checks, the document is unchanged, the certificate is from a trusted authority',
  'msig.status.UNTRUSTED': 'The signature checks, but the certificate is not from an authority on the trust list',
  'msig.status.MODIFIED': 'Not valid: the document was changed after signing',
  'msig.status.INVALID': 'Not valid: the signature does not check',
  'msig.status.none': 'The signature could not be checked just now',
  'msig.cert.GOOD': 'Certificate valid and not revoked (revocation data embedded)',
  'msig.cert.UNKNOWN': 'No revocation data for the certificate in the file',
  'msig.cert.REVOKED': 'The certificate is revoked',
  'msig.cert.EXPIRED': 'The certificate had expired at the signing time',
  'msig.cert.NOT_YET_VALID': 'The certificate was not yet valid at the signing time',
};
