package org.plenum.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat view of the configuration: every key of {@code default.yaml} with its effective value and where it came
 * from. Sources in order: defaults (classpath {@code plenum/default.yaml}), the file named by {@code PLENUM_CONFIG},
 * environment variables ({@code http.port} → {@code PLENUM_HTTP_PORT}), and {@code PLENUM_X_FILE} for any key.
 * Unknown keys in a file and invalid values fail fast naming key, variable and value.
 */
public final class Settings {
  public static final String DEFAULTS_RESOURCE = "plenum/default.yaml";
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** PLENUM_* variables that are not configuration keys but are read by the launcher. */
  private static final Set<String> LAUNCHER_VARIABLES = Set.of("PLENUM_CONFIG", "PLENUM_JAVA_OPTS", "PLENUM_SKIP_BUILD", "PLENUM_CDS", "PLENUM_AGENT_PASSWORD");

  private final Map<String, String> values;
  private final Map<String, String> origins;
  private final java.util.List<String> unknownVariables;

  private Settings(Map<String, String> values, Map<String, String> origins, java.util.List<String> unknownVariables) {
    this.values = values;
    this.origins = origins;
    this.unknownVariables = unknownVariables;
  }

  /** PLENUM_* environment variables that name no key (a typo such as PLENUM_HTTP_PROT): worth a warning. */
  public java.util.List<String> unknownVariables() {
    return unknownVariables;
  }

