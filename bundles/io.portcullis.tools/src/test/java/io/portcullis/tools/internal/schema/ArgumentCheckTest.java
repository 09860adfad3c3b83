package io.portcullis.tools.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.tools.testing.TestTool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentCheckTest {

    private final SchemaCompiler compiler = new SchemaCompiler();
    private final CompiledSchema schema = compiler.compile("search.docs", "1", TestTool.SCHEMA);

    @Test
    void validArgumentsPass() {
        assertThat(check(schema, Map.of("query", "x", "limit", 5, "options", Map.of("lang", "en"))))
                .isEmpty();
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedThoughTheSchemaAllowsIt() {
        assertThat(schema.schema().getSchemaNode().has("additionalProperties")).isFalse();
        assertThat(check(schema, Map.of("query", "x", "extra", "secret-ish"))).hasValueSatisfying(v -> {
            assertThat(v.path()).isEqualTo("$.extra");
            assertThat(v.detail()).doesNotContain("secret-ish");
        });
    }

    @Test
    void aSchemaWithoutPropertiesAcceptsNoArguments() {
        CompiledSchema none = compiler.compile("clock.now", "1", "{\"type\": \"object\"}");
        assertThat(check(none, Map.of())).isEmpty();
        assertThat(check(none, Map.of("anything", 1))).isPresent();
    }

    @Test
    void aWrongTypeNamesItsPathAndNeverTheValue() {
        assertThat(check(schema, Map.of("query", "x", "limit", "fifty-seven"))).hasValueSatisfying(v -> {
            assertThat(v.path()).isEqualTo("$.limit");
            assertThat(v.detail()).isEqualTo("Argument '$.limit' is invalid (type).");
        });
    }

    @Test
    void aNestedViolationNamesTheNestedPath() {
        assertThat(check(schema, Map.of("query", "x", "options", Map.of("lang", "klingon-value"))))
                .hasValueSatisfying(v -> {
                    assertThat(v.path()).isEqualTo("$.options.lang");
                    assertThat(v.detail()).contains("enum").doesNotContain("klingon-value");
                });
    }

    @Test
    void aMissingRequiredArgumentIsNamed() {
        assertThat(check(schema, Map.of("limit", 3)))
                .hasValueSatisfying(v -> assertThat(v.path()).isEqualTo("$.query"));
    }

    @Test
    void anOversizedStringIsRefusedEvenWhereTheSchemaAllowsIt() {
        String big = "a".repeat(ArgumentCheck.MAX_STRING_CHARS + 1);
        assertThat(check(schema, Map.of("query", big))).hasValueSatisfying(v -> {
            assertThat(v.path()).isEqualTo("$.query");
            assertThat(v.detail()).contains("longer than").doesNotContain("aaaa");
        });
        assertThat(check(schema, Map.of("query", "a".repeat(ArgumentCheck.MAX_STRING_CHARS))))
                .isEmpty();
        // nested strings and field names count too
        assertThat(check(schema, Map.of("query", "x", "options", Map.of("lang", big))))
                .hasValueSatisfying(v -> assertThat(v.path()).isEqualTo("$.options.lang"));
    }

    @Test
    void anOversizedDocumentIsRefused() {
        CompiledSchema list = compiler.compile(
                "bulk.put", "1", "{\"type\": \"object\", \"properties\": {\"items\": {\"type\": \"array\"}}}");
        List<String> items = java.util.Collections.nCopies(10, "b".repeat(ArgumentCheck.MAX_STRING_CHARS - 10));
        assertThat(check(list, Map.of("items", items)))
                .hasValueSatisfying(
                        v -> assertThat(v.detail()).contains("larger than " + ArgumentCheck.MAX_DOCUMENT_BYTES));
    }

    @Test
    void deepNestingIsRefused() {
        Object nested = "leaf";
        for (int i = 0; i < ArgumentCheck.MAX_DEPTH + 2; i++) {
            nested = List.of(nested);
        }
        CompiledSchema list = compiler.compile("deep.put", "1", "{\"type\": \"object\", \"properties\": {\"a\": {}}}");
        assertThat(check(list, Map.of("a", nested)))
                .hasValueSatisfying(v -> assertThat(v.detail()).contains("nested"));
    }

    @Test
    void schemasAreCompiledOncePerToolVersion() {
        CompiledSchema again = compiler.compile("search.docs", "1", TestTool.SCHEMA);
        assertThat(again).isSameAs(schema);
        assertThat(compiler.compile("search.docs", "2", TestTool.SCHEMA)).isNotSameAs(schema);
        compiler.forget("search.docs");
        assertThat(compiler.size()).isZero();
    }

    @Test
    void aBrokenSchemaIsRefusedAtCompileTime() {
        assertThatThrownBy(() -> compiler.compile("bad.one", "1", "not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> compiler.compile("bad.two", "1", "[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<Violation> check(CompiledSchema schema, Map<String, Object> arguments) {
        JsonNode tree = JsonValues.MAPPER.valueToTree(arguments);
        return ArgumentCheck.check(schema, tree, JsonValues.canonical(tree));
    }
}
