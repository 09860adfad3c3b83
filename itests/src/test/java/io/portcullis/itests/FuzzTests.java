package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.store.Database;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * Every route the server serves, enumerated from the live route services so that a route added later
 * is fuzzed without a line here, called as a caller allowed to reach its handler with input no route
 * should take: bodies of the wrong shape, type, encoding or depth, bad content types, and path and
 * query values that are traversals, NULs, malformed escapes or far too long. Every answer must be a
 * client error as an RFC 9457 problem, never a 5xx or a success, and nothing may be stored: the rows
 * of every table but the audit log's are the same before and after.
 *
 * <p>Each body route is first probed with one wrong value per common field name; the fields it does
 * not refuse as unknown are the ones it reads, and those get every wrong value. So the matrix follows
 * the routes' real bodies without listing them.
 */
public abstract class FuzzTests {

    /** Web settings for the fuzz: thousands of requests a minute from two keys must not meet the rate limits. */
    static final String WEB_CONFIG = "rateLimits = default=1000000\nanonymousRatePerMinute = 1000000\n";

    /** The routes served on the day this test was written; fewer means a provider is missing. */
    private static final int MIN_ROUTES = 59;

    /**
     * Routes whose handler reads no body, so that whatever body comes along it does its work: a POST to
     * the rotation starts a master-key rotation that rewraps every data key. Fuzzing its body would rotate
     * the keys, not find anything; its other cases still run. Any other route that takes malformed JSON
     * with a success is a finding.
     */
    private static final Set<String> READS_NO_BODY = Set.of("POST /api/v1/vault/master-key/rotation");

    private static final int THREADS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An id of the right form that names nothing, for every path parameter but the workspace. */
    private static final String UNKNOWN_ID = "f00df00df00df00df00df00d";

    private static final String HUGE = "123456789012345678901234567890";

    /** Field names of the API and some it may grow; each body route is probed with each. */
    private static final List<String> FIELDS = List.of(
            "name",
            "role",
            "scopes",
            "owner",
            "kind",
            "value",
            "metadata",
            "allowed_hosts",
            "read_only",
            "expires_at",
            "expires_in_hours",
            "member_id",
            "token",
            "days",
            "subject",
            "arguments",
            "timeout_ms",
            "four_eyes",
            "max_tool_calls_per_run",
            "auto_approve",
            "egress",
            "workspace_id");

    /**
     * Values that no field should take: no number type holds the huge one, no range the negative one, no
     * name or id is empty, has control characters, a lone surrogate or 5000 characters. Never {@code true}
     * or a plain string: those are right for some field, and a body of only optional fields would pass.
     */
    private static final Map<String, String> WRONG_VALUES = orderedMap(
            "huge number", HUGE,
            "negative number", "-1",
            "63-level array", nest("[", "]", 63, "1"),
            "unknown object", "{\"fuzz_unknown\":[]}",
            "empty string", "\"\"",
            "control characters", "\"a" + controlCharacters() + "b\"",
            "unpaired high surrogate", "\"a\\ud800b\"",
            "unpaired low surrogate", "\"\\udc00\"",
            "5000 characters", "\"" + "x".repeat(5000) + "\"");

    /** Bodies no route takes, whatever its fields. */
    private static final Map<String, Body> SHAPES = orderedMap(
            "null", Body.json("null"),
            "array", Body.json("[]"),
            "string", Body.json("\"str\""),
            "number", Body.json("42"),
            "64-level nesting", Body.json(nest("{\"a\":", "}", 64, "1")),
            "2000-level nesting", Body.json(nest("{\"a\":", "}", 2000, "1")),
            "truncated", Body.json("{\"name\":"),
            "trailing tokens", Body.json("{} {}"),
            "raw control character", Body.json("{\"name\":\"a\u0001b\"}"),
            "invalid UTF-8", new Body("application/json", utf8("{\"name\":\"", new byte[] {-1, -2}, "\"}")),
            "UTF-8 surrogate", new Body("application/json", utf8("{\"name\":\"", new byte[] {-19, -96, -128}, "\"}")),
            "empty body", Body.json(""),
            "charset=unknown", new Body("application/json; charset=x-unknown-fuzz", utf8("{}")),
            "charset=utf-16", new Body("application/json; charset=utf-16", utf8("{}")),
            "unbalanced quote", new Body("application/json; charset=\"utf-8", utf8("{}")),
            "text/plain", new Body("text/plain", utf8("{}")),
            "form", new Body("application/x-www-form-urlencoded", utf8("name=x&role=owner")),
            "multipart",
                    new Body(
                            "multipart/form-data; boundary=fuzz",
                            utf8("--fuzz\r\nContent-Disposition: form-data;"
                                    + " name=\"name\"\r\n\r\nx\r\n--fuzz--\r\n")),
            "no content type", new Body(null, utf8("{}")));

