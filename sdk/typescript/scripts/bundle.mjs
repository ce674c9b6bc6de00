// Bundles the SDK for browsers into one ES module (dist/aether-sdk.browser.js), which the
// indexer's explorer serves for its "verified" badges. esbuild's output is deterministic for a
// given version and input, so the committed copy in the indexer can be checked against it.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/index.js"],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "eof",
  outfile: "dist/aether-sdk.browser.js",
  logLevel: "warning",
});
