package org.plenum.server.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Minutes (protocol §16, D23): the issuing body and its parent body printed in the administrative header, the place
 * written before the date, the time zone of the times printed, the folder of DejaVu Serif fonts, the folder of
 * per-account PKCS#12 signing keys (empty: {@code <data dir>/signing-keys}), the longest text the secretary may write, and
 * which signers serve: PKCS#12 files or a CSC API v2 service ({@code csc_url}, its bearer token {@code csc_token}), and,
 * for PAdES-BASELINE-LT signatures (D31), the RFC 3161 time-stamp authority ({@code tsa_url}; empty: B-B) and the OCSP
 * responder / CRL address to use instead of the ones named in the certificates ({@code ocsp_url}, {@code crl_url}), and
 * the level reached with the TSA ({@code signature_level}: LT, or LTA with a document time-stamp, D36).
 */
public record MinutesConfig(String parentBody, String issuingBody, String place, ZoneId timeZone, Path fontDir, String signingKeysDir,
                            int maxTextChars, SignerKind signer, String cscUrl, String cscToken, String tsaUrl, String ocspUrl,
                            String crlUrl, SignatureLevel signatureLevel) {
  /** Where signing keys live: PKCS#12 files per account, or a Cloud Signature Consortium API v2 service. */
  public enum SignerKind { PKCS12, CSC }

  /** The PAdES baseline level of the minutes' signatures when a TSA is configured (D31, D36). */
  public enum SignatureLevel { LT, LTA }

  @Override
  public String toString() {
    return "MinutesConfig[issuingBody=" + issuingBody + ", signer=" + signer + ", cscUrl=" + cscUrl + ", cscToken=***, tsaUrl=" + tsaUrl + ", signatureLevel=" + signatureLevel + "]";
  }

  private static final Pattern URL = Pattern.compile("^$|^https?://\\S+$");
  private static final Pattern LINE = Pattern.compile("[^\\p{Cntrl}]{0,200}");

  static MinutesConfig from(Settings s) {
    String zone = s.string("minutes.time_zone");
    ZoneId z;
    try {
      z = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw s.invalidValue("minutes.time_zone", zone, "a time zone such as Asia/Ho_Chi_Minh");
    }
    return new MinutesConfig(
        s.matching("minutes.parent_body", LINE, "one line of at most 200 characters"),
        s.matching("minutes.issuing_body", Pattern.compile("[^\\p{Cntrl}]{1,200}"), "one line of 1 to 200 characters"),
        s.matching("minutes.place", Pattern.compile("[^\\p{Cntrl}]{1,100}"), "one line of 1 to 100 characters"),
        z,
        Path.of(s.matching("minutes.font_dir", Pattern.compile("[^\\p{Cntrl}]{1,500}"), "a folder path")),
        s.matching("minutes.signing_keys_dir", Pattern.compile("[^\\p{Cntrl}]{0,500}"), "empty or a folder path"),
        s.integer("minutes.max_text_chars", 1, 1_000_000),
        s.enumValue("minutes.signer", SignerKind.class),
        s.matching("minutes.csc_url", Pattern.compile("^$|^https?://\\S+$"), "empty or an http(s) URL"),
        s.secret("minutes.csc_token"),
        s.matching("minutes.tsa_url", URL, "empty or an http(s) URL"),
        s.matching("minutes.ocsp_url", URL, "empty or an http(s) URL"),
        s.matching("minutes.crl_url", URL, "empty or an http(s) URL"),
        s.enumValue("minutes.signature_level", SignatureLevel.class));
  }

  /** The folder of signing keys, under the data folder unless configured. */
  public Path signingKeys(Path dataDir) {
    return signingKeysDir.isEmpty() ? dataDir.resolve("signing-keys") : Path.of(signingKeysDir);
  }
}