    /**
     * Path segments as sent, still percent-encoded: none names anything. Dot segments resolve to another
     * path before routing, which must then be missing or forbidden to the caller, never another resource.
     */
    private static final Map<String, String> IDS = orderedMap(
            "dot-dot", "..",
            "dot", ".",
            "empty", "",
            "encoded traversal", "..%2F..%2F..%2Fadmin.key",
            "encoded dots", "%2e%2e",
            "NUL", "%00",
            "200 characters", "a".repeat(200),
            "unicode", "%C3%A9t%C3%A9%F0%9F%98%80",
            "malformed escape", "%ZZ",
            "invalid UTF-8", "%FF%FE",
            "UTF-8 surrogate", "%ED%A0%80",
            "CRLF", "%0D%0AX-Fuzz:%201",
            "upper-case id", UNKNOWN_ID.toUpperCase(Locale.ROOT));

    /** Query parameters the list routes read, each with values of the wrong form. */
    private static final List<String> QUERY_NAMES = List.of("limit", "cursor", "action", "from");

    private static final Map<String, String> QUERY_VALUES =
            orderedMap("NUL", "%00", "huge", HUGE, "malformed escape", "%ZZ", "300 characters", "z".repeat(300));

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    @Inject
    protected BundleContext context;

    private ServerApi server;
    private ServerApi.Workspace ws;

    /** A request body: its Content-Type (null: none) and its bytes. */
    record Body(String contentType, byte[] bytes) {

        static Body json(String text) {
            return new Body("application/json", utf8(text));
        }
    }

    /** One request of the matrix, named for the failure message. */
    record Probe(Route route, String fuzzCase, String method, String rawPath, String key, Body body) {

        String describe() {
            return route.method() + " " + route.path() + " [" + fuzzCase + "] as " + method + " " + rawPath;
        }
    }

    /** What came back. */
    record Answer(int status, String contentType, String body) {}

    @Test
    public void everyRouteRefusesBadInputWithAProblemAndStoresNothing() throws Exception {
        server = ServerApi.ready(context);
        ws = server.workspace("Fuzz");
        // Not the defaults, so that a fuzzed PUT or PATCH that went through would show.
        server.ok(
                "PATCH",
                "/api/v1/workspaces/" + ws.id() + "/policy",
                ws.ownerKey(),
                "{\"read_only\":true,\"four_eyes\":true,\"max_tool_calls_per_run\":7,"
                        + "\"egress\":{\"deny_hosts\":[\"fuzz.example.com\"]}}");
        List<Route> routes = ServerApi.registeredRoutes(context);
        assertTrue(
                "routes found: "
                        + routes.stream().map(r -> r.method() + " " + r.path()).toList(),
                routes.size() >= MIN_ROUTES);

        Map<String, List<String>> rowsBefore = snapshot();
        String policyBefore = policy();
        long start = System.nanoTime();

        // Malformed JSON first: a route that answers it with 404 checked its path before the body and would
        // answer every body so; it gets the shapes but not the field matrix.
        Map<Probe, Answer> answers = new LinkedHashMap<>();
        List<Probe> truncated = routes.stream()
                .filter(r -> r.method().hasBody() && !READS_NO_BODY.contains(r.method() + " " + r.path()))
                .map(r -> probe(r, "truncated", fill(r, null, null), Body.json("{\"name\":")))
                .toList();
        answers.putAll(run(truncated));
        Map<Route, Integer> firstLook = new LinkedHashMap<>();
        truncated.forEach(
                probe -> firstLook.put(probe.route(), answers.get(probe).status()));

        Map<Probe, String> learning = new LinkedHashMap<>();
        answers.putAll(run(probes(routes, firstLook, learning)));
        Map<Route, Set<String>> read = fieldsRead(learning, answers);
        answers.putAll(run(fieldProbes(read)));
        long millis = (System.nanoTime() - start) / 1_000_000;

        report(routes, firstLook, read, answers, millis);
        List<String> findings = findings(answers);
        String first = String.join("\n", findings.subList(0, Math.min(40, findings.size())));
        assertTrue(findings.size() + " findings:\n" + first, findings.isEmpty());
        assertEquals("the policy document is unchanged", policyBefore, policy());
        assertNothingStored(rowsBefore, snapshot());
    }

