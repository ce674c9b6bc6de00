package dev.aether.programs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aether.ledger.BankProgram;
import dev.aether.types.H256;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeProgramsTest {
  @Test
  void everyProgramHasItsOwnId() {
    Set<H256> ids = new HashSet<>();
    for (NativeProgram p : NativePrograms.all()) {
      assertThat(ids.add(p.id())).as("duplicate id %s", p.id()).isTrue();
    }
  }

  @Test
  void tableFindsTheBank() {
    assertThat(NativePrograms.programs().find(BankProgram.ID, null)).isPresent();
    assertThat(NativePrograms.programs().find(H256.ZERO, null)).isEmpty();
  }
}
