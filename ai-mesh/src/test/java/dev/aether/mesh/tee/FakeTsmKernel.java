package dev.aether.mesh.tee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Stands in for the kernel behind a temporary directory laid out like configfs-tsm's report
 * directory: {@code mkdir} of an entry creates the attribute files the kernel would ({@code
 * inblob}, {@code outblob}, {@code auxblob} for SEV-SNP, {@code provider}, {@code generation},
 * {@code privlevel_floor}), each write advances {@code generation}, {@code rmdir} takes the files
 * away. All reads and writes go through {@link TsmFs}'s real file code; only the kernel's side
 * effects are simulated. The report it "makes" is whatever {@link #outblob} maps the inblob to —
 * recorded evidence cannot be re-signed over new REPORT_DATA, so tests map every inblob to the
 * recording.
 */
class FakeTsmKernel extends TsmFs {
  final String provider;
  UnaryOperator<byte[]> outblob;
  Optional<byte[]> auxblob = Optional.empty();
  long privlevelFloor;

  /** Another process's writes to our entry, one after each of the next N outblob reads. */
  int interferences;

  /** Fail mkdir with this error (no provider registered: ENXIO; not root: EACCES). */
  Optional<IOException> mkdirFails = Optional.empty();

  final List<byte[]> inblobs = new ArrayList<>();
  int entriesMade;

  FakeTsmKernel(Path root, String provider, UnaryOperator<byte[]> outblob) {
    super(root);
    this.provider = provider;
    this.outblob = outblob;
  }

  @Override
  void mkdir(String entry) throws IOException {
    if (mkdirFails.isPresent()) {
      throw mkdirFails.get();
    }
    super.mkdir(entry);
    entriesMade++;
    Path d = root().resolve(entry);
    Files.write(d.resolve("inblob"), new byte[0]);
    Files.write(d.resolve("outblob"), new byte[0]);
    if (provider.equals("sev_guest")) {
      Files.write(d.resolve("auxblob"), new byte[0]);
      Files.writeString(d.resolve("privlevel_floor"), privlevelFloor + "\n");
    }
    Files.writeString(d.resolve("provider"), provider + "\n");
    Files.writeString(d.resolve("generation"), "0\n");
  }

  @Override
  void write(String entry, String attr, byte[] value) throws IOException {
    super.write(entry, attr, value);
    if (attr.equals("inblob")) {
      inblobs.add(value.clone());
      Path d = root().resolve(entry);
      Files.write(d.resolve("outblob"), outblob.apply(value));
      if (auxblob.isPresent()) {
        Files.write(d.resolve("auxblob"), auxblob.get());
      }
      bump(entry);
    }
  }

  @Override
  byte[] read(String entry, String attr) throws IOException {
    byte[] b = super.read(entry, attr);
    if (attr.equals("outblob") && interferences > 0) {
      interferences--;
      bump(entry);
    }
    return b;
  }

  @Override
  void rmdir(String entry) throws IOException {
    try (var files = Files.list(root().resolve(entry))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    super.rmdir(entry);
  }

  private void bump(String entry) throws IOException {
    Path g = root().resolve(entry).resolve("generation");
    long n = Long.parseLong(Files.readString(g, StandardCharsets.US_ASCII).strip());
    Files.writeString(g, (n + 1) + "\n");
  }

  /** Entries left in the report directory (the attester must remove each one it makes). */
  long leftovers() throws IOException {
    try (var s = Files.list(root())) {
      return s.count();
    }
  }
}
