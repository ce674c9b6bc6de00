package dev.aether.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aether.types.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract arguments from JSON (default, named and declared types), return data, refusals. */
class ContractArgsTest {
  private static final String ADDR = "0x" + "ab".repeat(32);

  private static String hex(String json) {
    return Hex.encode(ContractArgs.encode(json, "args"));
  }

  @Test
  void plainValuesTakeTheirDefaultTypes() {
    assertThat(hex("[\"" + ADDR + "\", 250, \"hi\", true, \"0xab\", -0]"))
        .isEqualTo(
            ADDR
                + "fa00000000000000" // u64 250
                + "02000000"
                + "6869" // string "hi"
                + "01"
                + "04000000"
                + "30786162" // "0xab" is too short for a bytes32: a string
                + "0000000000000000");
    assertThat(hex("[18446744073709551615]")).isEqualTo("0x" + "ff".repeat(8));
  }

  @Test
  void namedTypesAreExact() {
    assertThat(
            hex(
                "[{\"u8\":7},{\"u32\":258},{\"amount\":\"340_282_366_920_938_463_463_374_607_431_768_211_455\"},"
                    + "{\"bytes\":\"0x0102\"},{\"string\":\"0x is text\"},{\"bool\":false},"
                    + "{\"raw\":\"0xff\"},{\"u128\":1},{\"u64\":\"+5\"},{\"bytes32\":\""
                    + ADDR
                    + "\"}]"))
        .isEqualTo(
            "0x07"
                + "02010000"
                + "ff".repeat(16)
                + "02000000"
                + "0102"
                + "0a000000"
                + "30782069732074657874"
                + "00"
                + "ff"
                + "01"
                + "00".repeat(15)
                + "0500000000000000"
                + ADDR.substring(2));
  }

  @Test
  void declaredTypesEncodePlainValuesAsDeclared() {
    JsonNode values = ContractArgs.parse("[\"Gold\", 1000, \"" + ADDR + "\", {\"u8\": 3}]", "a");
    byte[] declared =
        ContractArgs.encode(values, List.of("string", "amount", "address", "u8"), "args");
    byte[] named =
        ContractArgs.encode(
            "[{\"string\":\"Gold\"},{\"amount\":1000},{\"address\":\"" + ADDR + "\"},{\"u8\":3}]",
            "args");
    assertThat(declared).isEqualTo(named);
    // A string declared as a string stays one even when it looks like a bytes32.
    assertThat(
            ContractArgs.encode(
                ContractArgs.parse("[\"" + ADDR + "\"]", "a"), List.of("string"), "args"))
        .hasSize(4 + 66);
    for (Object[] bad :
        new Object[][] {
          {"[1, 2]", List.of("u64")},
          {"[1]", List.of("u16")},
          {"[{\"u8\": 1}]", List.of("u32")},
          {"[\"x\"]", List.of("u64")},
          {"[300]", List.of("u8")},
          {"[1]", List.of("bool")},
        }) {
      @SuppressWarnings("unchecked")
      List<String> types = (List<String>) bad[1];
      assertThatThrownBy(
              () -> ContractArgs.encode(ContractArgs.parse((String) bad[0], "a"), types, "args"))
          .as("%s as %s", bad[0], types)
          .isInstanceOf(ContractArgs.Refused.class)
          .hasMessageStartingWith("args");
    }
  }

  @Test
  void refusalsNameTheElement() {
    String[][] cases = {
      {"{}", "args must be a JSON array"},
      {"[1.5]", "args[0]: use a number"},
      {"[1e2]", "args[0]: use a number"},
      {"[-1]", "args[0]: -1 does not fit an unsigned 64-bit integer"},
      {"[18446744073709551616]", "args[0]: 18446744073709551616 does not fit"},
      {"[{\"u8\":300}]", "args[0].u8: 300 does not fit an unsigned 8-bit integer"},
      {"[{\"u64\":\"x\"}]", "args[0].u64: expected an integer"},
      {"[{\"u64\":\"\u0663\"}]", "args[0].u64: expected an integer"},
      {"[{\"u64\":\"__\"}]", "args[0].u64: expected an integer"},
      {"[{\"u64\":1.0}]", "args[0].u64: expected an integer"},
      {"[{\"nope\":1}]", "args[0]: unknown type 'nope'"},
      {"[{\"address\":\"0x12\"}]", "args[0].address: expected 32 bytes, got 1"},
      {"[{\"bytes\":\"0x123\"}]", "args[0].bytes: expected 0x-hex"},
      {"[{\"bytes\":\"12\"}]", "args[0].bytes: expected 0x-hex"},
      {"[{\"bool\":1}]", "args[0].bool: expected true or false"},
      {"[{\"string\":5}]", "args[0].string: expected a string"},
      {"[\"\\ud800\"]", "args[0]: not well-formed Unicode"},
      {"[{\"u8\":1,\"u32\":2}]", "args[0]: use a number"},
      {"[[1]]", "args[0]: use a number"},
      {"[null]", "args[0]: use a number"},
      {"not json", "args is not JSON"},
      {"[1] 2", "args is not JSON"},
      {"[{\"u8\":1,\"u8\":2}]", "args is not JSON"},
      {"", "args is not JSON"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> ContractArgs.encode(c[0], "args"))
          .as(c[0])
          .isInstanceOf(ContractArgs.Refused.class)
          .hasMessageStartingWith(c[1]);
    }
  }

  @Test
  void returnDataDecodesWhatArgumentsEncode() {
    byte[] b =
        ContractArgs.encode(
            "[{\"amount\":\"1000\"},\"Aether Gold\",\""
                + ADDR
                + "\",{\"u32\":9},true,{\"u8\":2},"
                + "{\"u64\":\"18446744073709551615\"},{\"bytes\":\"0xbeef\"}]",
            "args");
    assertThat(ContractArgs.decode(b, "amount, string,address,u32,bool,u8,u64,bytes").toString())
        .isEqualTo(
            "[\"1000\",\"Aether Gold\",\""
                + ADDR
                + "\",9,true,2,\"18446744073709551615\",\"0xbeef\"]");
    assertThatThrownBy(() -> ContractArgs.decode(b, "amount"))
        .isInstanceOf(ContractArgs.Refused.class)
        .hasMessageContaining("bytes left");
    assertThatThrownBy(() -> ContractArgs.decode(new byte[3], "u64"))
        .hasMessageContaining("shorter than");
    assertThatThrownBy(() -> ContractArgs.decode(new byte[] {2}, "bool"))
        .hasMessageContaining("bool byte 2");
    assertThatThrownBy(() -> ContractArgs.decode(new byte[] {1, 0, 0, 0, (byte) 0xff}, "string"))
        .hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> ContractArgs.decode(new byte[0], "raw"))
        .hasMessageContaining("unknown return type 'raw'");
  }
}
