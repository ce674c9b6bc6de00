import * as env from "./env";

// AssemblyScript's abort (assertions, out-of-bounds, explicit abort()) routed to the host: the
// call fails with CONTRACT_TRAP and the message shows in aeth_call / aetherctl contract query.
// Wired in by the build: --use abort=sdk/assembly/abort/abortHandler.
export function abortHandler(
  message: string | null,
  fileName: string | null,
  line: u32,
  column: u32,
): void {
  let text = message !== null ? message : "abort";
  if (fileName !== null) {
    text = text + " (" + fileName + ":" + line.toString() + ")";
  }
  const utf8 = String.UTF8.encode(text);
  env.abort(changetype<usize>(utf8), utf8.byteLength);
  unreachable();
}
