package dev.aether.ledger;

import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: commits blocks to a RocksDB store forever and
 * prints "COMMITTED height root" after each commit returns, until it is killed.
 */
public final class CrashWorker {
  private CrashWorker() {}

  public static void main(String[] args) {
    CrashWorkload w = new CrashWorkload();
    try (RocksStateStore store = RocksStateStore.open(Path.of(args[0]))) {
      Ledger ledger = w.open(store);
      System.out.println("OPENED " + ledger.head().height());
      System.out.flush();
      for (int i = 0; i < 1_000_000; i++) {
        w.commitNext(ledger);
        System.out.println("COMMITTED " + ledger.head().height() + " " + ledger.head().stateRoot());
        System.out.flush();
      }
    }
  }
}
