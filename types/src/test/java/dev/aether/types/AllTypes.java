package dev.aether.types;

import dev.aether.types.codec.Codec;
import java.util.List;
import java.util.function.Function;

/** Every canonical type: its name, codec and a seeded generator. Drives the generic tests. */
final class AllTypes {
  record Entry<T>(String name, Codec<T> codec, Function<RandomTypes, T> gen) {}

  static final List<Entry<?>> ALL =
      List.of(
          new Entry<>("H256", H256.CODEC, RandomTypes::h256),
          new Entry<>("Address", Address.CODEC, RandomTypes::address),
          new Entry<>("Amount", Amount.CODEC, RandomTypes::amount),
          new Entry<>("AssetId", AssetId.CODEC, RandomTypes::asset),
          new Entry<>("Value", Value.CODEC, RandomTypes::value),
          new Entry<>("UtxoRef", UtxoRef.CODEC, RandomTypes::utxoRef),
          new Entry<>("TxOutput", TxOutput.CODEC, RandomTypes::txOutput),
          new Entry<>("Call", Call.CODEC, RandomTypes::call),
          new Entry<>("TxSignature", TxSignature.CODEC, RandomTypes::txSignature),
          new Entry<>("TxBody", TxBody.CODEC, RandomTypes::txBody),
          new Entry<>("Tx", Tx.CODEC, RandomTypes::tx),
          new Entry<>("SignerSet", SignerSet.CODEC, RandomTypes::signerSet),
          new Entry<>("Vote", Vote.CODEC, RandomTypes::vote),
          new Entry<>("QuorumCert", QuorumCert.CODEC, RandomTypes::quorumCert),
          new Entry<>("Timeout", Timeout.CODEC, RandomTypes::timeout),
          new Entry<>("TimeoutCert", TimeoutCert.CODEC, RandomTypes::timeoutCert),
          new Entry<>("OpCert", OpCert.CODEC, RandomTypes::opCert),
          new Entry<>("Header", Header.CODEC, RandomTypes::header),
          new Entry<>("Block", Block.CODEC, RandomTypes::block),
          new Entry<>("Event", Event.CODEC, RandomTypes::event),
          new Entry<>("Receipt", Receipt.CODEC, RandomTypes::receipt),
          new Entry<>("ValueEvent", ValueEvent.CODEC, RandomTypes::valueEvent),
          new Entry<>("BlockReceipt", BlockReceipt.CODEC, RandomTypes::blockReceipt),
          new Entry<>("Opening", Opening.CODEC, RandomTypes::opening),
          new Entry<>("Vcr", Vcr.CODEC, RandomTypes::vcr));

  private AllTypes() {}
}