  /** Environment variable that overrides {@code key}. */
  public static String envName(String key) {
    return "PLENUM_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public static Settings load(Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("Missing " + DEFAULTS_RESOURCE + " on the classpath (broken build)");
      }
      flatten("", yaml(in.readAllBytes(), DEFAULTS_RESOURCE), values);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + DEFAULTS_RESOURCE + ": " + e.getMessage());
    }
    Map<String, String> origins = new LinkedHashMap<>();
    values.keySet().forEach(k -> origins.put(k, "default"));

    String file = env.get("PLENUM_CONFIG");
    Map<String, String> fromFile = new LinkedHashMap<>();
    if (file != null && !file.isBlank()) {
      try {
        flatten("", yaml(Files.readAllBytes(Path.of(file)), file), fromFile);
      } catch (IOException e) {
        throw new ConfigException("Cannot read configuration file '" + file + "' (PLENUM_CONFIG): " + e.getMessage());
      }
    }
    for (var family : FAMILIES.entrySet()) {
      expand(family.getKey(), family.getValue(), values, origins, fromFile, env);
    }
    if (file != null && !file.isBlank()) {
      for (var e : fromFile.entrySet()) {
        if (!values.containsKey(e.getKey())) {
          throw new ConfigException("Unknown key '" + e.getKey() + "' in " + file + " (PLENUM_CONFIG); known keys are listed in config/default.yaml");
        }
        values.put(e.getKey(), e.getValue());
        origins.put(e.getKey(), file);
      }
    }
    for (String key : values.keySet()) {
      String var = envName(key);
      String fileVar = var + "_FILE";
      if (env.containsKey(var)) {
        values.put(key, env.get(var));
        origins.put(key, var);
      } else if (env.containsKey(fileVar)) {
        try {
          values.put(key, Files.readString(Path.of(env.get(fileVar)), StandardCharsets.UTF_8).strip());
          origins.put(key, fileVar);
        } catch (IOException e) {
          throw new ConfigException("Cannot read " + key + " from file '" + env.get(fileVar) + "' (" + fileVar + "): " + e.getMessage());
        }
      }
    }
    Set<String> known = new java.util.HashSet<>(LAUNCHER_VARIABLES);
    for (String key : values.keySet()) {
      known.add(envName(key));
      known.add(envName(key) + "_FILE");
    }
    java.util.List<String> unknown = env.keySet().stream().filter(k -> k.startsWith("PLENUM_") && !known.contains(k)).sorted().toList();
    return new Settings(values, origins, unknown);
  }

  /**
   * Named groups of keys: the list key names the members, and each member gets every key of the template group
   * under its own name, starting from the template's value ({@code auth.oidc.providers: [keycloak]} makes
   * {@code auth.oidc.keycloak.issuer} from {@code auth.oidc.defaults.issuer}, variable
   * {@code PLENUM_AUTH_OIDC_KEYCLOAK_ISSUER}).
   */
  private static final Map<String, String> FAMILIES = Map.of("auth.oidc.providers", "auth.oidc.defaults");
  private static final Pattern MEMBER = Pattern.compile("[a-z][a-z0-9]{0,31}");

  private static void expand(String listKey, String templatePrefix, Map<String, String> values, Map<String, String> origins,
                             Map<String, String> fromFile, Map<String, String> env) {
    String list = values.get(listKey);
    String origin = "default";
    if (fromFile.containsKey(listKey)) {
      list = fromFile.get(listKey);
      origin = env.get("PLENUM_CONFIG");
    }
    if (env.containsKey(envName(listKey))) {
      list = env.get(envName(listKey));
      origin = envName(listKey);
    }
    String parent = templatePrefix.substring(0, templatePrefix.lastIndexOf('.') + 1);
    String template = templatePrefix.substring(parent.length());
    String listLeaf = listKey.substring(parent.length());
    java.util.List<String> templateKeys = values.keySet().stream().filter(k -> k.startsWith(templatePrefix + ".")).toList();
    for (String member : list.split(",")) {
      member = member.strip();
      if (member.isEmpty()) {
        continue;
      }
      String name = member;
      if (!MEMBER.matcher(name).matches() || name.equals(template) || name.equals(listLeaf) || values.containsKey(parent + name)
          || values.keySet().stream().anyMatch(k -> k.startsWith(parent + name + "."))) {
        throw new ConfigException("Invalid value for " + listKey + " (environment variable " + envName(listKey) + ", set by " + origin
            + "): '" + member + "' — expected names of 1-32 lower-case letters and digits, starting with a letter, other than '"
            + template + "' and the keys beside it");
      }
      for (String k : templateKeys) {
        String key = parent + member + k.substring(templatePrefix.length());
        values.put(key, templateValue(k, values, fromFile, env));
        origins.put(key, k);
      }
    }
  }

  /** A template key's value as it will be once the file and the environment are applied. */
  private static String templateValue(String key, Map<String, String> values, Map<String, String> fromFile, Map<String, String> env) {
    String var = envName(key);
    if (env.containsKey(var)) {
      return env.get(var);
    }
    if (env.containsKey(var + "_FILE")) {
      try {
        return Files.readString(Path.of(env.get(var + "_FILE")), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException("Cannot read " + key + " from file '" + env.get(var + "_FILE") + "' (" + var + "_FILE): " + e.getMessage());
      }
    }
    return fromFile.getOrDefault(key, values.get(key));
  }

  private static JsonNode yaml(byte[] bytes, String name) {
    try {
      JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new ConfigException("Configuration file " + name + " must be a YAML mapping");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException("Configuration file " + name + " is not valid YAML: " + e.getMessage());
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        flatten(key, e.getValue(), out);
      } else if (e.getValue().isNull()) {
        out.put(key, "");
      } else if (e.getValue().isValueNode()) {
        out.put(key, e.getValue().asText());
      } else if (e.getValue().isArray()) {
        // A list of single values (turn.urls): kept as one comma-separated value, as its variable is written.
        java.util.List<String> items = new java.util.ArrayList<>();
        for (JsonNode item : e.getValue()) {
          if (!item.isValueNode() || item.isNull()) {
            throw new ConfigException("Key '" + key + "' must be a list of single values");
          }
          items.add(item.asText().strip());
        }
        out.put(key, String.join(",", items));
      } else {
        throw new ConfigException("Key '" + key + "' must be a single value or a list of single values");
      }
    }
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** Where a key's value came from: "default", a file name or an environment variable. */
  public String origin(String key) {
    return origins.get(key);
  }

  private String raw(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("No configuration key '" + key + "' in default.yaml");
    }
    return v.strip();
  }

  private ConfigException invalid(String key, String value, String expected) {
    return new ConfigException("Invalid value for " + key + " (environment variable " + envName(key) + ", set by "
        + origin(key) + "): '" + value + "' — expected " + expected);
  }

  public String string(String key) {
    return raw(key);
  }

  /** A secret: same as {@link #string} but never echoed in error messages. */
  public String secret(String key) {
    return raw(key);
  }

  /** A list, written in YAML as a list or in a variable as comma-separated values; empty entries are dropped. */
  public java.util.List<String> list(String key) {
    return java.util.Arrays.stream(raw(key).split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  /** The same message as for any invalid value, for checks that span values (the value itself may be withheld). */
  public ConfigException invalidValue(String key, String value, String expected) {
    return invalid(key, value, expected);
  }

  public int integer(String key, int min, int max) {
    String v = raw(key);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw invalid(key, v, "an integer from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, v, "an integer from " + min + " to " + max);
    }
  }

  public long longValue(String key, long min, long max) {
    String v = raw(key);
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw invalid(key, v, "an integer from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, v, "an integer from " + min + " to " + max);
    }
  }

  public boolean bool(String key) {
    String v = raw(key).toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw invalid(key, v, "true or false");
    };
  }

  /** Durations are written as a number and a unit: 500ms, 30s, 15m, 12h, 30d. */
  public Duration duration(String key, Duration min, Duration max) {
    String v = raw(key);
    Matcher m = DURATION.matcher(v);
    String expected = "a duration such as 500ms, 30s, 15m, 12h or 30d between " + min + " and " + max;
    if (!m.matches()) {
      throw invalid(key, v, expected);
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw invalid(key, v, expected);
    }
    return d;
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String v = raw(key);
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    throw invalid(key, v, "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
  }

  public String matching(String key, Pattern pattern, String expected) {
    String v = raw(key);
    if (!pattern.matcher(v).matches()) {
      throw invalid(key, v, expected);
    }
    return v;
  }
}
