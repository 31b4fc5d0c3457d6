package io.nnport.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restarts {@code java -jar nnport-spark.jar ...} once with {@code --add-modules
 * jdk.incubator.vector} when it was started without it: a jar's manifest can open packages (the
 * ones Spark needs are opened there) but cannot add a module, and without this one the model runs
 * on its scalar kernels. Anything else (spark-submit, a class path, an embedding program) runs as
 * started.
 */
final class VectorRelaunch {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Set in the restarted JVM, so it never restarts again. */
    private static final String RELAUNCHED = "nnport.spark.relaunched";

    private VectorRelaunch() {}

    /** The restarted JVM's exit code, or empty when this JVM should run the command itself. */
    static Optional<Integer> ifNeeded(String[] args) {
        Optional<Path> jar = ownJar();
        Optional<String> java = ProcessHandle.current().info().command();
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() || System.getProperty(RELAUNCHED) != null
                || jar.isEmpty() || java.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("--add-modules=" + VECTOR_MODULE);
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-jar");
        command.add(jar.get().toString());
        command.addAll(List.of(args));
        try {
            return Optional.of(new ProcessBuilder(command).inheritIO().start().waitFor());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ScoreCommand.EXIT_INTERNAL);
        }
    }

    /** This class's jar when the JVM runs it alone with {@code java -jar}. */
    private static Optional<Path> ownJar() {
        try {
            Path location = Path.of(VectorRelaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String classPath = System.getProperty("java.class.path", "");
            boolean alone = Files.isRegularFile(location) && Path.of(classPath).toAbsolutePath().equals(location.toAbsolutePath());
            return alone ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
