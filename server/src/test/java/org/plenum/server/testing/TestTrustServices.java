package org.plenum.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 time-stamp authority ({@code POST /tsa}) and an OCSP responder ({@code POST /ocsp}) of a
 * {@link TestPki}, on loopback in the test JVM: the edges a real deployment reaches over the network. The TSA signs
 * with a key of the PKI carrying id-kp-timeStamping; the OCSP responder answers GOOD for every certificate asked
 * about, signed by the issuing CA itself (so its responses need no revocation data of their own), echoing the nonce.
 */
public final class TestTrustServices implements AutoCloseable {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private final HttpServer server;
  public final AtomicInteger tsaRequests = new AtomicInteger();
  public final AtomicInteger ocspRequests = new AtomicInteger();

  public TestTrustServices(TestPki pki) throws IOException {
    TestPki.Identity tsa = pki.issue("Plenum Test TSA", true);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/tsa", ex -> handle(ex, () -> {
      tsaRequests.incrementAndGet();
      TimeStampRequest req = new TimeStampRequest(ex.getRequestBody().readAllBytes());
      TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
          new JcaSimpleSignerInfoGeneratorBuilder().build(alg(tsa.chain()[0]), tsa.key(), tsa.chain()[0]),
          new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
          new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.2"));
      gen.addCertificates(new JcaCertStore(Arrays.asList(tsa.chain())));
      byte[] out = new TimeStampResponseGenerator(gen, TSPAlgorithms.ALLOWED)
          .generate(req, BigInteger.valueOf(SERIAL.incrementAndGet()), new Date()).getEncoded();
      return new byte[][] {"application/timestamp-reply".getBytes(), out};
    }));
    server.createContext("/ocsp", ex -> handle(ex, () -> {
      ocspRequests.incrementAndGet();
      OCSPReq req = new OCSPReq(ex.getRequestBody().readAllBytes());
      X509Certificate ca = pki.issuerCertificate();
      BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(new JcaX509CertificateHolder(ca).getSubject()));
      Instant now = Instant.now();
      for (Req r : req.getRequestList()) {
        b.addResponse(r.getCertID(), CertificateStatus.GOOD, Date.from(now), Date.from(now.plus(Duration.ofDays(1))), null);
      }
      Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (nonce != null) {
        b.setResponseExtensions(new Extensions(nonce));
      }
      BasicOCSPResp basic = b.build(new JcaContentSignerBuilder(alg(ca)).build(pki.issuerKey()),
          new X509CertificateHolder[] {new JcaX509CertificateHolder(ca)}, Date.from(now));
      byte[] out = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
      return new byte[][] {"application/ocsp-response".getBytes(), out};
    }));
    server.start();
  }

  public String tsaUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa";
  }

  public String ocspUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
  }

  private static String alg(X509Certificate c) {
    return c.getPublicKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
  }

  private interface Body {
    byte[][] make() throws Exception;
  }

  private static void handle(HttpExchange ex, Body body) throws IOException {
    try {
      byte[][] r = body.make();
      ex.getResponseHeaders().set("Content-Type", new String(r[0]));
      ex.sendResponseHeaders(200, r[1].length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(r[1]);
      }
    } catch (Exception e) {
      ex.sendResponseHeaders(500, -1);
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
