package dev.aether.mesh.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aether.mesh.Hashing;
import dev.aether.mesh.MeshException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The models a provider or challenger can run, keyed by {@code model_hash}.
 *
 * <p>Each model folder holds {@code manifest.json} ({@code name}, {@code weights}, {@code
 * model_hash}, {@code sample_input}, {@code description}, provenance), the weights file and a
 * sample input. A weights file whose {@code model_hash} ({@code
 * dev.aether.compute.model.ModelCommitment}) differs from the manifest's is refused: the hash is
 * the model's identity on chain.
 */
public final class ModelRegistry {
  /** Classpath folder of the models shipped in the jar. */
  static final String BUNDLED = "/dev/aether/mesh/models/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Entry> byHash;

  /** A registered model with its sample input. */
  public record Entry(Model model, byte[] sampleInput, String sampleInputName) {
    /** Copies the sample. */
    public Entry {
      sampleInput = sampleInput.clone();
    }

    @Override
    public byte[] sampleInput() {
      return sampleInput.clone();
    }
  }

  private ModelRegistry(List<Entry> entries) {
    Map<String, Entry> m = new TreeMap<>();
    for (Entry e : entries) {
      m.put(e.model().modelHashHex(), e);
    }
    this.byHash = Collections.unmodifiableMap(m);
  }

  /** The models shipped in the jar (listed in {@code models/INDEX}). */
  public static ModelRegistry bundled() {
    List<Entry> entries = new ArrayList<>();
    String index = new String(resource("INDEX"), StandardCharsets.UTF_8);
    for (String name : index.strip().split("\\s+")) {
      entries.add(load(name, file -> resource(name + "/" + file)));
    }
    return new ModelRegistry(entries);
  }

  /** Every model folder under {@code dir} (those holding a {@code manifest.json}). */
  public static ModelRegistry fromDirectory(Path dir) {
    List<Entry> entries = new ArrayList<>();
    try (var folders = Files.list(dir)) {
      for (Path f : folders.sorted().toList()) {
        if (Files.isRegularFile(f.resolve("manifest.json"))) {
          entries.add(load(f.getFileName().toString(), file -> read(f.resolve(file))));
        }
      }
    } catch (IOException e) {
      throw new MeshException.BadModel("cannot list models in " + dir + ": " + e.getMessage());
    }
    return new ModelRegistry(entries);
  }

  /** All models, ordered by hash. */
  public List<Entry> list() {
    return List.copyOf(byHash.values());
  }

  /** The model with this hash. */
  public Optional<Entry> byHash(String modelHashHex) {
    String h = modelHashHex.startsWith("0x") ? modelHashHex.substring(2) : modelHashHex;
    return Optional.ofNullable(byHash.get(h.toLowerCase(java.util.Locale.ROOT)));
  }

  /**
   * The model with this name or hash.
   *
   * @throws MeshException.UnknownModel if there is none
   */
  public Entry resolve(String nameOrHash) {
    return byHash(nameOrHash.startsWith("0x") ? nameOrHash.substring(2) : nameOrHash)
        .or(
            () ->
                byHash.values().stream()
                    .filter(e -> e.model().name().equals(nameOrHash))
                    .findFirst())
        .orElseThrow(() -> new MeshException.UnknownModel("no model '" + nameOrHash + "'"));
  }

  private interface FileSource {
    byte[] get(String file);
  }

  private static Entry load(String folder, FileSource files) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(files.get("manifest.json"));
    } catch (IOException e) {
      throw new MeshException.BadModel("manifest of '" + folder + "' is not JSON");
    }
    String weights = text(manifest, "weights", folder);
    String sample = text(manifest, "sample_input", folder);
    byte[] hash = Hashing.unhex(text(manifest, "model_hash", folder), 32, "model_hash");
    Model model =
        Model.load(
            text(manifest, "name", folder),
            files.get(weights),
            hash,
            manifest.path("description").asText(""));
    return new Entry(model, files.get(sample), sample);
  }

  private static String text(JsonNode manifest, String field, String folder) {
    JsonNode n = manifest.get(field);
    if (n == null || !n.isTextual()) {
      throw new MeshException.BadModel("manifest of '" + folder + "' lacks '" + field + "'");
    }
    return n.asText();
  }

  private static byte[] resource(String path) {
    try (InputStream in = ModelRegistry.class.getResourceAsStream(BUNDLED + path)) {
      if (in == null) {
        throw new MeshException.BadModel("bundled model file missing: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new MeshException.BadModel("cannot read bundled " + path + ": " + e.getMessage());
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new MeshException.BadModel("cannot read " + p + ": " + e.getMessage());
    }
  }
}
