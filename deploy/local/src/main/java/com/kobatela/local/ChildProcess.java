package com.kobatela.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** A child process of the launcher whose output (stdout and stderr) goes to one log file. */
public final class ChildProcess {

    private static final Logger LOG = Logger.getLogger(ChildProcess.class.getName());

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts a process.
     *
     * @param name    name used in messages
     * @param command command and arguments
     * @param env     variables added to the launcher's environment
     * @param workDir working directory
     * @param logFile output file, truncated
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path logFile) throws IOException {
        return start(name, command, env, workDir, logFile, false);
    }

    /**
     * Starts a process whose output is appended to {@code logFile} when {@code append} (a restart keeps the
     * earlier output), else truncates it.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path logFile, boolean append) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(logFile.toFile()) : ProcessBuilder.Redirect.to(logFile.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        LOG.fine(() -> "started " + name + " (pid " + p.pid() + "): " + String.join(" ", command));
        return new ChildProcess(name, p, logFile);
    }

    /** Name used in messages. */
    public String name() {
        return name;
    }

    /** The OS process. */
    public Process process() {
        return process;
    }

    /** Where the output goes. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; returns its exit code, or empty on timeout. */
    public java.util.OptionalInt waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** Asks the process to stop (SIGTERM) without waiting. */
    public void terminate() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /** SIGTERM, then SIGKILL when the process is still running after {@code grace}. */
    public void stop(Duration grace) {
        terminate();
        awaitOrKill(grace);
    }

    /** Waits up to {@code grace} for the process to end, then kills it. */
    public void awaitOrKill(Duration grace) {
        try {
            if (!process.waitFor(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                LOG.warning(name + " did not stop within " + grace.toSeconds() + " s: killing it");
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the log (reads at most the last 64 KiB). */
    public String tail(int lines) {
        return tail(logFile, lines);
    }

    /** The last {@code lines} lines of a text file, or a note when it cannot be read. */
    public static String tail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] buf = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            int start = Math.max(0, all.length - lines);
            return String.join("\n", java.util.Arrays.asList(all).subList(start, all.length));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
