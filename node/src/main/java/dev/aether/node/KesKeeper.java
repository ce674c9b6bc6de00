package dev.aether.node;

import dev.aether.consensus.crypto.HotKey;
import dev.aether.crypto.KesSecretKey;
import dev.aether.node.keys.AtomicFiles;
import dev.aether.node.keys.ValidatorKeys;
import dev.aether.types.OpCert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * Keeps a validator's hot KES key where forward security needs it: evolved as KES periods pass and
 * written back to the key file atomically each time (so earlier periods are gone from disk, not
 * only from memory), picking up a certificate the operator issued with {@code aetherctl keys
 * rotate-kes}, and warning — log and metric — as the hot key nears the end of its 64 periods.
 *
 * <p>The key file is shared with {@code aetherctl}: every read-modify-write holds the file's lock,
 * and the node never writes back a certificate older than the one on disk.
 */
final class KesKeeper {
  private static final Logger LOG = Logger.getLogger(KesKeeper.class.getName());

  /** Warn when the hot key has this many periods left or fewer (8 x 18 h = 6 days by default). */
  static final int WARN_PERIODS = 8;

  private final Path file;
  private final HotKey hot;
  private final IntConsumer periodsLeft;
  private int warnedAt = -1;

  /**
   * File locks are per process, not per thread (a second lock from this JVM would throw): this
   * mutex orders the node's own threads. Taken after the hot key's monitor, never before.
   */
  private final Object fileMutex = new Object();

  /**
   * @param file the key file the keys were read from (rewritten as the key evolves)
   * @param periodsLeft receives the periods the hot key has left after each {@link #tick}
   */
  KesKeeper(Path file, ValidatorKeys keys, IntConsumer periodsLeft) {
    this.file = file;
    this.periodsLeft = periodsLeft;
    this.hot = new HotKey(keys.opCert(), keys.kes(), this::save);
  }

  HotKey hot() {
    return hot;
  }

  /**
   * Writes the evolved key into the key file, unless the file already holds a newer certificate
   * (the operator rotated: that one is picked up at the next {@link #tick}).
   */
  private void save(OpCert cert, KesSecretKey key) {
    try {
      synchronized (fileMutex) {
        AtomicFiles.locked(
            file,
            () -> {
              ValidatorKeys onDisk = ValidatorKeys.parse(file.toString(), Files.readAllBytes(file));
              if (onDisk.opCert().counter() > cert.counter()) {
                return null;
              }
              onDisk.withKes(key, cert).replace(file);
              return null;
            });
      }
    } catch (IOException e) {
      // Refuse to sign rather than sign with a key whose older periods survive on disk.
      throw new UncheckedIOException("cannot persist the evolved KES key to " + file, e);
    }
  }

  /** The key file's modification time when it was last read for a rotation. */
  private java.nio.file.attribute.FileTime lastRead =
      java.nio.file.attribute.FileTime.fromMillis(0);

  /** Switches to a newer certificate the operator wrote into the key file, if any. */
  private void pickUpRotation() {
    java.nio.file.attribute.FileTime modified;
    try {
      modified = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      LOG.warning("cannot read key file " + file + " for a new certificate: " + e.getMessage());
      return;
    }
    if (modified.equals(lastRead)) {
      return; // unchanged since we last looked
    }
    lastRead = modified;
    try {
      ValidatorKeys onDisk;
      synchronized (fileMutex) {
        onDisk =
            AtomicFiles.locked(
                file, () -> ValidatorKeys.parse(file.toString(), Files.readAllBytes(file)));
      }
      if (onDisk.opCert().counter() > hot.cert().counter()) {
        hot.rotate(onDisk.opCert(), onDisk.kes());
        LOG.info(
            "new operational certificate "
                + onDisk.opCert().counter()
                + " from "
                + file
                + ": hot key covers KES periods "
                + onDisk.opCert().startPeriod()
                + ".."
                + hot.lastPeriod());
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("cannot read key file " + file + " for a new certificate: " + e.getMessage());
    }
  }

  /** Runs at least once per KES period: rotation pickup, evolution, expiry warning. */
  void tick(int currentPeriod) {
    pickUpRotation();
    hot.advanceTo(currentPeriod);
    int left = hot.lastPeriod() - currentPeriod;
    periodsLeft.accept(left);
    if (hot.certFor(currentPeriod).isEmpty()) {
      if (warnedAt != currentPeriod) {
        warnedAt = currentPeriod;
        LOG.severe(
            "the hot KES key does not cover KES period "
                + currentPeriod
                + " (certificate "
                + hot.cert().counter()
                + " covers "
                + hot.cert().startPeriod()
                + ".."
                + hot.lastPeriod()
                + "): this validator cannot propose; run aetherctl keys rotate-kes --key "
                + file);
      }
    } else if (left < WARN_PERIODS && warnedAt != currentPeriod) {
      warnedAt = currentPeriod;
      LOG.warning(
          "the hot KES key expires in "
              + left
              + " KES period(s) (after period "
              + hot.lastPeriod()
              + "): run aetherctl keys rotate-kes --key "
              + file);
    }
  }
}
