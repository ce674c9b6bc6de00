package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;

/**
 * The initial state in ledger terms: account balances and validator stakes. The node turns the
 * genesis file ({@code GenesisConfig}) into this.
 *
 * @param balances one entry per (address, asset)
 * @param stakes one entry per validator
 */
public record GenesisAllocation(List<Balance> balances, List<Stake> stakes) {
  /** A genesis balance. */
  public record Balance(Address address, AssetId asset, Amount amount) {
    static final Codec<Balance> CODEC =
        new Codec<>() {
          @Override
          public void write(Balance v, Writer out) {
            Address.CODEC.write(v.address, out);
            AssetId.CODEC.write(v.asset, out);
            Amount.CODEC.write(v.amount, out);
          }

          @Override
          public Balance read(Reader in) {
            return new Balance(
                Address.CODEC.read(in), AssetId.CODEC.read(in), Amount.CODEC.read(in));
          }
        };
  }

  /** A validator's bonded stake at genesis (held outside its spendable balance). */
  public record Stake(Address validator, Amount amount) {
    static final Codec<Stake> CODEC =
        new Codec<>() {
          @Override
          public void write(Stake v, Writer out) {
            Address.CODEC.write(v.validator, out);
            Amount.CODEC.write(v.amount, out);
          }

          @Override
          public Stake read(Reader in) {
            return new Stake(Address.CODEC.read(in), Amount.CODEC.read(in));
          }
        };
  }

  public GenesisAllocation {
    balances = List.copyOf(balances);
    stakes = List.copyOf(stakes);
  }

  /** Canonical bytes (hashed into the genesis id). */
  public byte[] encode() {
    return new Writer().list(balances, Balance.CODEC).list(stakes, Stake.CODEC).toByteArray();
  }
}
