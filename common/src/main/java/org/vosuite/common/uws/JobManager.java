package org.vosuite.common.uws;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The UWS jobs of one service: created and changed on request, persisted in the {@link JobStore}, executed by a
 * bounded pool (at most {@code maxRunning} at once, the rest QUEUED), stopped by ABORT or by their execution
 * duration (the service's cancel hook stops the running SQL statement), and removed with their files at their
 * destruction time. Waiters (UWS WAIT) register a listener instead of holding a thread.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobManager.class.getName());
    static final String INTERRUPTED = "the service stopped while this job was executing (it was restarted); "
            + "submit the job again";

    /**
     * @param maxRunning      jobs executing at once
     * @param defaultDuration execution duration of a new job
     * @param maxDuration     the longest execution duration a client may ask for
     * @param defaultLifetime time from creation to destruction of a new job
     * @param maxLifetime     the latest destruction a client may ask for, from creation
     * @param maxWait         the longest a UWS WAIT blocks (WAIT=-1 means this)
     */
    public record Settings(int maxRunning, Duration defaultDuration, Duration maxDuration, Duration defaultLifetime,
            Duration maxLifetime, Duration maxWait) {
        public static final Settings DEFAULT = new Settings(4, Duration.ofHours(1), Duration.ofHours(8),
                Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String service;
    private final JobStore store;
    private final ResultStore files;
    private final JobExecutor executor;
    private final Settings settings;
    private final ExecutorService pool;
    private final ScheduledExecutorService timers;
    private final Map<String, JobContext> running = new ConcurrentHashMap<>();
    private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    public JobManager(String service, JobStore store, ResultStore files, JobExecutor executor, Settings settings) {
        this.service = service;
        this.store = store;
        this.files = files;
        this.executor = executor;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.maxRunning(), r -> {
            Thread t = new Thread(r, service + "-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, service + "-job-timers");
            t.setDaemon(true);
            return t;
        });
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Creates the tables if needed, marks the jobs that were executing when the process last stopped as ERROR
     * (nothing can resume them), queues the QUEUED ones again, and starts removing jobs past their destruction.
     */
    public void start() throws SQLException {
        store.init();
        for (String id : store.ids(service, ExecutionPhase.EXECUTING)) {
            if (store.transition(id, List.of(ExecutionPhase.EXECUTING), ExecutionPhase.ERROR, Instant.now(),
                    INTERRUPTED)) {
                LOG.warning("job " + id + " was executing when the service stopped: now in ERROR");
            }
        }
        for (String id : store.ids(service, ExecutionPhase.QUEUED)) {
            pool.execute(() -> execute(id));
        }
        timers.scheduleWithFixedDelay(this::destroyExpired, 0, 60, TimeUnit.SECONDS);
    }

    public Job create(String owner, String runId, List<Job.Parameter> parameters) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Job job = new Job(newId(), service, owner, runId, ExecutionPhase.PENDING, now, null, null,
                settings.defaultDuration().toSeconds(), now.plus(settings.defaultLifetime()), null, parameters,
                List.of(), null);
        store.insert(job);
        return job;
    }

    /** Stores a file with a job (an inline upload), before it runs. */
    public void attach(String id, String name, java.nio.file.Path file) throws IOException {
        files.put(id, name, file);
    }

    public Optional<Job> get(String id) throws SQLException {
        Optional<Job> job = store.get(id);
        return job.filter(j -> j.service().equals(service));
    }

    public List<Job> list(String owner, Collection<ExecutionPhase> phases, Instant after, int last)
            throws SQLException {
        return store.list(service, owner, phases, after, last);
    }

    /** PHASE=RUN: a PENDING (or HELD) job is queued; in any other phase the request changes nothing. */
    public void run(String id) throws SQLException {
        if (store.transition(id, List.of(ExecutionPhase.PENDING, ExecutionPhase.HELD), ExecutionPhase.QUEUED,
                Instant.now(), null)) {
            changed(id);
            pool.execute(() -> execute(id));
        }
    }

    /** PHASE=ABORT: a job not yet finished is aborted; a running one has its work cancelled. */
    public void abort(String id) throws SQLException {
        if (store.transition(id, EnumSet.of(ExecutionPhase.PENDING, ExecutionPhase.QUEUED, ExecutionPhase.EXECUTING,
                ExecutionPhase.HELD, ExecutionPhase.SUSPENDED), ExecutionPhase.ABORTED, Instant.now(), null)) {
            JobContext ctx = running.get(id);
            if (ctx != null) {
                ctx.cancel();
            }
            changed(id);
        }
    }

    public void replaceParameters(String id, List<Job.Parameter> parameters) throws SQLException, UwsException {
        Job job = get(id).orElseThrow(() -> UwsException.noJob(id));
        if (job.phase() != ExecutionPhase.PENDING) {
            throw new UwsException(409, "the parameters of a job can change only while it is PENDING; this job is "
                    + job.phase());
        }
        store.replaceParameters(id, parameters);
    }

    /** Sets the execution duration, capped to the configured maximum (0 asks for the maximum). */
    public void setExecutionDuration(String id, long seconds) throws SQLException, UwsException {
        Job job = get(id).orElseThrow(() -> UwsException.noJob(id));
        if (job.phase() != ExecutionPhase.PENDING) {
            throw new UwsException(409, "the execution duration can change only while the job is PENDING; this "
                    + "job is " + job.phase());
        }
        long max = settings.maxDuration().toSeconds();
        store.update(id, seconds <= 0 ? max : Math.min(seconds, max), null);
    }

    /** Sets the destruction time, capped to the configured lifetime from the job's creation. */
    public void setDestruction(String id, Instant when) throws SQLException, UwsException {
        Job job = get(id).orElseThrow(() -> UwsException.noJob(id));
        Instant latest = job.creationTime().plus(settings.maxLifetime());
        store.update(id, null, when.isAfter(latest) ? latest : when);
    }

    /** Deletes a job and its files, aborting it first if it runs. */
    public void delete(String id) throws SQLException, IOException {
        abort(id);
        store.delete(id);
        files.delete(id);
        changed(id);
    }

    /** Calls {@code listener} after every change of the job, until removed. */
    public void addListener(String id, Runnable listener) {
        listeners.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(listener);
    }

    public void removeListener(String id, Runnable listener) {
        listeners.computeIfPresent(id, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public ResultStore files() {
        return files;
    }

    private void changed(String id) {
        Set<Runnable> set = listeners.get(id);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    private void execute(String id) {
        JobContext ctx = new JobContext(id, files);
        ScheduledFuture<?> limit = null;
        AtomicBoolean timedOut = new AtomicBoolean(); // set by the timer thread
        Job job = null;
        try {
            running.put(id, ctx);
            if (!store.transition(id, List.of(ExecutionPhase.QUEUED), ExecutionPhase.EXECUTING, Instant.now(),
                    null)) {
                return; // aborted or deleted while queued
            }
            changed(id);
            job = store.get(id).orElseThrow();
            if (job.executionDuration() > 0) {
                limit = timers.schedule(() -> {
                    timedOut.set(true);
                    ctx.cancel();
                }, job.executionDuration(), TimeUnit.SECONDS);
            }
            executor.execute(job, ctx);
            if (timedOut.get()) {
                throw new JobFailure(overtime(job));
            }
            if (!ctx.cancelled()) {
                store.complete(id, ctx.results(), Instant.now());
            }
        } catch (Exception e) {
            String message;
            if (timedOut.get() && job != null) {
                message = overtime(job);
            } else if (e instanceof JobFailure) {
                message = e.getMessage();
            } else {
                LOG.log(Level.WARNING, "job " + id + " failed", e);
                message = "the job failed: " + e;
            }
            try {
                // An aborted job stays ABORTED: only EXECUTING moves to ERROR.
                store.transition(id, List.of(ExecutionPhase.EXECUTING), ExecutionPhase.ERROR, Instant.now(),
                        message);
            } catch (SQLException s) {
                LOG.log(Level.SEVERE, "cannot record the failure of job " + id, s);
            }
        } finally {
            if (limit != null) {
                limit.cancel(false);
            }
            running.remove(id);
            deleteFilesIfJobGone(id);
            changed(id);
        }
    }

    /** A job deleted while it executed may have written files after they were deleted: remove those too. */
    private void deleteFilesIfJobGone(String id) {
        try {
            if (store.get(id).isEmpty()) {
                files.delete(id);
            }
        } catch (SQLException | IOException e) {
            LOG.log(Level.WARNING, "cannot check the files of job " + id, e);
        }
    }

    private String overtime(Job job) {
        return "the job exceeded its execution duration of " + job.executionDuration() + " s and was stopped; ask for a longer EXECUTIONDURATION (at most "
                + settings.maxDuration().toSeconds() + " s) or a smaller query";
    }

    private void destroyExpired() {
        try {
            for (String id : store.expired(service, Instant.now())) {
                delete(id);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot remove expired jobs", e);
        }
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Stops: executing jobs are recorded as interrupted (as a restart would find them), then cancelled. */
    @Override
    public void close() {
        for (Map.Entry<String, JobContext> e : running.entrySet()) {
            try {
                store.transition(e.getKey(), List.of(ExecutionPhase.EXECUTING), ExecutionPhase.ERROR, Instant.now(),
                        INTERRUPTED);
            } catch (SQLException ignored) {
                // the start-up check will find the job EXECUTING and do the same
            }
            e.getValue().cancel();
        }
        pool.shutdownNow();
        timers.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
