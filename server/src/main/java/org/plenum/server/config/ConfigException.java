package org.plenum.server.config;

/** A configuration value is missing or invalid. The message names the key, its environment variable and the value. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
