package dev.aether.node.devnet;

import dev.aether.crypto.Ed25519KeyPair;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.types.Address;
import dev.aether.types.Hashing;
import dev.aether.types.Hex;
import java.nio.charset.StandardCharsets;

/**
 * The devnet's well-known keys and the {@code [[validators]]}/{@code [[balances]]} sections of
 * {@code config/genesis.toml} that match them. All of it is public and deterministic: never use
 * these keys outside a local devnet.
 */
public final class DevnetGenesis {
  public static final long VALIDATOR_STAKE = 1_000_000_000_000L;
  public static final String FAUCET_SWR = "1_000_000_000_000_000";
  public static final String FAUCET_AIC = "1_000_000_000_000_000";
  public static final String FAUCET_USDT = "1_000_000_000_000";
  public static final String VALIDATOR_SWR = "1_000_000_000_000";

  private DevnetGenesis() {}

  /** The funded devnet account's key (its seed is public). */
  public static Ed25519KeyPair faucetKey() {
    return Ed25519KeyPair.fromSeed(
        Hashing.tagged("aether/devnet/faucet/v1", "faucet".getBytes(StandardCharsets.US_ASCII))
            .toArray());
  }

  public static Address faucetAddress() {
    return Address.ofPublicKey(faucetKey().publicKey().bytes());
  }

  /** TOML for {@code count} validators and the initial balances. */
  public static String toml(int count) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Devnet validators: keys derived from public seeds (ValidatorKeys.devnet(i)).\n");
    sb.append("# Regenerate with: bin/aetherctl devnet genesis --validators ")
        .append(count)
        .append('\n');
    for (int i = 0; i < count; i++) {
      ValidatorKeys k = ValidatorKeys.devnet(i);
      var p = k.genesisKeys();
      sb.append("\n[[validators]]\n");
      sb.append("name = \"validator-").append(i).append("\"\n");
      sb.append("stake = ")
          .append(String.format("%,d", VALIDATOR_STAKE).replace(',', '_'))
          .append('\n');
      for (String f : new String[] {"node_key", "bls_key", "bls_pop", "vrf_key", "cold_key"}) {
        sb.append(f).append(" = \"").append(p.get(f)).append("\"\n");
      }
    }
    sb.append(
        "\n# The devnet faucet account (its key: DevnetGenesis.faucetKey(), printed by make devnet).\n");
    String faucet = faucetAddress().toString();
    balance(sb, faucet, "SWR", FAUCET_SWR);
    balance(sb, faucet, "AIC", FAUCET_AIC);
    balance(sb, faucet, "USDT", FAUCET_USDT);
    for (int i = 0; i < count; i++) {
      // To the operator (cold key) account: it pays for the validator's staking transactions.
      balance(sb, ValidatorKeys.devnet(i).operator().toString(), "SWR", VALIDATOR_SWR);
    }
    return sb.toString();
  }

  private static void balance(StringBuilder sb, String address, String asset, String amount) {
    sb.append("\n[[balances]]\naddress = \"")
        .append(address)
        .append("\"\nasset = \"")
        .append(asset)
        .append("\"\namount = ")
        .append(amount)
        .append('\n');
  }

  /** Hex of the faucet seed, for the key file printed at devnet start. */
  public static String faucetSeedHex() {
    return Hex.encode(faucetKey().seed());
  }
}
