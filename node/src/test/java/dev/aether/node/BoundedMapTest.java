package dev.aether.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedMapTest {
  @Test
  void keepsTheNewestEntriesAndDropsTheOldestInserted() {
    Map<Integer, String> m = BoundedMap.keepingNewest(3);
    for (int i = 1; i <= 5; i++) {
      m.put(i, "v" + i);
    }
    assertThat(m).containsOnlyKeys(3, 4, 5);
    m.get(3); // reading does not refresh an entry: order is by insertion
    m.put(6, "v6");
    assertThat(m).containsOnlyKeys(4, 5, 6);
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThatThrownBy(() -> BoundedMap.keepingNewest(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
