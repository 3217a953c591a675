package io.github.litefs4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages against the code: README.md stays within 150 lines, every {@code ```java} block of
 * README.md, CONTRIBUTING.md and docs/*.md is the text of a compiled example region ({@code //
 * tag::NAME[]} ... {@code // end::NAME[]} in any module's {@code src/main/java} or {@code
 * src/test/java}, white space ignored), and every relative link of those pages points at a file
 * that exists.
 */
class DocsCheckTest {
  static final int README_MAX_LINES = 150;

  private static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w.-]+)\\[]\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end::([\\w.-]+)\\[]\\s*$");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private final Path root = root();

  @Test
  void readmeIsAtMost150Lines() throws IOException {
    List<String> lines = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(lines.size())
        .as(
            "README.md has %d lines; at most %d: move the depth to a docs/ page and link it",
            lines.size(), README_MAX_LINES)
        .isLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void everyJavaBlockIsTheTextOfACompiledExample() {
    List<Region> regions = regions();
    assertThat(regions).as("tagged example regions under %s", root).isNotEmpty();
    List<String> unmatched = new ArrayList<>();
    int blocks = 0;
    for (Path page : pages()) {
      for (Block block : javaBlocks(page)) {
        blocks++;
        String text = squeeze(block.text());
        if (text.isEmpty() || regions.stream().noneMatch(r -> r.squeezed().contains(text))) {
          unmatched.add(root.relativize(page) + ":" + block.line() + "\n" + block.text());
        }
      }
    }
    assertThat(blocks).as("```java blocks in the pages").isPositive();
    assertThat(unmatched)
        .as(
            "```java blocks that are not the text of a compiled example; put the code in a source"
                + " that the build compiles (litefs4j-docs/src/test/java/io/github/litefs4j/docs),"
                + " between // tag::NAME[] and // end::NAME[] lines, and show it on the page as it"
                + " is there (white space may differ); see CONTRIBUTING.md")
        .isEmpty();
  }

  @Test
  void everyRelativeLinkPointsAtAFile() {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      List<String> lines = read(page);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = LINK.matcher(lines.get(i));
        while (m.find()) {
          String target = m.group(1);
          if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
            continue; // http(s), mailto, or an anchor on the same page
          }
          String file = target.replaceAll("#.*$", "");
          if (!Files.exists(page.getParent().resolve(file))) {
            broken.add(root.relativize(page) + ":" + (i + 1) + " -> " + target);
          }
        }
      }
    }
    assertThat(broken).as("links to files that do not exist").isEmpty();
  }

  @Test
  void aBlockWithChangedCodeDoesNotMatch() {
    Region region = new Region("sample", "Path db = Path.of(\"/litefs/app.db\");\nLiteFS.lag(db);");
    assertThat(region.squeezed()).contains(squeeze("Path db =\n    Path.of(\"/litefs/app.db\");"));
    assertThat(region.squeezed()).doesNotContain(squeeze("LiteFS.lag(Path.of(\"/litefs\"));"));
  }

  /** README.md, CONTRIBUTING.md and every page directly in docs/. */
  private List<Path> pages() {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    pages.add(root.resolve("CONTRIBUTING.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** The fenced {@code ```java} blocks of a page, with the line of their opening fence. */
  static List<Block> javaBlocks(Path page) {
    List<String> lines = read(page);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.equals("```java")) {
        continue;
      }
      int indent = lines.get(i).indexOf('`');
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().equals("```")) {
        String line = lines.get(j);
        text.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
        j++;
      }
      blocks.add(new Block(i + 1, text.toString()));
      i = j;
    }
    return blocks;
  }

  /** Every tagged region in the Java sources of every module. */
  private List<Region> regions() {
    List<Region> regions = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("target"));
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String path = file.toString();
              if (path.endsWith(".java")
                  && (path.contains("/src/main/java/") || path.contains("/src/test/java/"))) {
                regions.addAll(regionsOf(file));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  static List<Region> regionsOf(Path source) {
    List<String> lines = read(source);
    List<Region> regions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher tag = TAG.matcher(lines.get(i));
      if (!tag.matches()) {
        continue;
      }
      String name = tag.group(1);
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      for (; j < lines.size(); j++) {
        Matcher end = END.matcher(lines.get(j));
        if (end.matches() && end.group(1).equals(name)) {
          break;
        }
        if (!TAG.matcher(lines.get(j)).matches() && !END.matcher(lines.get(j)).matches()) {
          text.append(lines.get(j)).append('\n');
        }
      }
      if (j == lines.size()) {
        throw new AssertionError(source + ":" + (i + 1) + ": // tag::" + name + "[] has no end");
      }
      regions.add(new Region(name, text.toString()));
    }
    return regions;
  }

  /** The text without any white space: layout may differ between a page and its source. */
  static String squeeze(String text) {
    return text.replaceAll("\\s+", "");
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    String root = System.getProperty("litefs4j.docs.root");
    if (root == null) {
      throw new IllegalStateException(
          "-Dlitefs4j.docs.root is not set: run this test through Maven (litefs4j-docs/pom.xml)");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  record Block(int line, String text) {}

  record Region(String name, String text) {
    String squeezed() {
      return squeeze(text);
    }
  }
}
