package org.plenum.server.document;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Vert.x sends a file with the kernel's {@code sendfile} (no copy through the JVM) only on a connection without an
 * HTTP compressor in its pipeline; with {@code http} compression on, every connection has one and files go out in
 * 8 KiB heap copies. PDFs gain nothing from gzip, so before sending contents the compressor is taken off the
 * reader's connection (D40): later answers on that keep-alive connection are sent uncompressed. Vert.x 5.0 names
 * the handler {@code deflater}; if that changes, this does nothing and files are still sent, copied.
 */
final class ZeroCopy {
  private static final String COMPRESSOR = "deflater";

  private ZeroCopy() {}

  static void allow(HttpServerRequest request) {
    if (request.connection() instanceof ConnectionBase c) {
      var pipeline = c.channel().pipeline();
      if (pipeline.get(COMPRESSOR) != null) {
        pipeline.remove(COMPRESSOR);
      }
    }
  }
}
