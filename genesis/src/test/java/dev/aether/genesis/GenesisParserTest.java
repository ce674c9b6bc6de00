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
    assertThat(g.staking())
        .isEqualTo(
            new GenesisConfig.Staking(
                2,
                Amount.of(100_000),
                100,
                400,
                10_000,
                new Ratio(1, 20),
                new Ratio(1, 2),
                2,
                new Ratio(1, 10)));
    assertThat(g.validators().get(0).operator())
        .isEqualTo(dev.aether.types.Address.ofPublicKey(g.validators().get(0).coldKey().toArray()))
        .isNotEqualTo(g.validators().get(0).address());
  }

  @Test
  void stakingParametersAreCommittedToTheGenesisHash() throws IOException {
    String text = valid();
    H256 h = GenesisBlock.of(GenesisParser.parse(text), H256.ZERO).id();
    String changed = text.replace("jail_epochs = 2", "jail_epochs = 3");
    assertThat(GenesisBlock.of(GenesisParser.parse(changed), H256.ZERO).id()).isNotEqualTo(h);
    String cold = text.replace("0x2222", "0x3333");
    assertThat(GenesisBlock.of(GenesisParser.parse(cold), H256.ZERO).id()).isNotEqualTo(h);
  }

  @Test
  void jobsSectionIsOptionalValidatedAndCommitted() throws IOException {
    String text = valid();
    GenesisConfig g = GenesisParser.parse(text);
    // Absent: 24 hours of 500 ms slots, the documented defaults.
    assertThat(g.jobs()).isEqualTo(GenesisConfig.Jobs.defaults(500));
    assertThat(g.jobs().challengeWindowSlots()).isEqualTo(172_800);
    String withJobs =
        text
            + "\n[jobs]\nchallenge_window_slots = 20\nburn_per_j_unit = 3\nchallenge_bond = 50\n"
            + "min_bond_ratio = \"2\"\nchallenger_share = \"1/4\"\ntime_origin_ms = 7\n"
            + "max_providers = 9\n";
    GenesisConfig j = GenesisParser.parse(withJobs);
    assertThat(j.jobs())
        .isEqualTo(
            new GenesisConfig.Jobs(
                20, Amount.of(3), Amount.of(50), new Ratio(2, 1), new Ratio(1, 4), 7, 9));
    assertThat(GenesisBlock.of(j, H256.ZERO).id()).isNotEqualTo(GenesisBlock.of(g, H256.ZERO).id());
    assertThatThrownBy(() -> GenesisParser.parse(withJobs.replace("\"1/4\"", "\"5/4\"")))
        .isInstanceOf(GenesisException.class)
        .hasMessageContaining("[jobs].challenger_share");
    assertThatThrownBy(
            () ->
                GenesisParser.parse(withJobs.replace("challenge_bond = 50", "challenge_bond = 0")))
        .hasMessageContaining("[jobs].challenge_bond: must be positive");
    assertThatThrownBy(() -> GenesisParser.parse(withJobs + "surprise = 1\n"))
        .hasMessageContaining("unknown field");
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
        "unbonding_epochs = 2|unbonding_epochs = 0|[staking].unbonding_epochs: must be positive",
        "min_self_bond = 100_000|min_self_bond = 0|[staking].min_self_bond: must be positive",
        "min_self_bond = 100_000|min_self_bond = 2_000_000|validators[0].stake: below [staking]",
        "max_validators = 100|max_validators = 0|[staking].max_validators: must be between 1",
        "max_validators = 100|max_validators = 1|[[validators]]: more than [staking].max_valid",
        "max_validators = 100|max_validators = 2000|[staking].max_validators: must be between",
        "max_candidates = 400|max_candidates = 50|[staking].max_candidates: must be between",
        "max_commission_bps = 10_000|max_commission_bps = 10_001|[staking].max_commission_bps",
        "inflation = \"0.05\"|inflation = \"-1\"|[staking].inflation",
        "downtime_threshold = \"1/2\"|downtime_threshold = \"3/2\"|[staking].downtime_threshold: must be at most 1",
        "reporter_reward = \"1/10\"|reporter_reward = 7|[staking].reporter_reward: must be at most 1",
        "jail_epochs = 2|jail_epochs = -2|[staking].jail_epochs: must not be negative",
        "jail_epochs = 2||[staking].jail_epochs: missing field",
        "[staking]|[stakingx]|unknown field",
        "slash_double = \"0.05\"|slash_double = \"1\"|[consensus].slash_double: must be below 1",
        "cold_key = \"0x2222222222222222222222222222222222222222222222222222222222222222\"|cold_key = \"0x1111111111111111111111111111111111111111111111111111111111111111\"|validators[1].cold_key: duplicate operator",
        "cold_key = \"0x1111111111111111111111111111111111111111111111111111111111111111\"||validators[0].cold_key: missing field",
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
