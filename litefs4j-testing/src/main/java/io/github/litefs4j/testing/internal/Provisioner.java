package io.github.litefs4j.testing.internal;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds or builds a {@link Tool}, the way Testcontainers pulls an image. In this order:
 *
 * <ol>
 *   <li>the binary named by the builder, else by the system property ({@code -Dlitefs4j.binary},
 *       {@code -Dlitefs4j.consul}), else by the environment variable ({@code LITEFS4J_BINARY},
 *       {@code LITEFS4J_CONSUL}). A named location that is not an executable file fails; it never
 *       falls back. Its version is not checked: naming a binary is a deliberate choice.
 *   <li>the tool on {@code PATH}, if its {@code version} command reports the pinned version. One
 *       that reports another version, or none ({@code go install} without the recipe's flags builds
 *       a LiteFS that says "development build"), is skipped with a log line.
 *   <li>the per-user cache, {@code <cache>/<tool>-<version>/<tool>}, where {@code <cache>} is
 *       {@code -Dlitefs4j.cache}, else {@code LITEFS4J_CACHE}, else {@code
 *       $XDG_CACHE_HOME/litefs4j}, else {@code ~/.cache/litefs4j}.
 *   <li>a build into that cache with the machine's Go, by {@code provision.sh} (the same recipe
 *       that {@code scripts/install-litefs} and {@code scripts/install-consul} run). Builds are
 *       serialised per tool and cache: in this JVM by a lock, across processes by the script's
 *       {@code flock}; a caller that waited finds the finished build.
 *   <li>else a {@link LiteFsClusterException} that lists what was looked at and says what to
 *       install (Go, gcc, util-linux).
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class Provisioner {
  private static final System.Logger LOG = System.getLogger("io.github.litefs4j.testing");
  private static final String RECIPE = "provision.sh";
  private static final Map<String, ReentrantLock> BUILD_LOCKS = new ConcurrentHashMap<>();

  private final Tool tool;
  private final Sources sources;

  /**
   * Where a tool may come from.
   *
   * @param explicit the binary named by the builder, or null
   * @param property the value of the tool's system property, or null
   * @param environment the value of the tool's environment variable, or null
   * @param pathVariable {@code PATH}, or null; also the {@code PATH} the build runs with
   * @param cacheRoot the per-user cache folder
   */
  public record Sources(
      Path explicit, String property, String environment, String pathVariable, Path cacheRoot) {
    /** The sources of this JVM: its system properties and environment. */
    public static Sources ofSystem(Tool tool, Path explicit) {
      return new Sources(
          explicit,
          System.getProperty(tool.property()),
          System.getenv(tool.environmentVariable()),
          System.getenv("PATH"),
          defaultCacheRoot());
    }
  }

  /**
   * A provisioner of {@code tool} from {@code sources}.
   *
   * @param tool what to find
   * @param sources where to look
   */
  public Provisioner(Tool tool, Sources sources) {
    this.tool = tool;
    this.sources = sources;
  }

  /**
   * Finds or builds {@code tool} for this JVM.
   *
   * @param tool what to find
   * @param explicit the binary named by the builder, or null
   * @return an absolute path of an executable
   * @throws LiteFsClusterException if it can be neither found nor built, saying what to install
   */
  public static Path resolve(Tool tool, Path explicit) {
    return new Provisioner(tool, Sources.ofSystem(tool, explicit)).resolve();
  }

  /**
   * The per-user cache folder: {@code -Dlitefs4j.cache}, else {@code LITEFS4J_CACHE}, else {@code
   * $XDG_CACHE_HOME/litefs4j} (when absolute), else {@code ~/.cache/litefs4j}.
   */
  public static Path defaultCacheRoot() {
    String property = System.getProperty("litefs4j.cache");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath();
    }
    String env = System.getenv("LITEFS4J_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && xdg.startsWith("/")) {
      return Path.of(xdg, "litefs4j");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "litefs4j");
  }

  /** Where the recipe puts the tool: {@code <cache>/<tool>-<version>/<tool>}. */
  public Path cachedBinary() {
    return sources
        .cacheRoot()
        .resolve(tool.command() + "-" + tool.version())
        .resolve(tool.command());
  }

  /**
   * Finds or builds the tool (see the class comment for the order).
   *
   * @return an absolute path of an executable
   * @throws LiteFsClusterException if it can be neither found nor built
   */
  public Path resolve() {
    if (sources.explicit() != null) {
      return Executables.require(sources.explicit(), tool.builderMethod(), hint());
    }
    if (sources.property() != null && !sources.property().isBlank()) {
      String source = "-D" + tool.property();
      return Executables.require(toPath(sources.property(), source), source, hint());
    }
    if (sources.environment() != null && !sources.environment().isBlank()) {
      String source = "the environment variable " + tool.environmentVariable();
      return Executables.require(toPath(sources.environment(), source), source, hint());
    }
    List<String> lookedAt = new ArrayList<>();
    Optional<Path> onPath = Executables.findOnPath(tool.command(), sources.pathVariable());
    if (onPath.isPresent()) {
      String reported = VersionProbe.report(onPath.get());
      if (VersionProbe.matches(reported, tool.version())) {
        return onPath.get();
      }
      LOG.log(
          Level.INFO,
          "skipping {0}: it reports \"{1}\", not {2}; using the per-user cache",
          onPath.get(),
          reported,
          tool.title());
      lookedAt.add(onPath.get() + " on PATH reports \"" + reported + "\", not " + tool.version());
    } else {
      lookedAt.add(
          "no '"
              + tool.command()
              + "' on PATH ("
              + (sources.pathVariable() == null ? "PATH is not set" : sources.pathVariable())
              + ")");
    }
    Path cached = cachedBinary();
    if (isComplete(cached)) {
      return cached;
    }
    return build(lookedAt);
  }

  private boolean isComplete(Path binary) {
    return Files.isExecutable(binary) && Files.isRegularFile(binary.resolveSibling(".complete"));
  }

  private Path build(List<String> lookedAt) {
    ReentrantLock lock =
        BUILD_LOCKS.computeIfAbsent(
            tool.command() + "@" + sources.cacheRoot(), key -> new ReentrantLock());
    lock.lock();
    try {
      Path cached = cachedBinary();
      if (isComplete(cached)) {
        return cached; // another thread of this JVM built it while this one waited
      }
      LOG.log(
          Level.INFO,
          "building {0} with the machine''s Go into {1} (once per machine; LiteFS takes about a"
              + " minute, Consul about two)",
          tool.title(),
          cached.getParent());
      RecipeRun run = runRecipe();
      if (run.exitCode() == 0) {
        Path built = Path.of(run.lastStdoutLine());
        if (isComplete(built)) {
          return built;
        }
        throw new LiteFsClusterException(
            "the build recipe for " + tool.title() + " reported " + built + ", which is not there");
      }
      if (run.exitCode() == RecipeRun.MISSING_PREREQUISITE) {
        throw new LiteFsClusterException(
            "no "
                + tool.title()
                + " binary: "
                + describeLookups(lookedAt)
                + ", and it cannot be built here: "
                + run.stderrTail()
                + " "
                + hint());
      }
      throw new LiteFsClusterException(
          "building "
              + tool.title()
              + " into "
              + cached.getParent()
              + " failed (exit "
              + run.exitCode()
              + "):\n"
              + run.stderrTail()
              + "\n"
              + hint());
    } finally {
      lock.unlock();
    }
  }

  private String describeLookups(List<String> lookedAt) {
    List<String> all = new ArrayList<>();
    all.add(tool.builderMethod() + " was not called");
    all.add("-D" + tool.property() + " is not set");
    all.add(tool.environmentVariable() + " is not set");
    all.addAll(lookedAt);
    all.add("not in the cache (" + cachedBinary() + ")");
    return String.join(", ", all);
  }

  private RecipeRun runRecipe() {
    Path script = null;
    try {
      Files.createDirectories(sources.cacheRoot());
      script = Files.createTempFile(sources.cacheRoot(), "provision-", ".sh");
      try (InputStream in = Provisioner.class.getResourceAsStream(RECIPE)) {
        if (in == null) {
          throw new LiteFsClusterException(
              "the build recipe " + RECIPE + " is missing from the jar");
        }
        Files.write(script, in.readAllBytes());
      }
      return RecipeRun.run(script, tool.command(), sources.cacheRoot(), sources.pathVariable());
    } catch (IOException e) {
      throw new LiteFsClusterException(
          "cannot run the build recipe for " + tool.title() + " in " + sources.cacheRoot(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiteFsClusterException("interrupted while building " + tool.title(), e);
    } finally {
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException e) {
          LOG.log(Level.DEBUG, "cannot delete " + script, e);
        }
      }
    }
  }

  private Path toPath(String value, String source) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new LiteFsClusterException(
          source + " is not a valid path: \"" + value + "\". " + hint(), e);
    }
  }

  /** What to do when the tool is missing. */
  String hint() {
    String needs =
        tool == Tool.LITEFS
            ? "Go (1.24 or newer) and gcc, plus fuse3 to run it"
            : "Go (1.24 or newer)";
    return "To get "
        + tool.title()
        + ": install "
        + needs
        + " and the fixture builds it into "
        + cachedBinary().getParent()
        + " by itself (in this repository: scripts/install-"
        + tool.command()
        + "), or set -D"
        + tool.property()
        + "=/path/to/"
        + tool.command()
        + " (or "
        + tool.environmentVariable()
        + ").";
  }

  static String recipeText() throws IOException {
    try (InputStream in = Provisioner.class.getResourceAsStream(RECIPE)) {
      if (in == null) {
        throw new IOException(RECIPE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
