// A counter: `increment` adds one and emits the new value, `get` returns it.
// Storage: one u64 under Storage.key("count").
import { Storage, Args, Writer, emit, retU64 } from "../../../sdk/assembly/index";

function countKey(): Uint8Array {
  return Storage.key("count");
}

/** increment(): count += 1; emits "incremented" with the new count (u64). */
export function increment(): void {
  Args.call().done();
  const key = countKey();
  const next = Storage.getU64(key) + 1;
  Storage.setU64(key, next);
  emit("incremented", new Writer().u64(next).toBytes());
}

/** get() -> u64: the count (0 before the first increment). */
export function get(): void {
  Args.call().done();
  retU64(Storage.getU64(countKey()));
}
