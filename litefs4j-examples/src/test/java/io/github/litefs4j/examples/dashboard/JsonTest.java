package io.github.litefs4j.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesMapsInOrderWithListsNumbersBooleansAndOptionals() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", 1);
    value.put("a", List.of(true, 2.5, "x"));
    value.put("present", Optional.of("y"));
    value.put("absent", Optional.empty());
    value.put("none", null);

    assertThat(Json.write(value))
        .isEqualTo(
            "{\"b\":1,\"a\":[true,2.5,\"x\"],\"present\":\"y\",\"absent\":null,\"none\":null}");
  }

  @Test
  void escapesQuotesBackslashesControlCharactersAndScriptEnds() {
    assertThat(Json.write("say \"hi\"\\\n\t\u0001</script>\u2028"))
        .isEqualTo("\"say \\\"hi\\\"\\\\\\n\\t\\u0001\\u003c/script>\\u2028\"");
  }
}
