package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.Route;
import io.portcullis.web.RouteHandler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final RouteHandler OK = request -> ApiResponse.noContent();

    private final RouteTable table = new RouteTable();

    private static RouteMatch.Found found(RouteMatch match) {
        assertThat(match).isInstanceOf(RouteMatch.Found.class);
        return (RouteMatch.Found) match;
    }

    @Test
    void literalSegmentBeatsParameter() {
        table.add("p", "p", List.of(Route.get("/a/{x}", OK), Route.get("/a/b", OK)));

        assertThat(found(table.match("GET", "/a/b")).route().path()).isEqualTo("/a/b");
        RouteMatch.Found param = found(table.match("GET", "/a/c%20d"));
        assertThat(param.route().path()).isEqualTo("/a/{x}");
        assertThat(param.rawParams()).isEqualTo(Map.of("x", "c%20d"));
    }

    @Test
    void precedenceIsDecidedAtTheFirstDifferingSegment() {
        table.add("p", "p", List.of(Route.get("/{y}/b/c", OK), Route.get("/a/{x}/c", OK)));

        assertThat(found(table.match("GET", "/a/b/c")).route().path()).isEqualTo("/a/{x}/c");
        assertThat(found(table.match("GET", "/z/b/c")).route().path()).isEqualTo("/{y}/b/c");
    }

    @Test
    void parametersAreWholeNonEmptySegmentsAndTrailingSlashesCount() {
        table.add("p", "p", List.of(Route.get("/a/{x}", OK), Route.get("/", OK)));

        assertThat(table.match("GET", "/a/")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(table.match("GET", "/a/b/")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(table.match("GET", "/a/b/c")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(table.match("GET", "/a")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(table.match("GET", "//b")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(found(table.match("GET", "/")).route().path()).isEqualTo("/");
    }

    @Test
    void knownPathWithOtherMethodIsMethodNotAllowedNamingTheAllowedOnes() {
        table.add("p", "p", List.of(Route.get("/a/{x}", OK), Route.post("/a/b", OK)));

        assertThat(table.match("DELETE", "/a/b"))
                .isEqualTo(new RouteMatch.MethodNotAllowed(java.util.EnumSet.of(HttpMethod.GET, HttpMethod.POST)));
        assertThat(table.match("POST", "/a/c"))
                .isEqualTo(new RouteMatch.MethodNotAllowed(java.util.EnumSet.of(HttpMethod.GET)));
        assertThat(table.match("FOO", "/a/c")).isInstanceOf(RouteMatch.MethodNotAllowed.class);
        // The method decides first: GET /a/b is served by the GET template, not refused by POST /a/b.
        assertThat(found(table.match("GET", "/a/b")).route().path()).isEqualTo("/a/{x}");
    }

    @Test
    void duplicateFromASecondProviderIsRefusedAndLoggedNamingBoth() {
        try (LogCapture log = new LogCapture(RouteTable.class.getName())) {
            assertThat(table.add("first", "bundle.one (service 1)", List.of(Route.get("/w/{ws}", OK))))
                    .isEqualTo(1);
            int added = table.add(
                    "second", "bundle.two (service 2)", List.of(Route.get("/w/{id}", OK), Route.post("/w/{id}", OK)));

            assertThat(added).isEqualTo(1);
            assertThat(log.lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .startsWith("WARN")
                            .contains(
                                    "GET '/w/{id}'", "bundle.two (service 2)", "bundle.one (service 1)", "'/w/{ws}'"));
        }
        assertThat(found(table.match("GET", "/w/1")).route().path()).isEqualTo("/w/{ws}");

        table.remove("first");
        assertThat(table.match("GET", "/w/1")).isInstanceOf(RouteMatch.MethodNotAllowed.class);
        table.remove("second");
        assertThat(table.match("POST", "/w/1")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void invalidTemplatesAreRefused() {
        try (LogCapture log = new LogCapture(RouteTable.class.getName())) {
            int added = table.add(
                    "p",
                    "p",
                    List.of(
                            Route.get("/a/b{x}", OK),
                            Route.get("/a/{x}{y}", OK),
                            Route.get("/{x}/{x}", OK),
                            Route.get("/{1x}", OK)));

            assertThat(added).isZero();
            assertThat(log.lines()).hasSize(4).allMatch(line -> line.startsWith("WARN Refused route"));
        }
        assertThat(table.match("GET", "/a/bc")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void aPermissionNamingAParameterThePathLacksIsRefused() {
        try (LogCapture log = new LogCapture(RouteTable.class.getName())) {
            int added = table.add(
                    "p",
                    "p",
                    List.of(
                            Route.get("/r/{id}", OK).requires("reports:{report}:read"),
                            Route.get("/w/{ws}/m/{id}", OK).requires("workspace:{ws}:members:{id}:read")));

            assertThat(added).isEqualTo(1);
            assertThat(log.lines())
                    .singleElement()
                    .satisfies(
                            line -> assertThat(line)
                                    .isEqualTo(
                                            "WARN Refused route GET '/r/{id}' of p: its permission names {report}, which the path does not have"));
        }
        assertThat(found(table.match("GET", "/w/1/m/2")).route().access().permission())
                .isEqualTo("workspace:{ws}:members:{id}:read");
    }

    @Test
    void routesDisappearWithTheirProviderOnly() {
        table.add("p1", "p1", List.of(Route.get("/one", OK)));
        table.add("p2", "p2", List.of(Route.get("/two", OK)));

        table.remove("p1");

        assertThat(table.match("GET", "/one")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(found(table.match("GET", "/two")).route().path()).isEqualTo("/two");
    }
}
