/*
 * Benchmark driver for annotation-service (P3 completion submits, P4 CoNLL export setup).
 * Run as a single-file source program with the classpath written by bench/annotation-service/classpath.sh:
 *
 *   java -cp "$(cat /tmp/bench-lab/annotation-bench.classpath)" AnnotationBench.java <command> [key=value ...]
 *
 * Commands (all options key=value; defaults in brackets):
 *   p3        create a project (owner + N annotators, label Disease), import SENTENCES text tasks from
 *             NCBI-disease train.tsv, assign them round-robin, then CLIENTS threads submit one completion
 *             (gold spans, submit:true) per task until the tasks, MAX requests or SECONDS run out;
 *             then the JDBC single-row INSERT baseline with the same number of threads, the same on one
 *             connection (loopSeconds, 0 skips it) and the submit's own SQL without the service
 *             (submitSqlSeconds, 0 skips it). Prints one JSON line.
 *   baseline  only the JDBC single-row autocommit INSERT loop. Prints one JSON line.
 *   token     print "Bearer <jwt>" for user [olivia], signed with platform-testing's test key (valid 1 h).
 *   p4-import create a project (owner olivia, label Disease) and import TASKS sentences (train.tsv
 *             repeated) as CoNLL, which makes one submitted gold completion per task. Prints one JSON line.
 *
 * Common options: url [http://127.0.0.1:18082], kafka [127.0.0.1:19092], data [train.tsv path],
 *   jdbc [jdbc:postgresql://127.0.0.1:5432/bench_annotation], dbUser/dbPassword [annotation_service].
 *
 * Data: NCBI disease corpus (Dogan, Leaman and Lu, J Biomed Inform 2014), public domain (US Government Work).
 */

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annotationlab.events.DomainEvent;
import org.annotationlab.events.EventCodec;
import org.annotationlab.events.project.LabelingConfigChanged;
import org.annotationlab.events.project.MemberAdded;
import org.annotationlab.events.project.ProjectRole;
import org.annotationlab.testing.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class AnnotationBench {

    static Map<String, String> opts = new HashMap<>();
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static String opt(String key, String def) {
        return opts.getOrDefault(key, def);
    }

    static int intOpt(String key, int def) {
        return Integer.parseInt(opt(key, String.valueOf(def)));
    }

    static String url() {
        return opt("url", "http://127.0.0.1:18082");
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: AnnotationBench.java p3|baseline|p4-import [key=value ...]");
            System.exit(2);
        }
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        switch (args[0]) {
            case "p3" -> p3();
            case "baseline" -> System.out.println(json(baseline(intOpt("clients", 32), intOpt("baselineSeconds", 10))));
            case "p4-import" -> p4Import();
            case "token" -> System.out.println(bearer(opt("user", "olivia")));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ data

    /** One sentence of the corpus: tokens and BIO tags. */
    record Sentence(List<String> tokens, List<String> tags) {
        String text() {
            return String.join(" ", tokens);
        }

        /** Gold spans over text(), by the importer's rule (an I- without a matching B- starts a span). */
        String spansJson() {
            StringBuilder out = new StringBuilder("[");
            int offset = 0;
            int start = -1;
            int end = -1;
            String label = null;
            boolean first = true;
            for (int i = 0; i < tokens.size(); i++) {
                String tag = tags.get(i);
                int tokenStart = offset;
                int tokenEnd = offset + tokens.get(i).length();
                offset = tokenEnd + 1;
                String l = tag.length() > 2 ? tag.substring(2) : null;
                boolean continues = tag.startsWith("I-") && l.equals(label);
                if (label != null && !continues) {
                    first = appendSpan(out, first, start, end, label);
                    label = null;
                }
                if (tag.startsWith("B-") || (tag.startsWith("I-") && !continues)) {
                    label = l;
                    start = tokenStart;
                }
                if (label != null) {
                    end = tokenEnd;
                }
            }
            if (label != null) {
                appendSpan(out, first, start, end, label);
            }
            return out.append(']').toString();
        }

        private static boolean appendSpan(StringBuilder out, boolean first, int start, int end, String label) {
            if (!first) {
                out.append(',');
            }
            out.append("{\"start\":").append(start).append(",\"end\":").append(end)
                    .append(",\"label\":\"").append(label).append("\"}");
            return false;
        }

        String conll() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < tokens.size(); i++) {
                out.append(tokens.get(i)).append('\t').append(tags.get(i)).append('\n');
            }
            return out.append('\n').toString();
        }
    }

    static List<Sentence> sentences() throws IOException {
        Path file = Path.of(opt("data", "demo/data/corpora/ncbi-disease/train.tsv"));
        List<Sentence> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                if (!tokens.isEmpty()) {
                    out.add(new Sentence(tokens, tags));
                    tokens = new ArrayList<>();
                    tags = new ArrayList<>();
                }
                continue;
            }
            String[] cols = line.split("\t");
            tokens.add(cols[0]);
            tags.add(cols[cols.length - 1]);
        }
        if (!tokens.isEmpty()) {
            out.add(new Sentence(tokens, tags));
        }
        return out;
    }

    // ------------------------------------------------------------------ project setup

    static final EventCodec CODEC = new EventCodec();

    /** Publishes the project's label and membership events and waits until the service has consumed them. */
    static UUID project(Map<String, ProjectRole> members) throws Exception {
        UUID projectId = UUID.randomUUID();
        List<DomainEvent> events = new ArrayList<>();
        events.add(new LabelingConfigChanged(projectId, List.of(new LabelingConfigChanged.LabelBinding("Disease", null)),
                "<View/>"));
        members.forEach((user, role) -> events.add(new MemberAdded(projectId, user, role)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", opt("kafka", "127.0.0.1:19092")), new StringSerializer(),
                new StringSerializer())) {
            for (DomainEvent event : events) {
                producer.send(new ProducerRecord<>(event.topic(), projectId.toString(),
                        CODEC.encode(CODEC.wrap(event, "project-service")))).get(10, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String user : members.keySet()) {
            while (get(user, "/projects/" + projectId + "/tasks?size=1").statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service did not take the project's membership in 60 s");
                }
                Thread.sleep(100);
            }
        }
        return projectId;
    }

    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    static String bearer(String user) {
        return TOKENS.computeIfAbsent(user, u -> TestTokens.bearer(u));
    }

    static HttpResponse<String> get(String user, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", bearer(user))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String user, String method, String path, String contentType,
            HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Authorization", bearer(user))
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(30)).method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " -> "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static final Pattern TASK = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Task ids in import order (paged by 500, ordered by seq). */
    static List<String> taskIds(UUID projectId, String owner, int expected) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ids.size() < expected; page++) {
            String body = expect(get(owner, "/projects/" + projectId + "/tasks?size=500&page=" + page), 200).body();
            Matcher m = TASK.matcher(body);
            int before = ids.size();
            while (m.find()) {
                ids.add(m.group(1));
            }
            if (ids.size() == before) {
                break;
            }
        }
        return ids;
    }

    // ------------------------------------------------------------------ P3

    static void p3() throws Exception {
        int clients = intOpt("clients", 32);
        int sentenceCount = intOpt("sentences", 5000);
        int warmup = intOpt("warmup", 1000);
        int max = intOpt("max", 10000);
        int seconds = intOpt("seconds", 20);
        List<Sentence> corpus = sentences();
        List<Sentence> chosen = new ArrayList<>();
        for (int i = 0; chosen.size() < sentenceCount; i++) {
            chosen.add(corpus.get(i % corpus.size()));
        }

        Map<String, ProjectRole> members = new LinkedHashMap<>();
        members.put("olivia", ProjectRole.OWNER);
        List<String> annotators = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            String name = String.format(Locale.ROOT, "annotator%02d", i);
            annotators.add(name);
            members.put(name, ProjectRole.ANNOTATOR);
        }
        UUID projectId = project(members);
        String base = "/projects/" + projectId;

        StringBuilder text = new StringBuilder();
        chosen.forEach(s -> text.append(s.text()).append('\n'));
        long t0 = System.nanoTime();
        expect(send("olivia", "POST", base + "/tasks/import?format=text", "text/plain",
                HttpRequest.BodyPublishers.ofString(text.toString())), 200);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> ids = taskIds(projectId, "olivia", chosen.size());
        if (ids.size() != chosen.size()) {
            throw new IllegalStateException("imported " + ids.size() + " tasks, expected " + chosen.size());
        }
        // Task i goes to annotator i % clients; each annotator submits its own tasks in order.
        List<List<Integer>> byAnnotator = new ArrayList<>();
        for (int a = 0; a < clients; a++) {
            List<Integer> mine = new ArrayList<>();
            for (int i = a; i < ids.size(); i += clients) {
                mine.add(i);
            }
            byAnnotator.add(mine);
            List<String> taskIds = mine.stream().map(ids::get).toList();
            for (int from = 0; from < taskIds.size(); from += 10000) {
                String list = String.join("\",\"", taskIds.subList(from, Math.min(taskIds.size(), from + 10000)));
                expect(send("olivia", "PUT", base + "/tasks/assignment", "application/json",
                        HttpRequest.BodyPublishers.ofString("{\"taskIds\":[\"" + list + "\"],\"assignee\":\""
                                + annotators.get(a) + "\"}")), 200);
            }
        }
        annotators.forEach(AnnotationBench::bearer);

        int perClientWarmup = warmup / clients;
        Phase warm = runPhase(base, ids, chosen, annotators, byAnnotator, 0, perClientWarmup, Integer.MAX_VALUE, 60);
        int perClientMax = Math.max(1, max / clients);
        Phase measured = runPhase(base, ids, chosen, annotators, byAnnotator, perClientWarmup, perClientMax,
                Integer.MAX_VALUE, seconds);

        // Correctness aside: the stored training-set size versus the real count (both over this project).
        Map<String, Object> consistency = new LinkedHashMap<>();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select (select count(distinct task_id) from completion where project_id = '"
                    + projectId + "' and submitted and review_status <> 'REJECTED'), (select selected_count from"
                    + " training_set_size where project_id = '" + projectId + "')");
            rs.next();
            consistency.put("selectedTasks", rs.getLong(1));
            consistency.put("storedTrainingSetSize", rs.getLong(2));
        }

        Map<String, Object> base0 = baseline(clients, intOpt("baselineSeconds", 10));
        // The other wording, "a plain JDBC loop": one connection inserting in a loop.
        Map<String, Object> base1 = intOpt("loopSeconds", 10) > 0 ? baseline(1, intOpt("loopSeconds", 10)) : null;
        Map<String, Object> sqlOnly = intOpt("submitSqlSeconds", 10) > 0
                ? submitSql(projectId, ids, annotators, intOpt("submitSqlSeconds", 10)) : null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "P3");
        out.put("projectId", projectId.toString());
        out.put("clients", clients);
        out.put("tasks", ids.size());
        out.put("importTextSeconds", round(importSeconds));
        out.put("warmup", warm.toMap());
        out.put("measured", measured.toMap());
        out.put("trainingSetSize", consistency);
        out.put("baseline", base0);
        double ratio = measured.throughput() / (Double) base0.get("insertsPerSecond");
        out.put("ratio", round(ratio));
        if (base1 != null) {
            out.put("baselineOneConnection", base1);
            out.put("ratioToOneConnection", round(measured.throughput() / (Double) base1.get("insertsPerSecond")));
        }
        if (sqlOnly != null) {
            out.put("submitSqlOnly", sqlOnly);
            out.put("ratioToSubmitSql", round(measured.throughput() / (Double) sqlOnly.get("insertsPerSecond")));
        }
        System.out.println(json(out));
    }

    /** Measured submits of one phase. */
    record Phase(int requests, int errors, double seconds, long[] latenciesNanos, Map<String, Integer> errorsByStatus,
            String firstError) {
        double throughput() {
            return (requests - errors) / seconds;
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1e6;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("errors", errors);
            m.put("errorsByStatus", errorsByStatus);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.put("seconds", round(seconds));
            m.put("submitsPerSecond", round(throughput()));
            m.put("p50ms", round(percentileMs(50)));
            m.put("p90ms", round(percentileMs(90)));
            m.put("p99ms", round(percentileMs(99)));
            m.put("maxMs", round(percentileMs(100)));
            return m;
        }
    }

    /** Each client submits tasks [from, from+count) of its own list, stopping at the deadline. */
    static Phase runPhase(String base, List<String> ids, List<Sentence> sentences, List<String> annotators,
            List<List<Integer>> byAnnotator, int from, int count, int unused, int seconds) throws Exception {
        int clients = annotators.size();
        long[][] latencies = new long[clients][];
        int[] done = new int[clients];
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> byStatus = new ConcurrentHashMap<>();
        String[] firstError = new String[1];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(clients);
        AtomicLong deadline = new AtomicLong();
        for (int a = 0; a < clients; a++) {
            int client = a;
            List<Integer> mine = byAnnotator.get(a).subList(Math.min(from, byAnnotator.get(a).size()),
                    Math.min(from + count, byAnnotator.get(a).size()));
            latencies[a] = new long[mine.size()];
            Thread thread = new Thread(() -> {
                try (KeepAliveClient connection = new KeepAliveClient(URI.create(url()))) {
                    start.await();
                    String auth = bearer(annotators.get(client));
                    for (int index : mine) {
                        if (System.nanoTime() > deadline.get()) {
                            break;
                        }
                        String path = base + "/tasks/" + ids.get(index) + "/completions";
                        String json = "{\"spans\":" + sentences.get(index).spansJson() + ",\"submit\":true}";
                        long t = System.nanoTime();
                        String status;
                        String body = null;
                        try {
                            KeepAliveClient.Response response = connection.post(path, auth, json);
                            status = String.valueOf(response.status());
                            body = response.body();
                        } catch (IOException e) {
                            status = e.getClass().getSimpleName();
                            body = String.valueOf(e.getMessage());
                        }
                        latencies[client][done[client]++] = System.nanoTime() - t;
                        if (!"201".equals(status)) {
                            errors.incrementAndGet();
                            byStatus.merge(status, 1, Integer::sum);
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = status + " " + body;
                                }
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = "connect: " + e;
                        }
                    }
                } finally {
                    finished.countDown();
                }
            }, "client-" + a);
            thread.start();
        }
        long t0 = System.nanoTime();
        deadline.set(t0 + TimeUnit.SECONDS.toNanos(seconds));
        start.countDown();
        finished.await();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int total = Arrays.stream(done).sum();
        long[] all = new long[total];
        int k = 0;
        for (int a = 0; a < clients; a++) {
            System.arraycopy(latencies[a], 0, all, k, done[a]);
            k += done[a];
        }
        Arrays.sort(all);
        return new Phase(total, errors.get(), elapsed, all, new HashMap<>(byStatus), firstError[0]);
    }

    /**
     * The submit phases' HTTP client: one keep-alive HTTP/1.1 connection per client thread, requests
     * written and responses parsed by hand. java.net.http cost about 1 ms of CPU per request here,
     * a third of the 2 cores the service and PostgreSQL are measured on; this costs a few µs.
     * A request that fails on the socket counts as an error and the connection is replaced.
     */
    static final class KeepAliveClient implements AutoCloseable {
        record Response(int status, String body) {
        }

        private final URI server;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;

        KeepAliveClient(URI server) throws IOException {
            this.server = server;
            connect();
        }

        private void connect() throws IOException {
            close();
            socket = new java.net.Socket(server.getHost(), server.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16384);
        }

        Response post(String path, String authorization, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
                    + "\r\nAuthorization: " + authorization + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try {
                return exchange(head, body);
            } catch (IOException e) {
                // Never re-sent (the server may have stored it); a fresh connection keeps the next
                // response from being read as this one's.
                connect();
                throw e;
            }
        }

        private Response exchange(byte[] head, byte[] body) throws IOException {
            out.write(head);
            out.write(body);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length >= 0) {
                content.write(in.readNBytes(length));
            }
            if (close) {
                connect();
            }
            return new Response(status, content.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
            }
        }
    }

    // ------------------------------------------------------------------ baseline

    static Connection jdbc() throws Exception {
        return DriverManager.getConnection(opt("jdbc", "jdbc:postgresql://127.0.0.1:5432/bench_annotation"),
                opt("dbUser", "annotation_service"), opt("dbPassword", "annotation_service"));
    }

    /**
     * PostgreSQL's own single-row insert rate: CLIENTS threads, each with its own connection,
     * autocommit single-row INSERTs (one row shaped like a completion) into a scratch table for SECONDS.
     */
    static Map<String, Object> baseline(int clients, int seconds) throws Exception {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_insert");
            s.execute("create table bench_insert (id uuid primary key, task_id uuid not null, author varchar(255) not null,"
                    + " spans text not null, submitted boolean not null, created_at timestamptz not null)");
        }
        String spans = "[{\"start\":66,\"end\":104,\"label\":\"Disease\"}]";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "JDBC autocommit single-row INSERT, " + clients + " threads/connections");
        m.putAll(jdbcLoop(clients, seconds, (client, connection) -> {
            PreparedStatement insert = connection.prepareStatement(
                    "insert into bench_insert (id, task_id, author, spans, submitted, created_at) values (?, ?, ?, ?, true, ?)");
            return n -> {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.randomUUID());
                insert.setString(3, "annotator" + client);
                insert.setString(4, spans);
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            };
        }));
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("drop table bench_insert");
        }
        return m;
    }

    /**
     * The database's share of a submit, without the service: each thread runs the two statements
     * CompletionService.create runs for a submit-at-once completion (copied here; keep them in step),
     * the read of role, task and labels, then the one write of completion, history, outbox row and
     * recount request, on the run's own tasks. This is the ceiling any service could reach on this
     * machine with these writes.
     */
    static Map<String, Object> submitSql(UUID projectId, List<String> ids, List<String> annotators, int seconds)
            throws Exception {
        String read = "select m.role, t.text, t.assignee, l.labels from (select 1) one"
                + " left join project_membership m on m.project_id = ? and m.username = ?"
                + " left join task t on t.id = ? and t.project_id = ?"
                + " left join project_labels l on l.project_id = ?";
        String write = "with c as (insert into completion (id, task_id, project_id, author, spans,"
                + " submitted, submitted_at, review_status, created_at, updated_at, version)"
                + " values (?, ?, ?, ?, ?, true, ?, 'PENDING', ?, ?, 0)),"
                + " h as (insert into completion_history (completion_id, action, actor, at, detail)"
                + " values (?, 'CREATED', ?, ?, ?), (?, 'SUBMITTED', ?, ?, null)),"
                + " o as (insert into outbox_event (id, topic, event_key, type, payload, created_at, published_at)"
                + " values (?, 'lab.annotations', ?, 'lab.annotations.CompletionSubmitted', ?, ?, ?))"
                + " insert into training_set_recount (project_id) values (?)";
        String spans = "[{\"start\":66,\"end\":104,\"label\":\"Disease\"}]";
        int clients = annotators.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "JDBC autocommit, the submit's 2 statements, " + clients + " threads/connections");
        m.putAll(jdbcLoop(clients, seconds, (client, connection) -> {
            PreparedStatement select = connection.prepareStatement(read);
            PreparedStatement insert = connection.prepareStatement(write);
            String user = annotators.get(client);
            return n -> {
                UUID task = UUID.fromString(ids.get((int) ((client + n * clients) % ids.size())));
                select.setObject(1, projectId);
                select.setString(2, user);
                select.setObject(3, task);
                select.setObject(4, projectId);
                select.setObject(5, projectId);
                try (var rs = select.executeQuery()) {
                    rs.next();
                    rs.getString(2);
                }
                UUID id = UUID.randomUUID();
                java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
                Object[] values = {id, task, projectId, user, spans, now, now, now, id, user, now, "1 spans", id, user,
                        now, UUID.randomUUID(), projectId.toString(), "{\"specversion\":\"1.0\",\"id\":\"" + id
                                + "\",\"type\":\"lab.annotations.CompletionSubmitted\",\"source\":\"annotation-service\","
                                + "\"subject\":\"" + projectId + "\",\"time\":\"" + now + "\",\"data\":{\"projectId\":\""
                                + projectId + "\",\"taskId\":\"" + task + "\",\"completionId\":\"" + id
                                + "\",\"author\":\"" + user + "\",\"spans\":1}}", now, now, projectId};
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.executeUpdate();
            };
        }));
        return m;
    }

    interface Operation {
        void run(long n) throws Exception;
    }

    interface OperationFactory {
        Operation on(int client, Connection connection) throws Exception;
    }

    /** {@code clients} threads, each on its own autocommit connection, repeat an operation: 2 s warm-up, then measured. */
    static Map<String, Object> jdbcLoop(int clients, int seconds, OperationFactory factory) throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(jdbc());
            operations.add(factory.on(i, connections.get(i)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            int passSeconds = pass == 0 ? 2 : seconds;
            long offset = pass * 1_000_000L;
            long[][] latencies = new long[clients][];
            int[] done = new int[clients];
            AtomicInteger failures = new AtomicInteger();
            CountDownLatch finished = new CountDownLatch(clients);
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(passSeconds);
            for (int a = 0; a < clients; a++) {
                int client = a;
                latencies[a] = new long[400_000];
                Operation operation = operations.get(a);
                new Thread(() -> {
                    try {
                        while (System.nanoTime() < deadline && done[client] < latencies[client].length) {
                            long t = System.nanoTime();
                            operation.run(done[client] + offset);
                            latencies[client][done[client]++] = System.nanoTime() - t;
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        e.printStackTrace();
                    } finally {
                        finished.countDown();
                    }
                }).start();
            }
            finished.await();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " baseline threads failed");
            }
            if (pass == 1) {
                int total = Arrays.stream(done).sum();
                long[] all = new long[total];
                int k = 0;
                for (int a = 0; a < clients; a++) {
                    System.arraycopy(latencies[a], 0, all, k, done[a]);
                    k += done[a];
                }
                Arrays.sort(all);
                Phase p = new Phase(total, 0, elapsed, all, Map.of(), null);
                m.put("inserts", total);
                m.put("seconds", round(elapsed));
                m.put("insertsPerSecond", round(total / elapsed));
                m.put("p50ms", round(p.percentileMs(50)));
                m.put("p99ms", round(p.percentileMs(99)));
            }
        }
        for (Connection connection : connections) {
            connection.close();
        }
        return m;
    }

    // ------------------------------------------------------------------ P4

    static void p4Import() throws Exception {
        int tasks = intOpt("tasks", 10000);
        List<Sentence> corpus = sentences();
        Path body = Files.createTempFile("bench-conll-", ".tsv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(body, StandardCharsets.UTF_8)) {
                for (int i = 0; i < tasks; i++) {
                    out.write(corpus.get(i % corpus.size()).conll());
                }
            }
            UUID projectId = project(Map.of("olivia", ProjectRole.OWNER));
            long t0 = System.nanoTime();
            String result = expect(send("olivia", "POST", "/projects/" + projectId + "/tasks/import?format=conll",
                    "text/plain", HttpRequest.BodyPublishers.ofFile(body)), 200).body();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("projectId", projectId.toString());
            out.put("tasks", tasks);
            out.put("bodyBytes", Files.size(body));
            out.put("importSeconds", round(seconds));
            out.put("result", result.length() > 200 ? result.substring(0, 200) : result);
            System.out.println(json(out));
        } finally {
            Files.deleteIfExists(body);
        }
    }

    // ------------------------------------------------------------------ output

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @SuppressWarnings("unchecked")
    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('"').append(k).append("\":").append(json(v));
            });
            return out.append('}').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof String s && s.startsWith("{") && s.endsWith("}")) {
            return s; // already JSON (an import result)
        }
        return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
