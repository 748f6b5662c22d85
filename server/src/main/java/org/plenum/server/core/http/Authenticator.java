package org.plenum.server.core.http;

import io.vertx.core.Future;
import org.plenum.server.core.Principal;

/** Turns a bearer access token into the signed-in person (implemented by auth). NOT_AUTHENTICATED otherwise. */
@FunctionalInterface
public interface Authenticator {
  Future<Principal> authenticate(String accessToken);
}
