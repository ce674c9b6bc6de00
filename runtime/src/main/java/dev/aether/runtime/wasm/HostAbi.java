package dev.aether.runtime.wasm;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Map;

/**
 * The host functions a contract may import, all from module {@code env}, with their exact types.
 * Pointers are offsets into the contract's memory; keys, addresses and hashes are 32 bytes.
 *
 * <pre>
 * args_len() -> i32                         length of the call's argument bytes
 * args_read(dst)                             copy the arguments to dst
 * storage_get(key, dst, cap) -> i32          value length (-1 if absent); copies min(len, cap)
 * storage_set(key, src, len)                 set this contract's slot (declared write needed)
 * storage_delete(key)
 * caller(dst)                                the transaction payer's address
 * self(dst)                                  this contract's id (also its account address)
 * transfer(to, amount: i64)                  pay SWR from this contract's own account
 * emit(topic, topic_len, data, data_len)     add an event to the receipt
 * sha256(src, len, dst)
 * ed25519_verify(pk, msg, msg_len, sig) -> i32   1 valid, 0 not
 * abort(code)                                fail the call with CONTRACT_TRAP
 * </pre>
 */
public final class HostAbi {
  private HostAbi() {}

  public static final String MODULE = "env";

  static final Map<String, FunctionType> FUNCTIONS =
      Map.ofEntries(
          Map.entry("args_len", type(List.of(), List.of(I32))),
          Map.entry("args_read", type(List.of(I32), List.of())),
          Map.entry("storage_get", type(List.of(I32, I32, I32), List.of(I32))),
          Map.entry("storage_set", type(List.of(I32, I32, I32), List.of())),
          Map.entry("storage_delete", type(List.of(I32), List.of())),
          Map.entry("caller", type(List.of(I32), List.of())),
          Map.entry("self", type(List.of(I32), List.of())),
          Map.entry("transfer", type(List.of(I32, I64), List.of())),
          Map.entry("emit", type(List.of(I32, I32, I32, I32), List.of())),
          Map.entry("sha256", type(List.of(I32, I32, I32), List.of())),
          Map.entry("ed25519_verify", type(List.of(I32, I32, I32, I32), List.of(I32))),
          Map.entry("abort", type(List.of(I32), List.of())));

  private static FunctionType type(List<ValType> params, List<ValType> results) {
    return FunctionType.of(params, results);
  }
}
