// Builds the example contracts with the pinned AssemblyScript compiler (package-lock.json):
//   node build.mjs           writes build/<name>.wasm
//   node build.mjs --check   builds into a temporary directory and fails if any committed
//                            build/<name>.wasm differs from what its source compiles to
// The flags are part of the contract ABI: stub runtime (no GC; memory is fresh every call),
// the start function exported as _initialize (the runtime runs it, metered, before each method),
// aborts routed to the host (sdk/assembly/abort.ts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes("--check");
const out = check ? mkdtempSync(join(tmpdir(), "aether-contracts-")) : join(root, "build");
mkdirSync(out, { recursive: true });
const asc = join(root, "node_modules", ".bin", "asc");
if (!existsSync(asc)) {
  console.error("error: AssemblyScript is not installed: run `npm ci` in contracts/ (make contracts)");
  process.exit(2);
}
export const FLAGS = [
  "--runtime", "stub",
  "-O3",
  "--exportStart", "_initialize",
  "--use", "abort=sdk/assembly/abort/abortHandler",
  "--noColors",
];
const examples = readdirSync(join(root, "examples")).sort();
let stale = [];
for (const name of examples) {
  const src = join("examples", name, "assembly", "index.ts");
  const wasm = join(out, name + ".wasm");
  execFileSync(asc, [src, "-o", wasm, ...FLAGS], { cwd: root, stdio: "inherit" });
  if (check) {
    const committed = join(root, "build", name + ".wasm");
    if (!existsSync(committed) || !readFileSync(committed).equals(readFileSync(wasm))) {
      stale.push(name);
    }
  } else {
    console.log("built build/" + name + ".wasm (" + readFileSync(wasm).length + " bytes)");
  }
}
if (stale.length > 0) {
  console.error("error: build/ is stale for " + stale.join(", ") + ": run `make contracts` and commit");
  process.exit(1);
}
if (check) {
  console.log("contracts: build/*.wasm match their sources (" + examples.join(", ") + ")");
}
