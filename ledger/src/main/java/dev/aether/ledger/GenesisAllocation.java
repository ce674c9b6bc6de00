package dev.aether.ledger;

import dev.aether.types.Address;
import dev.aether.types.Amount;
import dev.aether.types.AssetId;
import dev.aether.types.Bytes;
import dev.aether.types.H256;
import dev.aether.types.codec.Codec;
import dev.aether.types.codec.Reader;
import dev.aether.types.codec.Writer;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The initial state in ledger terms: account balances, validator stakes and native programs' data.
 * The node turns the genesis file ({@code GenesisConfig}) into this (with the native programs'
 * state, see {@code dev.aether.programs.NativePrograms#genesis}).
 *
 * @param balances one entry per (address, asset)
 * @param stakes one entry per validator (the ledger-only view, stored under {@link
 *     StateKeys#stake}; a chain with the staking program keeps stake in that program's data instead
 *     and leaves this empty)
 * @param data native programs' genesis objects ({@link StateObject.Data}) by state key
 */
public record GenesisAllocation(
    List<Balance> balances, List<Stake> stakes, SortedMap<H256, Bytes> data) {
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
    data = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(data));
  }

  /** Balances and stakes, no program data. */
  public GenesisAllocation(List<Balance> balances, List<Stake> stakes) {
    this(balances, stakes, new TreeMap<>());
  }

  /** This allocation with {@code more} program data objects added (keys must be new). */
  public GenesisAllocation withData(SortedMap<H256, Bytes> more) {
    TreeMap<H256, Bytes> all = new TreeMap<>(data);
    for (var e : more.entrySet()) {
      if (all.put(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("two genesis data objects under " + e.getKey());
      }
    }
    return new GenesisAllocation(balances, stakes, all);
  }

  /** Canonical bytes (hashed into the genesis id). */
  public byte[] encode() {
    Writer w = new Writer().list(balances, Balance.CODEC).list(stakes, Stake.CODEC);
    w.u32(data.size());
    for (var e : data.entrySet()) {
      H256.CODEC.write(e.getKey(), w);
      w.bytes(e.getValue().toArray());
    }
    return w.toByteArray();
  }
}
