package dev.aether.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aetherctl version}: the tool's version and the Java runtime it runs on. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static String version() {
    String v = AetherCtl.class.getPackage().getImplementationVersion();
    return "aetherctl " + (v == null ? "dev" : v) + " (java " + Runtime.version() + ")";
  }

  @Override
  public void run() {
    spec.commandLine().getOut().println(version());
  }

  /** Supplies {@code --version}. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
