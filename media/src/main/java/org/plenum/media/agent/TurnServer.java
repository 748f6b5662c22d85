package org.plenum.media.agent;

/**
 * A TURN server for a room agent that is not on the media server's network. None by default: agents use host
 * candidates only (no STUN: nothing outside is reachable in tests, and a room network reaches the SFU directly).
 */
public record TurnServer(String url, String username, String credential) {

  public TurnServer {
    if (url == null || !(url.startsWith("turn:") || url.startsWith("turns:"))) {
      throw new IllegalArgumentException("a TURN url starts with turn: or turns:, was " + url);
    }
    if (username == null || credential == null) {
      throw new IllegalArgumentException("a TURN server needs a username and a credential");
    }
  }

  @Override
  public String toString() {
    return "TurnServer[" + url + ", " + username + "]";   // never the credential
  }
}
