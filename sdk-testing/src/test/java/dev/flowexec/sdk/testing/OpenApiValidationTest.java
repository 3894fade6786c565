package dev.flowexec.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds docs/openapi.yaml to real validators: swagger-parser reads it as OpenAPI 3.1 with no
 * message, and a JSON Schema 2020-12 validator (the OpenAPI 3.1 dialect) checks every example in it
 * against its schema. {@link OpenApiDocumentTest} keeps it in step with the emulator.
 */
class OpenApiValidationTest {
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(OpenApi31.getInstance());

  /** JSON Schema 2020-12 and OpenAPI 3.1 schema keywords; anything else in a schema is a typo. */
  private static final Set<String> SCHEMA_KEYWORDS =
      Set.of(
          "$ref",
          "$defs",
          "$id",
          "$schema",
          "$anchor",
          "$comment",
          "$dynamicRef",
          "$dynamicAnchor",
          "type",
          "enum",
          "const",
          "format",
          "title",
          "description",
          "default",
          "examples",
          "example",
          "deprecated",
          "readOnly",
          "writeOnly",
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          "if",
          "then",
          "else",
          "properties",
          "patternProperties",
          "additionalProperties",
          "propertyNames",
          "unevaluatedProperties",
          "required",
          "dependentRequired",
          "dependentSchemas",
          "minProperties",
          "maxProperties",
          "items",
          "prefixItems",
          "contains",
          "minContains",
          "maxContains",
          "unevaluatedItems",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minLength",
          "maxLength",
          "pattern",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "contentEncoding",
          "contentMediaType",
          "contentSchema",
          "discriminator",
          "xml",
          "externalDocs");

  private static String text;
  private static JsonNode doc;

  @BeforeAll
  static void load() throws IOException {
    Path path = Path.of(System.getProperty("basedir", ".")).resolve("../docs/openapi.yaml");
    text = Files.readString(path, StandardCharsets.UTF_8);
    doc = new YAMLMapper().readTree(text);
  }

  @Test
  void swaggerParserReadsItAsOpenApi31WithNoMessage() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setValidateInternalRefs(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);

    assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
    assertThat(api.getPaths())
        .containsOnlyKeys(
            "/api/v2/flows/executions",
            "/api/v2/flows/executions/{flow_execution_id}",
            "/oauth/token");
  }

  /** Every {@code example}, {@code examples} entry and schema {@code examples} item is valid. */
  @Test
  void everyExampleIsValidAgainstItsSchema() {
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    walk(
        doc,
        "",
        (where, schema, example) -> {
          checked.add(where);
          for (Error e : validate(schema, example)) {
            problems.add(where + ": " + e);
          }
        });
    assertThat(checked).as("examples found").hasSizeGreaterThan(30);
    assertThat(problems).as("examples that break their schema").isEmpty();
  }

  @Test
  void everySchemaUsesOnlySchemaKeywords() {
    List<String> strays = new ArrayList<>();
    forEachSchema(
        doc.at("/components/schemas"),
        "/components/schemas",
        (where, schema) -> {
          for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SCHEMA_KEYWORDS.contains(name) && !name.startsWith("x-")) {
              strays.add(where + ": " + name);
            }
          }
        });
    assertThat(strays).as("unknown keywords (a YAML slip such as an unquoted comma?)").isEmpty();
  }

  @Test
  void theWorkedExampleRequestsBreakTheLaunchSchemaAndAreNoExampleOfIt() {
    JsonNode launch = schema("LaunchRequest");
    for (int n = 1; n <= 3; n++) {
      JsonNode request = doc.at("/components/examples/WorkedExample" + n + "Request/value");
      assertThat(request.isObject()).as("worked example %d", n).isTrue();
      assertThat(validate(launch, request))
          .as("worked example %d against LaunchRequest", n)
          .isNotEmpty();
    }
    assertThat(
            doc.at(
                    "/paths/~1api~1v2~1flows~1executions/post/requestBody/content/application~1json/examples")
                .findValuesAsText("$ref"))
        .noneMatch(ref -> ref.contains("WorkedExample"));
  }

  @Test
  void errorCodesAndIssuesAreOpen() {
    JsonNode error = schema("Error");
    ObjectNode body =
        json(
            "{\"error_code\": \"brand_new_code\", \"message\": \"m\", \"request_id\": \"r\","
                + " \"details\": [{\"field\": \"a\", \"issue\": \"brand_new_issue\", \"message\": \"m\"}]}");
    assertThat(validate(error, body)).isEmpty();
    body.put("error_code", 7);
    assertThat(validate(error, body)).isNotEmpty();
  }

  @Test
  void retryAfterSecondsIsAnyNumber() {
    JsonNode error = schema("Error");
    assertThat(
            validate(
                error,
                json(
                    "{\"error_code\": \"rate_limited\", \"message\": \"m\", \"request_id\": \"r\","
                        + " \"retry_after_seconds\": 1.5}")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "8", "120", "Sat, 28 Nov 2026 10:00:10 GMT", "Sun, 06 Nov 1994 08:49:37 GMT"})
  void retryAfterTakesDelaySecondsAndHttpDates(String value) {
    assertThat(validate(doc.at("/components/headers/Retry-After/schema"), parse('"' + value + '"')))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1.5", "soon", "Saturday, 28-Nov-26 10:00:10 GMT"})
  void retryAfterRejectsAnythingElse(String value) {
    assertThat(validate(doc.at("/components/headers/Retry-After/schema"), parse('"' + value + '"')))
        .isNotEmpty();
  }

  @Test
  void serverErrorsAllowBodiesThatAreNotJson() {
    for (String status : List.of("500", "502", "503", "504")) {
      JsonNode response =
          resolve(doc.at("/paths/~1api~1v2~1flows~1executions/post/responses/" + status));
      Set<String> types = names(response.get("content"));
      assertThat(types)
          .as("media types of %s", status)
          .contains("application/json")
          .hasSizeGreaterThan(1);
    }
  }

  @Test
  void theHeadersTheContractPromisesAreRequired() {
    JsonNode launch = doc.at("/paths/~1api~1v2~1flows~1executions/post/responses");
    JsonNode get = doc.at("/paths/~1api~1v2~1flows~1executions~1{flow_execution_id}/get/responses");
    assertRequired(launch, "201", "Location");
    assertRequired(launch, "200", "Idempotent-Replayed");
    for (JsonNode responses : List.of(launch, get)) {
      assertRequired(responses, "429", "Retry-After");
      assertRequired(responses, "401", "WWW-Authenticate");
      assertRequired(responses, "403", "WWW-Authenticate");
      for (String status : names(responses)) {
        if (status.startsWith("4")) {
          assertRequired(responses, status, "X-Request-Id");
        }
      }
    }
    assertRequired(doc.at("/paths/~1oauth~1token/post/responses"), "401", "WWW-Authenticate");
  }

  private static void assertRequired(JsonNode responses, String status, String header) {
    JsonNode h = resolve(resolve(responses.get(status)).path("headers").path(header));
    assertThat(h.path("required").asBoolean(false))
        .as("%s on %s is required", header, status)
        .isTrue();
  }

  // --- the walk --------------------------------------------------------------------------------

  private interface ExampleVisitor {
    void visit(String where, JsonNode schema, JsonNode example);
  }

  /**
   * Finds every example: a media type, header or parameter object has {@code schema} beside {@code
   * example} or an {@code examples} map; a schema has an {@code examples} array or (OpenAPI 3.0
   * style) an {@code example}.
   */
  private static void walk(JsonNode node, String where, ExampleVisitor visitor) {
    if (node.isObject()) {
      JsonNode schema = node.get("schema");
      if (schema != null && schema.isObject()) {
        if (node.has("example")) {
          visitor.visit(where + "/example", schema, node.get("example"));
        }
        if (node.path("examples").isObject()) {
          for (Map.Entry<String, JsonNode> e : fields(node.get("examples"))) {
            JsonNode example = resolve(e.getValue());
            if (example.has("value")) {
              visitor.visit(where + "/examples/" + e.getKey(), schema, example.get("value"));
            }
          }
        }
      } else if (!where.startsWith("/components/examples")) {
        if (node.path("examples").isArray()) {
          int i = 0;
          for (JsonNode example : node.get("examples")) {
            visitor.visit(where + "/examples/" + i++, node, example);
          }
        }
        if (node.has("example") && (node.has("type") || node.has("$ref"))) {
          visitor.visit(where + "/example", node, node.get("example"));
        }
      }
      for (Map.Entry<String, JsonNode> e : fields(node)) {
        walk(e.getValue(), where + "/" + e.getKey(), visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), where + "/" + i, visitor);
      }
    }
  }

  private interface SchemaVisitor {
    void visit(String where, JsonNode schema);
  }

  /** Every schema under {@code schemas}, and every subschema of it. */
  private static void forEachSchema(JsonNode schemas, String where, SchemaVisitor visitor) {
    for (Map.Entry<String, JsonNode> e : fields(schemas)) {
      visitSchema(e.getValue(), where + "/" + e.getKey(), visitor);
    }
  }

  private static void visitSchema(JsonNode schema, String where, SchemaVisitor visitor) {
    if (!schema.isObject()) {
      return;
    }
    visitor.visit(where, schema);
    for (String keyword : List.of("properties", "patternProperties", "$defs", "dependentSchemas")) {
      for (Map.Entry<String, JsonNode> e : fields(schema.path(keyword))) {
        visitSchema(e.getValue(), where + "/" + keyword + "/" + e.getKey(), visitor);
      }
    }
    for (String keyword : List.of("allOf", "anyOf", "oneOf", "prefixItems")) {
      int i = 0;
      for (JsonNode sub : schema.path(keyword)) {
        visitSchema(sub, where + "/" + keyword + "/" + i++, visitor);
      }
    }
    for (String keyword :
        List.of("items", "not", "additionalProperties", "contains", "if", "then", "else")) {
      visitSchema(schema.path(keyword), where + "/" + keyword, visitor);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * Validates against a schema of the document: the schema is copied beside the document's {@code
   * components}, so its {@code #/components/...} references resolve.
   */
  private static List<Error> validate(JsonNode schema, JsonNode instance) {
    ObjectNode root = (ObjectNode) schema.deepCopy();
    root.set("components", doc.get("components"));
    Schema compiled = SCHEMAS.getSchema(root);
    return compiled.validate(instance);
  }

  private static JsonNode schema(String name) {
    JsonNode schema = doc.at("/components/schemas/" + name);
    assertThat(schema.isObject()).as("schema %s", name).isTrue();
    return schema;
  }

  private static JsonNode resolve(JsonNode node) {
    while (node != null && node.has("$ref")) {
      node = doc.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return new ArrayList<>(node.properties());
  }

  private static Set<String> names(JsonNode node) {
    return fields(node).stream()
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  private static JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static ObjectNode json(String json) {
    return (ObjectNode) parse(json);
  }
}
