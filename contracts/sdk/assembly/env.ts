// Raw host functions of the Aether host ABI v2 (import module "aether"). Pointers are offsets
// into this contract's memory; ids, addresses, keys and asset ids are 32 bytes; amounts are u128
// little-endian (16 bytes). Prefer the typed wrappers in index.ts.

@external("aether", "args_len") export declare function args_len(): i32;
@external("aether", "args_read") export declare function args_read(dst: usize): void;
@external("aether", "storage_get")
export declare function storage_get(key: usize, dst: usize, cap: i32): i32;
@external("aether", "storage_set")
export declare function storage_set(key: usize, src: usize, len: i32): void;
@external("aether", "storage_delete") export declare function storage_delete(key: usize): void;
@external("aether", "caller") export declare function caller(dst: usize): void;
@external("aether", "payer") export declare function payer(dst: usize): void;
@external("aether", "self") export declare function self(dst: usize): void;
@external("aether", "block_height") export declare function block_height(): u64;
@external("aether", "block_slot") export declare function block_slot(): u64;
@external("aether", "balance") export declare function balance(asset: usize, dst: usize): void;
@external("aether", "transfer")
export declare function transfer(to: usize, asset: usize, amount: usize): void;
@external("aether", "call")
export declare function call(
  contract: usize,
  method: usize,
  methodLen: i32,
  args: usize,
  argsLen: i32,
): i32;
@external("aether", "call_result") export declare function call_result(dst: usize, cap: i32): i32;
@external("aether", "return_data") export declare function return_data(src: usize, len: i32): void;
@external("aether", "emit")
export declare function emit(topic: usize, topicLen: i32, data: usize, dataLen: i32): void;
@external("aether", "sha256") export declare function sha256(src: usize, len: i32, dst: usize): void;
@external("aether", "ed25519_verify")
export declare function ed25519_verify(pk: usize, msg: usize, msgLen: i32, sig: usize): i32;
@external("aether", "abort") export declare function abort(msg: usize, msgLen: i32): void;