    /**
     * Every case but the field matrix: the shapes for each body route that refused malformed JSON, one
     * huge number per field name for each that refused it with a 400 (to learn the fields it reads, put
     * into {@code learning}), the path cases for each parameter and the query cases for each GET.
     */
    private List<Probe> probes(List<Route> routes, Map<Route, Integer> firstLook, Map<Probe, String> learning) {
        List<Probe> probes = new ArrayList<>();
        for (Route route : routes) {
            int first = firstLook.getOrDefault(route, 0);
            if (first >= 400) {
                SHAPES.forEach((name, body) -> probes.add(probe(route, name, fill(route, null, null), body)));
            }
            if (first == 400) {
                for (String field : FIELDS) {
                    Probe probe = probe(
                            route,
                            "field " + field + ": huge number",
                            fill(route, null, null),
                            Body.json("{\"" + field + "\":" + HUGE + "}"));
                    probes.add(probe);
                    learning.put(probe, field);
                }
            }
            for (String param : params(route)) {
                IDS.forEach((name, value) ->
                        probes.add(probe(route, "{" + param + "} " + name, fill(route, param, value), null)));
            }
            if (route.method() == HttpMethod.GET) {
                for (String query : QUERY_NAMES) {
                    QUERY_VALUES.forEach((name, value) -> probes.add(probe(
                            route,
                            "?" + query + " " + name,
                            fill(route, null, null) + "?" + query + "=" + value,
                            null)));
                }
            }
        }
        return probes;
    }

    /**
     * The fields each route reads: those its refusal names. A record's constructor may refuse a missing
     * field before Jackson reports an unknown one, so the absence of "unknown field" alone would not tell.
     */
    private static Map<Route, Set<String>> fieldsRead(Map<Probe, String> learning, Map<Probe, Answer> answers) {
        Map<Route, Set<String>> read = new LinkedHashMap<>();
        learning.forEach((probe, field) -> {
            Answer answer = answers.get(probe);
            if (answer.status() == 400
                    && names(answer.body(), field)
                    && !answer.body().contains("unknown field")) {
                read.computeIfAbsent(probe.route(), r -> new TreeSet<>()).add(field);
            }
        });
        return read;
    }

    /** Every wrong value in every field a route reads, and each field twice. */
    private List<Probe> fieldProbes(Map<Route, Set<String>> read) {
        List<Probe> probes = new ArrayList<>();
        read.forEach((route, fields) -> {
            for (String field : fields) {
                WRONG_VALUES.forEach((name, value) -> {
                    if (!value.equals(HUGE)) { // sent while learning
                        probes.add(probe(
                                route,
                                "field " + field + ": " + name,
                                fill(route, null, null),
                                Body.json("{\"" + field + "\":" + value + "}")));
                    }
                });
                // null is fine for most fields; the parser must refuse the second one before a handler sees it.
                probes.add(probe(
                        route,
                        "field " + field + ": duplicate",
                        fill(route, null, null),
                        Body.json("{\"" + field + "\":null,\"" + field + "\":null}")));
            }
        });
        return probes;
    }

    /** Each wrong answer, naming the route, the case, the request and what came back; sorted. */
    private static List<String> findings(Map<Probe, Answer> answers) {
        List<String> findings = new ArrayList<>();
        answers.forEach((probe, answer) -> {
            String finding = check(answer, mayRead(probe));
            if (finding != null) {
                findings.add(probe.describe() + ": " + finding + ": " + answer.status() + " " + answer.contentType()
                        + " " + abbreviate(answer.body()));
            }
        });
        findings.sort(null);
        findings.forEach(System.out::println);
        return findings;
    }

