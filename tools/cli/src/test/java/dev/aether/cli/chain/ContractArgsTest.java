package dev.aether.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aether.cli.CliException;
import dev.aether.cli.CliHarness;
import dev.aether.types.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's argument encoding from --args JSON, the decoding of --returns, and bad input. */
class ContractArgsTest {
  private static final String ADDR = "0x" + "ab".repeat(32);

  @Test
  void plainValuesTakeTheirDefaultTypes() {
    byte[] b = ContractArgs.encode("[\"" + ADDR + "\", 250, \"hi\", true]");
    assertThat(Hex.encode(b))
        .isEqualTo(
            ADDR
                + "fa00000000000000" // u64 250
                + "02000000"
                + "6869" // string "hi"
                + "01");
  }

  @Test
  void typedValuesAreExact() {
    byte[] b =
        ContractArgs.encode(
            "[{\"u8\":7},{\"u32\":258},{\"amount\":\"340282366920938463463374607431768211455\"},"
                + "{\"bytes\":\"0x0102\"},{\"string\":\"0x is text\"},{\"bool\":false},{\"raw\":\"0xff\"}]");
    assertThat(Hex.encode(b))
        .isEqualTo(
            "0x07"
                + "02010000"
                + "ff".repeat(16)
                + "02000000"
                + "0102"
                + "0a000000"
                + "307820697320746578 74".replace(" ", "")
                + "00"
                + "ff");
  }

  @Test
  void returnsDecodeWhatArgsEncode() {
    byte[] b =
        ContractArgs.encode("[{\"amount\":\"1000\"},\"Aether Gold\",\"" + ADDR + "\",{\"u32\":9}]");
    assertThat(ContractArgs.decode(b, "amount,string,address,u32").toString())
        .isEqualTo("[\"1000\",\"Aether Gold\",\"" + ADDR + "\",9]");
    assertThatThrownBy(() -> ContractArgs.decode(b, "amount"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("bytes left");
    assertThatThrownBy(() -> ContractArgs.decode(new byte[3], "u64"))
        .hasMessageContaining("shorter than");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    for (String bad :
        new String[] {
          "{}",
          "[1.5]",
          "[-1]",
          "[{\"u8\":300}]",
          "[{\"u64\":\"x\"}]",
          "[{\"nope\":1}]",
          "[{\"address\":\"0x12\"}]",
          "not json",
          "[null]"
        }) {
      assertThatThrownBy(() -> ContractArgs.encode(bad))
          .as(bad)
          .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
    }
  }

  @Test
  void deployRefusesAnInvalidModuleBeforeContactingANode(@TempDir Path dir) throws Exception {
    Path wasm = dir.resolve("bad.wasm");
    Files.write(wasm, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 0});
    Path key = dir.resolve("k.json");
    Files.writeString(key, "{\"ed25519_seed\":\"0x" + "11".repeat(32) + "\"}");
    CliHarness.Result r =
        CliHarness.run(
            "contract",
            "deploy",
            "--wasm",
            wasm.toString(),
            "--from",
            key.toString(),
            "--rpc",
            "http://127.0.0.1:1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("invalid module");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void usageErrorsExitTwo() {
    CliHarness.Result noSlot =
        CliHarness.run("contract", "storage", "--contract", ADDR, "--rpc", "http://127.0.0.1:1");
    assertThat(noSlot.exitCode()).isEqualTo(2);
    assertThat(noSlot.err()).contains("give --slot or --key");
    CliHarness.Result badArgs =
        CliHarness.run(
            "contract",
            "query",
            "--contract",
            ADDR,
            "--method",
            "get",
            "--args",
            "[{",
            "--rpc",
            "http://127.0.0.1:1");
    assertThat(badArgs.exitCode()).isEqualTo(2);
    assertThat(badArgs.err()).startsWith("error: --args is not JSON");
  }

  @Test
  void saltGivesTheSameCodeAnotherId() {
    byte[] code = {0, 'a', 's', 'm', 1, 0, 0, 0};
    byte[] a = ContractCommand.salted(code, "one");
    byte[] b = ContractCommand.salted(code, "two");
    assertThat(dev.aether.runtime.wasm.WasmContracts.contractId(a))
        .isNotEqualTo(dev.aether.runtime.wasm.WasmContracts.contractId(b));
    assertThat(dev.aether.runtime.wasm.WasmContracts.genesis().check(a)).isEmpty();
  }
}
