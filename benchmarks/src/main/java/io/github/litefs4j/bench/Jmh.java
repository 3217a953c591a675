package io.github.litefs4j.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs one JMH benchmark class in one forked JVM and returns each iteration's score. */
final class Jmh {
  private Jmh() {}

  /**
   * The runner's own JVM options for the forks (JMH's default too), except a flight recording: with
   * {@code BENCH_JFR=1} the runner records itself, and a fork must not overwrite that file.
   */
  private static String[] forkJvmArgs() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-XX:StartFlightRecording"))
        .toArray(String[]::new);
  }

  /**
   * Runs every benchmark method of {@code benchmark}.
   *
   * @param params JMH parameters, name then value, repeated
   * @return per method name, the score of each measured iteration (in the class's unit)
   */
  static Map<String, double[]> run(
      Config config, Class<?> benchmark, Path log, TimeUnit unit, String... params) {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
            .forks(1)
            .warmupIterations(config.jmhWarmups())
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(config.jmhIterations())
            .measurementTime(TimeValue.seconds(1))
            .timeUnit(unit)
            .shouldFailOnError(true)
            .jvmArgs(forkJvmArgs())
            .output(log.toString());
    for (int i = 0; i + 1 < params.length; i += 2) {
      options.param(params[i], params[i + 1]);
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed for " + benchmark.getName() + "; see " + log, e);
    }
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      List<Double> values = new java.util.ArrayList<>();
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          values.add(iteration.getPrimaryResult().getScore());
        }
      }
      scores.put(name, values.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (scores.isEmpty()) {
      throw new IllegalStateException(
          "JMH ran nothing for " + benchmark.getName() + "; see " + log);
    }
    return scores;
  }
}
