package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    record Item(String name, int qty) {}

    record Order(List<Item> items, Instant at) {}

    record Named(String name) {
        Named {
            if (name.isBlank()) {
                throw ProblemException.badRequest("name must not be blank");
            }
            if (name.length() > 5) {
                throw new IllegalArgumentException("name too long: " + name);
            }
        }
    }

    private static <T> T bind(String json, Class<T> type) {
        return JsonBodies.bind(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static String detail(String json, Class<?> type) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> bind(json, type));
        assertThat(thrown).isInstanceOf(ProblemException.class);
        assertThat(((ProblemException) thrown).status()).isEqualTo(400);
        return ((ProblemException) thrown).detail();
    }

    @Test
    void bindsNestedRecordsAndIsoInstants() {
        Order order = bind("{\"items\":[{\"name\":\"a\",\"qty\":2}],\"at\":\"2026-01-02T03:04:05Z\"}", Order.class);

        assertThat(order.items()).containsExactly(new Item("a", 2));
        assertThat(order.at()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void writesInstantsAsIsoStrings() throws Exception {
        assertThat(Json.MAPPER.writeValueAsString(Map.of("at", Instant.EPOCH)))
                .isEqualTo("{\"at\":\"1970-01-01T00:00:00Z\"}");
    }

    @Test
    void mismatchesNameTheFieldPathButNeverTheValue() {
        assertThat(detail(
                        "{\"items\":[{\"name\":\"a\",\"qty\":\"lots-secret\"}],\"at\":\"2026-01-02T03:04:05Z\"}",
                        Order.class))
                .isEqualTo("Request body field 'items[0].qty' is missing, of the wrong type or invalid.");
        assertThat(detail("{\"items\":[],\"at\":\"yesterday-secret\"}", Order.class))
                .contains("'at'")
                .doesNotContain("yesterday");
        assertThat(detail("{\"items\":[],\"at\":\"2026-01-02T03:04:05Z\",\"pass<word>\":1}", Order.class))
                .isEqualTo("Request body has an unknown field 'pass?word?'.");
        assertThat(detail("[1,2]", Item.class)).isEqualTo("The request body must be a JSON object.");
    }

    record Retention(Integer days, boolean on) {}

    @Test
    void everyScalarMustComeInItsOwnType() {
        // Each of these once bound: a number as a name, "" as a null Integer, "30" as 30, 1.9 as 1, 1 as true.
        assertThat(detail("{\"name\":123,\"qty\":1}", Item.class)).contains("'name'");
        assertThat(detail("{\"name\":1.5,\"qty\":1}", Item.class)).contains("'name'");
        assertThat(detail("{\"name\":true,\"qty\":1}", Item.class)).contains("'name'");
        assertThat(detail("{\"days\":\"\",\"on\":true}", Retention.class)).contains("'days'");
        assertThat(detail("{\"days\":\"30\",\"on\":true}", Retention.class)).contains("'days'");
        assertThat(detail("{\"days\":1.9,\"on\":true}", Retention.class)).contains("'days'");
        assertThat(detail("{\"days\":30,\"on\":1}", Retention.class)).contains("'on'");
        assertThat(detail("{\"days\":30,\"on\":\"true\"}", Retention.class)).contains("'on'");

        assertThat(bind("{\"name\":\"a\",\"qty\":2}", Item.class)).isEqualTo(new Item("a", 2));
        assertThat(bind("{\"days\":null,\"on\":false}", Retention.class)).isEqualTo(new Retention(null, false));
    }

    @Test
    void malformedJsonGivesTheLocationOnly() {
        assertThat(detail("{\n  \"name\": tru-secret }", Item.class))
                .startsWith("Request body is not valid JSON (line 2, column ")
                .doesNotContain("secret");
        assertThat(detail("{\"name\":\"a\",\"qty\":1} trailing-secret", Item.class))
                .doesNotContain("secret");
    }

    @Test
    void aProblemFromTheConstructorKeepsItsWordsOtherFailuresDoNot() {
        assertThat(detail("{\"name\":\" \"}", Named.class)).isEqualTo("name must not be blank");
        assertThat(detail("{\"name\":\"toolong\"}", Named.class)).doesNotContain("toolong", "too long");
    }

    @Test
    void jsonContentTypesAreRecognised() {
        assertThat(Json.isJson("application/json")).isTrue();
        assertThat(Json.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(Json.isJson("application/merge-patch+json")).isTrue();
        assertThat(Json.isJson("application/jsonp")).isFalse();
        assertThat(Json.isJson("text/json")).isFalse();
        assertThat(Json.isJson(null)).isFalse();
        assertThatThrownBy(() -> bind("", Item.class)).isInstanceOf(ProblemException.class);
    }
}
