package org.plenum.server.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser for sign-in flows: a cookie jar, redirects followed one by one (so a test can stop at any
 * of them), HTML forms read and posted.
 */
public final class Browser {
  private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input[^>]*>");
  private static final Pattern ATTR = Pattern.compile("(name|value|type)=\"([^\"]*)\"");

  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  public HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  public HttpResponse<String> post(String url, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return client.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(r.uri().getPath() + ": " + e, e);
    }
  }

  /**
   * Follows redirects from {@code url}, posting each HTML form on the way with its hidden fields plus
   * {@code fields}, until a Location matches {@code stop} (returned, not followed) or a page has no form.
   */
  public String follow(String url, Map<String, String> fields, Predicate<String> stop) {
    String next = url;
    HttpResponse<String> r = get(next);
    for (int hops = 0; hops < 20; hops++) {
      if (r.statusCode() / 100 == 3) {
        String location = r.uri().resolve(r.headers().firstValue("Location").orElseThrow()).toString();
        if (stop.test(location)) {
          return location;
        }
        r = get(location);
        continue;
      }
      Matcher form = FORM.matcher(r.body());
      if (r.statusCode() != 200 || !form.find()) {
        throw new IllegalStateException("stopped at " + r.uri() + " with HTTP " + r.statusCode() + ": " + r.body());
      }
      Map<String, String> values = new LinkedHashMap<>();
      Matcher input = INPUT.matcher(form.group(2));
      while (input.find()) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Matcher a = ATTR.matcher(input.group());
        while (a.find()) {
          attrs.put(a.group(1), a.group(2));
        }
        if ("hidden".equals(attrs.get("type")) && attrs.containsKey("name")) {
          values.put(attrs.get("name"), attrs.getOrDefault("value", ""));
        }
      }
      values.putAll(fields);
      StringBuilder body = new StringBuilder();
      values.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
      r = post(r.uri().resolve(form.group(1).replace("&amp;", "&")).toString(), "application/x-www-form-urlencoded", body.toString());
    }
    throw new IllegalStateException("too many redirects from " + url);
  }

  public static String query(String url, String name) {
    for (String kv : URI.create(url).getRawQuery().split("&")) {
      String[] p = kv.split("=", 2);
      if (p[0].equals(name)) {
        return URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
