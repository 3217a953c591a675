package io.github.litefs4j.testing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.litefs4j.testing.LiteFsClusterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the fixture finds LiteFS and Consul, and how it builds them, with a fake Go. */
class ProvisionerTest {
  @TempDir Path tmp;

  private Provisioner litefs(Path explicit, String property, String env, String path) {
    return new Provisioner(
        Tool.LITEFS, new Provisioner.Sources(explicit, property, env, path, tmp.resolve("cache")));
  }

  @Test
  void explicitWinsOverPropertyWhichWinsOverEnvironmentWhichWinsOverPath() throws IOException {
    Path explicit = FakeGo.versionScript(tmp.resolve("x"), "litefs", "LiteFS v0.5.14");
    Path property = FakeGo.versionScript(tmp.resolve("p"), "litefs", "LiteFS v0.5.14");
    Path env = FakeGo.versionScript(tmp.resolve("e"), "litefs", "LiteFS v0.5.14");
    Path onPath = FakeGo.versionScript(tmp.resolve("bin"), "litefs", "LiteFS v0.5.14, commit=");
    String path = tmp.resolve("empty") + ":" + onPath.getParent();

    assertThat(litefs(explicit, property.toString(), env.toString(), path).resolve())
        .isEqualTo(explicit);
    assertThat(litefs(null, property.toString(), env.toString(), path).resolve())
        .isEqualTo(property);
    assertThat(litefs(null, "  ", env.toString(), path).resolve()).isEqualTo(env);
    assertThat(litefs(null, null, null, path).resolve()).isEqualTo(onPath);
  }

  @Test
  void aNamedBinaryThatIsNotThereFailsWithoutFallingBack() throws IOException {
    Path onPath = FakeGo.versionScript(tmp.resolve("bin"), "litefs", "LiteFS v0.5.14");
    String missing = tmp.resolve("missing/litefs").toString();
    String path = onPath.getParent().toString();

    assertThatThrownBy(() -> litefs(null, missing, null, path).resolve())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining(missing + " does not exist (named by -Dlitefs4j.binary)")
        .hasMessageContaining("install Go (1.24 or newer) and gcc");
    assertThatThrownBy(() -> litefs(null, null, missing, path).resolve())
        .hasMessageContaining("named by the environment variable LITEFS4J_BINARY");
    Path plain = Files.writeString(tmp.resolve("litefs"), "text");
    assertThatThrownBy(() -> litefs(tmp, null, null, null).resolve())
        .hasMessageContaining("is not a regular file");
    assertThatThrownBy(() -> litefs(plain, null, null, null).resolve())
        .hasMessageContaining("is not executable");
  }

  @Test
  void aBinaryOnPathOfAnotherVersionIsSkippedForTheCache() throws IOException {
    FakeGo go = FakeGo.in(tmp.resolve("go"), false);
    Path dev = FakeGo.versionScript(tmp.resolve("old"), "litefs", "LiteFS development build");
    String path = dev.getParent() + ":" + go.path();

    Path resolved = litefs(null, null, null, path).resolve();

    assertThat(resolved).isEqualTo(tmp.resolve("cache/litefs-v0.5.14/litefs"));
    assertThat(VersionProbe.report(resolved)).isEqualTo("LiteFS v0.5.14, commit=");
    assertThat(go.buildCount()).isEqualTo(1);
  }

  @Test
  void aCompleteCacheIsReusedWithoutRunningTheRecipe() throws IOException {
    FakeGo go = FakeGo.in(tmp.resolve("go"), false);
    Path first = litefs(null, null, null, go.path()).resolve();

    Path second = litefs(null, null, null, go.path()).resolve();

    assertThat(second).isEqualTo(first);
    assertThat(go.buildCount()).isEqualTo(1);
  }

  @Test
  void consulIsBuiltIntoItsOwnCacheFolder() throws IOException {
    FakeGo go = FakeGo.in(tmp.resolve("go"), false);
    Provisioner consul =
        new Provisioner(
            Tool.CONSUL,
            new Provisioner.Sources(null, null, null, go.path(), tmp.resolve("cache")));

    Path resolved = consul.resolve();

    assertThat(resolved).isEqualTo(tmp.resolve("cache/consul-v1.14.8/consul"));
    assertThat(VersionProbe.report(resolved)).isEqualTo("Consul v1.14.8");
  }

  @Test
  void withNothingToFindAndNoGoTheErrorListsTheLookupsAndWhatToInstall() {
    String path = "/usr/bin:/bin"; // bash, gcc and flock, but no go
    assertThat(Executables.findOnPath("go", path)).isEmpty();

    assertThatThrownBy(() -> litefs(null, null, null, path).resolve())
        .isInstanceOf(LiteFsClusterException.class)
        .hasMessageContaining("no LiteFS v0.5.14 binary")
        .hasMessageContaining("-Dlitefs4j.binary is not set")
        .hasMessageContaining("LITEFS4J_BINARY is not set")
        .hasMessageContaining("no 'litefs' on PATH (/usr/bin:/bin)")
        .hasMessageContaining("not in the cache (" + tmp.resolve("cache/litefs-v0.5.14/litefs"))
        .hasMessageContaining("Go is missing: install a Go toolchain")
        .hasMessageContaining("or set -Dlitefs4j.binary=/path/to/litefs");
    assertThat(tmp.resolve("cache/litefs-v0.5.14")).doesNotExist();
  }

  @Test
  void twoConcurrentCallsInOneJvmBuildOnce() throws Exception {
    FakeGo go = FakeGo.in(tmp.resolve("go"), true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Path> first = pool.submit(() -> litefs(null, null, null, go.path()).resolve());
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(go.started));
      AtomicReference<Thread> secondThread = new AtomicReference<>();
      Future<Path> second =
          pool.submit(
              () -> {
                secondThread.set(Thread.currentThread());
                return litefs(null, null, null, go.path()).resolve();
              });
      // The second caller waits on the build lock while the first build is held.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  secondThread.get() != null
                      && secondThread.get().getState() == Thread.State.WAITING);
      Files.createFile(go.release);

      assertThat(first.get()).isEqualTo(second.get());
      assertThat(go.buildCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theVersionMustBeTheExactPin() {
    assertThat(VersionProbe.matches("LiteFS v0.5.14, commit=abc", "v0.5.14")).isTrue();
    assertThat(VersionProbe.matches("Consul v1.14.8", "v1.14.8")).isTrue();
    assertThat(VersionProbe.matches("LiteFS v0.5.140", "v0.5.14")).isFalse();
    assertThat(VersionProbe.matches("LiteFS v0.5.14-rc1", "v0.5.14")).isFalse();
    assertThat(VersionProbe.matches("LiteFS development build", "v0.5.14")).isFalse();
  }

  @Test
  void theJavaPinsAreTheRecipePins() throws IOException {
    String recipe = Provisioner.recipeText();

    assertThat(recipe).contains("LITEFS_VERSION=\"" + Tool.LITEFS.version() + "\"");
    assertThat(recipe).contains("CONSUL_VERSION=\"" + Tool.CONSUL.version() + "\"");
  }
}
