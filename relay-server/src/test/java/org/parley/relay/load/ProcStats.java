package org.parley.relay.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads another process's CPU time and memory from /proc (Linux), and its Java heap with jcmd. */
final class ProcStats {
    /** Clock ticks per second of /proc/[pid]/stat; 100 on every Linux this runs on. */
    private static final double CLK_TCK = 100.0;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private ProcStats() {
    }

    /** utime + stime of {@code pid} in seconds (all threads), or -1. */
    static double cpuSeconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may contain spaces: split after the closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The summed CPU seconds of {@code pids}, or -1 if one cannot be read. */
    static double cpuSeconds(long[] pids) {
        double sum = 0;
        for (long pid : pids) {
            double s = cpuSeconds(pid);
            if (s < 0) {
                return -1;
            }
            sum += s;
        }
        return sum;
    }

    /** The summed status field of {@code pids} in KiB, or -1 if one cannot be read. */
    static long statusKb(long[] pids, String field) {
        long sum = 0;
        for (long pid : pids) {
            long kb = statusKb(pid, field);
            if (kb < 0) {
                return -1;
            }
            sum += kb;
        }
        return sum;
    }

    /** A field of /proc/[pid]/status in KiB (VmRSS, VmHWM), or -1. */
    static long statusKb(long pid, String field) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Java heap in use after a full GC, in KiB ({@code jcmd pid GC.run} then {@code GC.heap_info},
     * summing every "used NK" of the heap lines), or -1 if jcmd fails (not a JVM, other user).
     */
    static long heapUsedAfterGcKb(String jcmd, long pid) {
        if (pid <= 0 || jcmd == null || jcmd.isEmpty()) {
            return -1;
        }
        try {
            run(jcmd, String.valueOf(pid), "GC.run");
            String out = run(jcmd, String.valueOf(pid), "GC.heap_info");
            // G1: " garbage-first heap   total 1048576K, used 41234K [...]" (Metaspace lines follow; skip them)
            for (String line : out.split("\n")) {
                if (line.contains("heap") && !line.contains("Metaspace") && !line.contains("class space")) {
                    Matcher m = USED.matcher(line);
                    if (m.find()) {
                        return Long.parseLong(m.group(1));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd timed out");
        }
        return out;
    }
}
