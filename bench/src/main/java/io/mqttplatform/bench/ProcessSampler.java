package io.mqttplatform.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the load benchmark reads from /proc: the broker's peak RSS (VmRSS, sampled every 100 ms; VmHWM would include
 * earlier scenarios), and the CPU time of the broker, of this driver and of all other processes between two
 * {@link Mark}s. The driver's and the others' figures show whether the driver, or another process on the same cores,
 * rather than the broker was the limit. The others are summed per process: the host's /proc/stat counts ticks, and for
 * this workload of short wake-ups it showed the host 10% busy while broker and driver alone took 43% of it.
 */
final class ProcessSampler implements AutoCloseable {

    /** Linux reports /proc CPU times in USER_HZ, which is 100 on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private static final long SELF = ProcessHandle.current().pid();

    /** CPU ticks of every process at one moment; the broker's is missing once it is gone. */
    record Mark(long nanos, Map<Long, Long> ticks) {}

    /** CPU use between two marks in % of one core: broker, driver, and all other processes together. */
    record Usage(Double brokerPct, double driverPct, double othersPct) {}

    private final long brokerPid;
    private final AtomicLong peakRssKib = new AtomicLong(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    ProcessSampler(long brokerPid) {
        this.brokerPid = brokerPid;
        timer.scheduleAtFixedRate(this::sampleRss, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** The largest broker RSS seen so far in MiB, or {@code null} when none could be read. */
    Double peakRssMib() {
        sampleRss();
        long kib = peakRssKib.get();
        return kib < 0 ? null : kib / 1024.0;
    }

    Mark mark() {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(pid -> {
                        long t = processTicks(Long.parseLong(pid));
                        if (t >= 0) {
                            ticks.put(Long.parseLong(pid), t);
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            // only the processes read so far
        }
        return new Mark(System.nanoTime(), ticks);
    }

    /**
     * Processes that started between the marks count with all their time; those that ended are missed, so "others"
     * is a lower bound.
     */
    Usage usage(Mark from, Mark to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Long brokerFrom = from.ticks().get(brokerPid);
        Long brokerTo = to.ticks().get(brokerPid);
        Double broker = brokerFrom == null || brokerTo == null ? null : percent(brokerTo - brokerFrom, seconds);
        long others = 0;
        for (Map.Entry<Long, Long> process : to.ticks().entrySet()) {
            if (process.getKey() != brokerPid && process.getKey() != SELF) {
                others += Math.max(0, process.getValue() - from.ticks().getOrDefault(process.getKey(), 0L));
            }
        }
        return new Usage(
                broker,
                percent(to.ticks().getOrDefault(SELF, 0L) - from.ticks().getOrDefault(SELF, 0L), seconds),
                percent(others, seconds));
    }

    private static double percent(long ticks, double seconds) {
        return 100 * ticks / TICKS_PER_SECOND / seconds;
    }

    /** Whether the process exists and has not exited (a zombie, not yet reaped by its parent, has exited). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void sampleRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + brokerPid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D+", ""));
                    peakRssKib.accumulateAndGet(kib, Math::max);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the broker is gone: the peak so far stands
        }
    }

    /** utime + stime of a process, or -1 when it is gone. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // after "pid (comm) ": field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
