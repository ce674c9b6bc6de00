package dev.aether.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.H256;
import dev.aether.types.Ratio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenesisParserTest {
  static String valid() throws IOException {
    return Files.readString(Path.of("src/test/resources/genesis-valid.toml"));
  }

  @Test
  void parsesTheBriefValuesExactly() throws IOException {
    GenesisConfig g = GenesisParser.parse(valid());
    assertThat(g.chain()).isEqualTo(new GenesisConfig.Chain("aether-dev-1", 500, 2_000_000, 43200));
    assertThat(g.consensus().tau()).isEqualTo(new Ratio(4, 5));
    assertThat(g.consensus().quorum()).isEqualTo(new Ratio(2, 3));
    assertThat(g.consensus().slashDouble()).isEqualTo(new Ratio(1, 20));
    assertThat(g.consensus().leakDowntime()).isEqualTo(new Ratio(1, 100_000));
    assertThat(g.fees()).isEqualTo(new GenesisConfig.Fees(10_000, 5, 2, 1));
    assertThat(g.rent()).isEqualTo(new GenesisConfig.Rent(2, 12));
    assertThat(g.devnet().allowDevAttestations()).isTrue();
    assertThat(g.validators()).hasSize(2);
    assertThat(g.totalStake()).isEqualTo(Amount.of(2_000_000));
    assertThat(g.balances().get(1).asset()).isEqualTo(AssetId.AIC);
    assertThat(g.balances().get(1).amount()).isEqualTo(Amount.MAX);
  }

  @Test
  void genesisHashIgnoresFormattingAndCommentsButNotValues() throws IOException {
    String text = valid();
    H256 h = GenesisBlock.of(GenesisParser.parse(text), H256.ZERO).id();
    String reformatted = "# a comment\n" + text.replace("b = 5", "b   =   5 # spaced");
    assertThat(GenesisBlock.of(GenesisParser.parse(reformatted), H256.ZERO).id()).isEqualTo(h);
    String changed = text.replace("b = 5", "b = 6");
    assertThat(GenesisBlock.of(GenesisParser.parse(changed), H256.ZERO).id()).isNotEqualTo(h);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a = 10_000|a = -1|[fees].a: must not be negative",
        "a = 10_000|a = \"ten\"|[fees].a: must be an integer",
        "a = 10_000|a = 1.5|[fees].a: must be an integer",
        "a = 10_000||[fees].a: missing field",
        "quorum = \"2/3\"|quorum = \"two thirds\"|[consensus].quorum: not a fraction",
        "quorum = \"2/3\"|quorum = \"1/3\"|[consensus].quorum: must be more than 1/2",
        "quorum = \"2/3\"|quorum = \"4/3\"|[consensus].quorum: must be at most 1",
        "tau = 0.8|tau = true|[consensus].tau: must be a fraction",
        "slot_ms = 500|slot_ms = 0|[chain].slot_ms: must be positive",
        "chain_id = \"aether-dev-1\"|chain_id = \"Aether Dev\"|[chain].chain_id: must be 1-32",
        "horizon_epochs = 12|horizon_epochs = 12\\nextra = 1|[rent].extra: unknown field",
        "stake = 1_000_000|stake = 0|validators[0].stake: must be positive",
        "asset = \"SWR\"|asset = \"DOGE\"|balances[0].asset: unknown asset",
        "[rent]|[rentx]|unknown field",
      })
  void everyInvalidValueNamesItsField(String from, String to, String expected) throws IOException {
    String text =
        valid()
            .replaceFirst(
                java.util.regex.Pattern.quote(from), to == null ? "" : to.replace("\\n", "\n"));
    assertThatThrownBy(() -> GenesisParser.parse(text))
        .isInstanceOf(GenesisException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void rejectsWrongKeyLengthAndBadHex() throws IOException {
    String text = valid();
    String shortKey = text.replaceFirst("node_key = \"0x[0-9a-f]{64}\"", "node_key = \"0x1234\"");
    assertThatThrownBy(() -> GenesisParser.parse(shortKey))
        .hasMessageContaining("validators[0].node_key: must be 32 bytes");
    String badHex = text.replaceFirst("vrf_key = \"0x[0-9a-f]{2}", "vrf_key = \"0xzz");
    assertThatThrownBy(() -> GenesisParser.parse(badHex))
        .hasMessageContaining("validators[0].vrf_key: invalid hex character");
  }

  @Test
  void rejectsBrokenTomlAndMissingFile() {
    assertThatThrownBy(() -> GenesisParser.parse("[chain\nchain_id = 1"))
        .isInstanceOf(GenesisException.class)
        .hasMessageContaining("not valid TOML");
    assertThatThrownBy(() -> GenesisParser.parse(Path.of("does/not/exist.toml")))
        .isInstanceOf(GenesisException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void requiresAtLeastOneValidator() throws IOException {
    String text = valid();
    String none =
        text.substring(0, text.indexOf("[[validators]]"))
            + text.substring(text.indexOf("[[balances]]"));
    assertThatThrownBy(() -> GenesisParser.parse(none))
        .hasMessageContaining("[[validators]]: at least one validator is required");
  }

  static final String LIMITS =
      """
      [limits]
      tx_steps_max = 1_000_000
      tx_memory_bytes_max = 2_097_152
      block_steps_max = 8_000_000
      contract_pages_max = 8
      contract_table_elements_max = 512
      contract_code_bytes_max = 32_768
      contract_call_depth_max = 4
      """;

  @Test
  void limitsDefaultWhenAbsentAndAreReadExactlyWhenGiven() throws IOException {
    assertThat(GenesisParser.parse(valid()).limits()).isEqualTo(GenesisConfig.Limits.DEFAULT);
    GenesisConfig g = GenesisParser.parse(valid() + LIMITS);
    assertThat(g.limits())
        .isEqualTo(new GenesisConfig.Limits(1_000_000, 2_097_152, 8_000_000, 8, 512, 32_768, 4));
    // Limits are consensus parameters: they are part of the genesis hash.
    assertThat(GenesisBlock.of(g, H256.ZERO).id())
        .isNotEqualTo(GenesisBlock.of(GenesisParser.parse(valid()), H256.ZERO).id());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "tx_steps_max = 1_000_000|tx_steps_max = 0|[limits].tx_steps_max: must be positive",
        "block_steps_max = 8_000_000|block_steps_max = 999|[limits].block_steps_max: must be at"
            + " least tx_steps_max",
        "tx_memory_bytes_max = 2_097_152|tx_memory_bytes_max = 100|[limits].tx_memory_bytes_max:"
            + " must be at least one 64 KiB page",
        "contract_pages_max = 8|contract_pages_max = 70000|[limits].contract_pages_max: must be"
            + " 1..65536",
        "contract_table_elements_max = 512|contract_table_elements_max = -1|"
            + "[limits].contract_table_elements_max: must not be negative",
        "contract_code_bytes_max = 32_768|contract_code_bytes_max = 1_000_000|"
            + "[limits].contract_code_bytes_max: must be 8..65536",
        "contract_call_depth_max = 4||[limits].contract_call_depth_max: missing field",
        "contract_call_depth_max = 4|contract_call_depth_max = \"4\"|"
            + "[limits].contract_call_depth_max: must be an integer",
        "tx_steps_max = 1_000_000|tx_steps = 1|[limits].tx_steps: unknown field",
      })
  void everyInvalidLimitNamesItsField(String from, String to, String expected) throws IOException {
    String text =
        (valid() + LIMITS).replaceFirst(java.util.regex.Pattern.quote(from), to == null ? "" : to);
    assertThatThrownBy(() -> GenesisParser.parse(text))
        .isInstanceOf(GenesisException.class)
        .hasMessageContaining(expected);
  }
}