    /** The figures of the run, for the record. */
    private static void report(
            List<Route> routes,
            Map<Route, Integer> firstLook,
            Map<Route, Set<String>> read,
            Map<Probe, Answer> answers,
            long millis) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> cases = new TreeSet<>();
        answers.forEach((probe, answer) -> {
            statuses.merge(answer.status(), 1, Integer::sum);
            cases.add(probe.fuzzCase()
                    .replaceFirst("^field \\S+ ", "field ")
                    .replaceFirst("^\\{\\w+} ", "{param} ")
                    .replaceFirst("^\\?\\w+ ", "?query "));
        });
        long bodyRoutes = routes.stream().filter(r -> r.method().hasBody()).count();
        System.out.println("Fuzz: " + routes.size() + " routes (" + bodyRoutes + " with a body, " + firstLook.size()
                + " body-fuzzed, " + read.size() + " reading JSON fields), " + cases.size() + " cases, "
                + answers.size() + " requests in " + millis + " ms; answers by status " + statuses);
        System.out.println("Fuzz: fields read "
                + read.entrySet().stream()
                        .map(e -> e.getKey().method() + " " + e.getKey().path() + "=" + e.getValue())
                        .toList());
    }

    /**
     * A GET may succeed when its query was fuzzed (a route ignores a parameter it does not read, and a
     * filter that matches nothing finds nothing) or when a {@code ..} segment made it the parent list.
     */
    private static boolean mayRead(Probe probe) {
        return probe.method().equals("GET")
                && (probe.fuzzCase().startsWith("?") || probe.fuzzCase().endsWith(" dot-dot"));
    }

    /** True if the problem's detail names {@code field}, alone or as the start of a path such as {@code 'egress.x'}. */
    private static boolean names(String problem, String field) {
        return problem.contains("'" + field + "'")
                || problem.contains("'" + field + ".")
                || problem.contains("'" + field + "[");
    }

    /** Why {@code answer} is wrong, or null: a fuzz request must get a client error as a problem. */
    private static String check(Answer answer, boolean mayRead) {
        if (mayRead && answer.status() >= 200 && answer.status() < 300) {
            return null;
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            return "not a 4xx";
        }
        if (!answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return "not application/problem+json";
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem == null || problem.path("status").asInt() != answer.status()) {
                return "problem status is not the HTTP status";
            }
        } catch (IOException e) {
            return "problem does not parse";
        }
        return null;
    }

    private Map<Probe, Answer> run(List<Probe> probes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Map<Probe, Future<Answer>> futures = new LinkedHashMap<>();
            for (Probe probe : probes) {
                futures.put(probe, pool.submit((Callable<Answer>) () -> send(probe)));
            }
            Map<Probe, Answer> answers = new ConcurrentHashMap<>();
            for (Map.Entry<Probe, Future<Answer>> entry : futures.entrySet()) {
                answers.put(entry.getKey(), entry.getValue().get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Bodies go through the HTTP client; paths it would refuse to build or would re-encode go over a socket. */
    private Answer send(Probe probe) {
        try {
            if (probe.body() != null) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + probe.rawPath()))
                        .method(
                                probe.method(),
                                HttpRequest.BodyPublishers.ofByteArray(
                                        probe.body().bytes()));
                if (probe.key() != null) {
                    request.header("Authorization", "Bearer " + probe.key());
                }
                if (probe.body().contentType() != null) {
                    request.header("Content-Type", probe.body().contentType());
                }
                HttpResponse<String> response = server.http().sendOrThrow(request);
                return new Answer(
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""),
                        response.body());
            }
            return raw(probe);
        } catch (Exception e) {
            return new Answer(-1, "", "request failed: " + e);
        }
    }

    /** Sends the request line as it is, over a new connection, and parses the answer. */
    private Answer raw(Probe probe) throws IOException {
        StringBuilder head = new StringBuilder(probe.method())
                .append(' ')
                .append(probe.rawPath())
                .append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        if (probe.key() != null) {
            head.append("Authorization: Bearer ").append(probe.key()).append("\r\n");
        }
        if (!probe.method().equals("GET") && !probe.method().equals("DELETE")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(context.getProperty(Provisioning.HTTP_PORT)))) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(-1, "", "no HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim(),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers.getOrDefault("Content-Type", ""), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return out.toByteArray();
                }
                size.append((char) c);
            }
            int length = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    /** A probe of {@code route} as a caller allowed to reach its handler. */
    private Probe probe(Route route, String fuzzCase, String rawPath, Body body) {
        String key;
        if (route.access().anonymous()) {
            key = null;
        } else if (route.access().permission() != null
                && route.access().permission().startsWith("platform:")) {
            key = server.admin();
        } else if (route.path().contains("{ws}")) {
            key = ws.ownerKey();
        } else {
            key = server.admin();
        }
        return new Probe(route, fuzzCase, route.method().name(), rawPath, key, body);
    }

    /** The path: {ws} the fuzz workspace, other parameters an unknown id, {@code param} (if set) {@code value}. */
    private String fill(Route route, String param, String value) {
        Matcher matcher = PARAM.matcher(route.path());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String filled = name.equals(param) ? value : name.equals("ws") ? ws.id() : UNKNOWN_ID;
            matcher.appendReplacement(path, Matcher.quoteReplacement(filled));
        }
        return matcher.appendTail(path).toString();
    }

    private static List<String> params(Route route) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAM.matcher(route.path());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private String base() {
        return "http://127.0.0.1:" + context.getProperty(Provisioning.HTTP_PORT);
    }

    private String policy() throws Exception {
        return server.ok("GET", "/api/v1/workspaces/" + ws.id() + "/policy", ws.ownerKey(), null)
                .toString();
    }

    // --- nothing stored

    /**
     * The rows of every table but the audit log's, as the platform and as the fuzz workspace see them
     * (under row-level security the two differ). {@code last_used_at} moves with every authenticated call.
     */
    private Map<String, List<String>> snapshot() throws Exception {
        Database database = context.getService(context.getServiceReference(Database.class));
        Map<String, List<String>> tables = new TreeMap<>();
        database.inTransaction(c -> rows(c, "platform ", tables));
        database.inWorkspace(ws.id(), c -> rows(c, "workspace ", tables));
        return tables;
    }

    private static Void rows(Connection connection, String view, Map<String, List<String>> tables) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection
                .createStatement()
                .executeQuery(
                        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String table = rs.getString(2);
                String name = (schema + "." + table).toLowerCase(Locale.ROOT);
                boolean system = schema.equalsIgnoreCase("information_schema") || schema.equalsIgnoreCase("pg_catalog");
                boolean auditLog = name.equals("audit.records") || name.equals("audit.checkpoints");
                if (!system && !auditLog) {
                    names.add("\"" + schema + "\".\"" + table + "\"");
                }
            }
        }
        for (String table : names) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        if (!meta.getColumnLabel(i).equalsIgnoreCase("last_used_at")) {
                            String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                            row.append(column)
                                    .append('=')
                                    .append(rs.getString(i))
                                    .append(' ');
                        }
                    }
                    rows.add(row.toString());
                }
            }
            rows.sort(null);
            tables.put(view + table.toLowerCase(Locale.ROOT), rows);
        }
        return null;
    }

    private static void assertNothingStored(Map<String, List<String>> before, Map<String, List<String>> after) {
        assertEquals("the same tables", before.keySet(), after.keySet());
        assertTrue("tables were read: " + before.keySet(), before.size() > 5);
        List<String> changes = new ArrayList<>();
        before.forEach((table, rows) -> {
            List<String> added = new ArrayList<>(after.get(table));
            added.removeAll(rows);
            List<String> removed = new ArrayList<>(rows);
            removed.removeAll(after.get(table));
            if (!added.isEmpty() || !removed.isEmpty()) {
                changes.add(table + ": added " + abbreviate(added.toString()) + ", removed "
                        + abbreviate(removed.toString()));
            }
        });
        assertTrue("the fuzz stored something:\n" + String.join("\n", changes), changes.isEmpty());
    }

    // --- helpers

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private static String nest(String open, String close, int depth, String inner) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private static String controlCharacters() {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < 0x20; c++) {
            text.append(String.format("\\u%04x", c));
        }
        return text.append("\\u007f").toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.writeBytes(middle);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
