import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jolokia.backend.BackendManager;
import org.jolokia.config.ConfigKey;
import org.jolokia.config.Configuration;
import org.jolokia.http.HttpRequestHandler;
import org.jolokia.restrictor.AllowAllRestrictor;
import org.jolokia.util.LogHandler;
import org.jolokia.util.QuietLogHandler;
import org.json.simple.JSONAware;

/**
 * Real Jolokia (Debian's libjolokia-core-java, 1.7.1) served over the JDK's own HTTP server:
 * Debian ships the protocol handler and its JMX backend but no ready agent. It answers at
 * /jolokia for this JVM's platform MBeans, so xdc's client can be tried against the real
 * protocol. Binds 127.0.0.1 on the port given (0: any free one) and prints
 * "listening PORT" once it serves; it ends when its standard input closes, so a test that
 * dies cannot leave it behind.
 */
@SuppressWarnings("deprecation") // json-simple 2 keeps the 1.x interfaces Jolokia 1.7 needs only as deprecated
public final class JolokiaServer {
  private static final String CONTEXT = "/jolokia";

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Configuration config = new Configuration(ConfigKey.AGENT_CONTEXT, CONTEXT, ConfigKey.AGENT_ID, "xdc-test");
    LogHandler log = new QuietLogHandler();
    BackendManager backend = new BackendManager(config, log, new AllowAllRestrictor());
    HttpRequestHandler handler = new HttpRequestHandler(config, backend, log);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(CONTEXT, exchange -> serve(handler, exchange));
    server.start();
    System.out.println("listening " + server.getAddress().getPort());
    System.out.flush();
    // Bounded by the parent: when the test's end of the pipe closes, read() answers -1.
    while (System.in.read() != -1) {
      // nothing to do with what is written; only the end matters
    }
    server.stop(0);
    backend.destroy();
  }

  private static void serve(HttpRequestHandler handler, HttpExchange exchange) throws IOException {
    JSONAware answer;
    try {
      String uri = exchange.getRequestURI().toString();
      Map<String, String[]> params = query(exchange.getRequestURI().getRawQuery());
      if ("POST".equals(exchange.getRequestMethod())) {
        answer = handler.handlePostRequest(uri, exchange.getRequestBody(), "UTF-8", params);
      } else {
        // As a servlet's getPathInfo(): the path below the context, URL-decoded.
        String path = exchange.getRequestURI().getPath();
        String pathInfo = path.length() > CONTEXT.length() ? path.substring(CONTEXT.length()) : "/";
        answer = handler.handleGetRequest(uri, pathInfo, params);
      }
    } catch (Throwable t) {
      answer = handler.handleThrowable(t);
    }
    byte[] body = answer.toJSONString().getBytes(StandardCharsets.UTF_8);
    // As Jolokia's agent servlet does by default: HTTP 200, the request's own status in the
    // body, and text/plain (its `mimeType` default), so a client must not rely on the type.
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String[]> query(String raw) {
    Map<String, String[]> params = new HashMap<>();
    if (raw == null || raw.isEmpty()) return params;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, new String[] {value});
    }
    return params;
  }
}
