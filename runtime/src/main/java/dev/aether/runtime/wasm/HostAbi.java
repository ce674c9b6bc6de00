package dev.aether.runtime.wasm;

import static com.dylibso.chicory.wasm.types.ValType.I32;
import static com.dylibso.chicory.wasm.types.ValType.I64;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Map;

/**
 * The host functions a contract may import, with their exact types, in two versions told apart by
 * the import module's name. A module imports from one version only; both keep running. Pointers are
 * offsets into the contract's memory; keys, addresses, contract ids and asset ids are 32 bytes;
 * amounts in v2 are u128, 16 bytes little-endian.
 *
 * <p><b>Version 1</b>, module {@code env}:
 *
 * <pre>
 * args_len() -> i32                         length of the call's argument bytes
 * args_read(dst)                             copy the arguments to dst
 * storage_get(key, dst, cap) -> i32          value length (-1 if absent); copies min(len, cap)
 * storage_set(key, src, len)                 set this contract's slot (declared write needed)
 * storage_delete(key)
 * caller(dst)                                who called: the payer, or the calling contract
 * self(dst)                                  this contract's id (also its account address)
 * transfer(to, amount: i64)                  pay SWR from this contract's own account
 * emit(topic, topic_len, data, data_len)     add an event to the receipt
 * sha256(src, len, dst)
 * ed25519_verify(pk, msg, msg_len, sig) -> i32   1 valid, 0 not
 * abort(code)                                fail the call with CONTRACT_TRAP
 * </pre>
 *
 * <p><b>Version 2</b>, module {@code aether}: everything of version 1 with the same meaning (except
 * as below), and
 *
 * <pre>
 * payer(dst)                                 the transaction's payer (who signed and pays fees)
 * block_height() -> i64, block_slot() -> i64 the block being executed
 * balance(asset, dst)                        this contract's balance of an asset (u128 at dst)
 * transfer(to, asset, amount_ptr)            pay any asset this contract holds (u128 amount)
 * call(contract, method, method_len, args, args_len) -> i32
 *                                            call another contract (its code and the storage it
 *                                            touches must be declared by the transaction); returns
 *                                            the length of its return data; its failure fails this
 *                                            transaction; re-entering a running contract fails
 * call_result(dst, cap) -> i32               copy min(len, cap) bytes of the last call's return
 *                                            data; returns its length
 * return_data(src, len)                      set this call's return data (at most 64 KiB)
 * abort(msg, msg_len)                        fail the call with CONTRACT_TRAP and a UTF-8 message
 * </pre>
 */
public final class HostAbi {
  private HostAbi() {}

  /** The import module of version 1. */
  public static final String MODULE = "env";

  /** The import module of version 2. */
  public static final String MODULE_V2 = "aether";

  /** The version a module importing nothing gets. */
  public static final int LATEST = 2;

  /** Most bytes of return data a call may set. */
  public static final int MAX_RETURN = 64 * 1024;

  static final Map<String, FunctionType> V1 =
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

  static final Map<String, FunctionType> V2 =
      Map.ofEntries(
          Map.entry("args_len", type(List.of(), List.of(I32))),
          Map.entry("args_read", type(List.of(I32), List.of())),
          Map.entry("storage_get", type(List.of(I32, I32, I32), List.of(I32))),
          Map.entry("storage_set", type(List.of(I32, I32, I32), List.of())),
          Map.entry("storage_delete", type(List.of(I32), List.of())),
          Map.entry("caller", type(List.of(I32), List.of())),
          Map.entry("payer", type(List.of(I32), List.of())),
          Map.entry("self", type(List.of(I32), List.of())),
          Map.entry("block_height", type(List.of(), List.of(I64))),
          Map.entry("block_slot", type(List.of(), List.of(I64))),
          Map.entry("balance", type(List.of(I32, I32), List.of())),
          Map.entry("transfer", type(List.of(I32, I32, I32), List.of())),
          Map.entry("call", type(List.of(I32, I32, I32, I32, I32), List.of(I32))),
          Map.entry("call_result", type(List.of(I32, I32), List.of(I32))),
          Map.entry("return_data", type(List.of(I32, I32), List.of())),
          Map.entry("emit", type(List.of(I32, I32, I32, I32), List.of())),
          Map.entry("sha256", type(List.of(I32, I32, I32), List.of())),
          Map.entry("ed25519_verify", type(List.of(I32, I32, I32, I32), List.of(I32))),
          Map.entry("abort", type(List.of(I32, I32), List.of())));

  /** The version an import module name stands for; 0 when it is none. */
  static int version(String module) {
    return switch (module) {
      case MODULE -> 1;
      case MODULE_V2 -> 2;
      default -> 0;
    };
  }

  static Map<String, FunctionType> functions(int version) {
    return version == 1 ? V1 : V2;
  }

  private static FunctionType type(List<ValType> params, List<ValType> results) {
    return FunctionType.of(params, results);
  }
}
