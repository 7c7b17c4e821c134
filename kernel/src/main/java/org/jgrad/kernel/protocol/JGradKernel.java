package org.jgrad.kernel.protocol;

import org.jgrad.kernel.display.CellOutput;
import org.jgrad.kernel.eval.CellError;
import org.jgrad.kernel.eval.CodeAssist;
import org.jgrad.kernel.eval.Evaluator;
import org.jgrad.kernel.eval.HelpRequest;
import org.jgrad.kernel.eval.IdleMemory;
import org.jgrad.kernel.eval.KernelLog;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The live kernel: jjava-jupyter speaks the protocol, {@link Evaluator} runs the cells. */
public final class JGradKernel extends BaseKernel {
    private final CompletableFuture<Evaluator> evaluator;
    private volatile ShellReplyEnvironment env;

    private final CellHistory history;
    /** The text/plain of the running cell's result, for the history. */
    private volatile String resultText;

    private JGradKernel(Builder b, CompletableFuture<Evaluator> evaluator) {
        this(b, evaluator, new CellHistory());
    }

    private JGradKernel(Builder b, CompletableFuture<Evaluator> evaluator, CellHistory history) {
        super(b.name(), "0.1.0",
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".jshell", "java", "java", null),
                List.of(), history, b.io(), b.comms(), b.renderer(), new MagicParser("(?<=(?:^|=))\\s*%", "%%", b.transpiler()),
                b.magics(), false, b.styler());
        this.evaluator = evaluator;
        this.history = history;
    }

    /** Runs the cell as jjava does, then records it in the history unless asked not to. */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env,
            org.dflib.jjava.jupyter.messages.Message<org.dflib.jjava.jupyter.messages.request.ExecuteRequest> message) {
        org.dflib.jjava.jupyter.messages.request.ExecuteRequest request = message.getContent();
        int number = executionCount.get();   // the number jjava gives this cell
        resultText = null;
        if (HelpRequest.target(request.getCode()) != null) executeHelp(env, request);
        else super.handleExecuteRequest(env, message);
        if (request.shouldStoreHistory() && !request.isSilent()) history.add(number, request.getCode(), resultText);
    }

    /**
     * A {@code name?} cell, answered as jjava answers a cell (busy, execute_input, the reply, idle)
     * but with the help as the execute_reply's "page" payload, which jjava's ExecuteReply cannot carry.
     */
    private void executeHelp(ShellReplyEnvironment env, org.dflib.jjava.jupyter.messages.request.ExecuteRequest request) {
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput(request.getCode(), count));
        this.env = env;   // output a variable's toString prints goes to this request
        LiveOutput out = new LiveOutput();
        try {
            evaluator().eval(request.getCode(), out);
            env.defer().reply(new PageReply(count, out.page));
        } catch (Exception e) {
            // a variable's toString that throws or is interrupted: the error reply jjava gives any cell
            org.dflib.jjava.jupyter.messages.reply.ErrorReply error = org.dflib.jjava.jupyter.messages.reply.ErrorReply.of(e);
            error.setExecutionCount(count);
            env.publish(org.dflib.jjava.jupyter.messages.publish.PublishError.of(e, this::formatError));
            env.defer().replyError(org.dflib.jjava.jupyter.messages.reply.ExecuteReply.MESSAGE_TYPE.error(), error);
        }
    }

    /** execute_reply with a payload: the pager's bundle, as IPython sends for {@code name?}. */
    static final class PageReply implements org.dflib.jjava.jupyter.messages.ContentType<PageReply> {
        // named as the protocol's JSON fields: jjava's socket writes fields by their names
        @SuppressWarnings("unused")
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final int execution_count;
        @SuppressWarnings("unused")
        private final Map<String, Object> user_expressions = Map.of();
        @SuppressWarnings("unused")
        private final List<Map<String, Object>> payload;

        PageReply(int count, Map<String, Object> page) {
            execution_count = count;
            payload = page == null ? List.of() : List.of(Map.of("source", "page", "data", page, "start", 0));
        }

        @Override
        public org.dflib.jjava.jupyter.messages.MessageType<PageReply> getType() {
            @SuppressWarnings("unchecked")
            var type = (org.dflib.jjava.jupyter.messages.MessageType<PageReply>) (org.dflib.jjava.jupyter.messages.MessageType<?>)
                    org.dflib.jjava.jupyter.messages.reply.ExecuteReply.MESSAGE_TYPE;
            return type;
        }
    }

    /** A cell has asked for the evaluator: a warm-up still to start would only delay it. */
    private static volatile boolean cellWaiting;

    /**
     * Starts JShell on its own thread before anything else, so that it starts up (≈1 s, most of
     * it javac's first compilation) while the other core sets up the Jupyter connection. When no
     * cell is waiting by then, a throwaway snippet warms javac for the first one.
     */
    static CompletableFuture<Evaluator> startEvaluator() {
        return CompletableFuture.supplyAsync(() -> {
            Evaluator e = new Evaluator();
            if (!cellWaiting) e.warmUp();
            IdleMemory.watch(e);
            // the first plot, tensor and Value graph get ready while the student reads (steps wait for idle moments)
            Thread warm = new Thread(() -> {
                long t0 = System.nanoTime();
                List<String> done = e.warmUpLibraries();
                KernelLog.log("warmed up " + String.join(", ", done) + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }, "jgrad-warm-up");
            warm.setDaemon(true);
            warm.start();
            return e;
        }, runnable -> {
            Thread t = new Thread(runnable, "jgrad-jshell-start");
            t.setDaemon(true);
            t.start();
        });
    }

    Evaluator evaluator() {
        if (!evaluator.isDone()) cellWaiting = true;
        return evaluator.join();
    }

    @Override
    public String getBanner() { return "Java " + Runtime.version() + " with jgrad"; }

    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
        super.replaceOutputStreams(env);
        this.env = env;
    }

    @Override
    public DisplayData eval(String code) {
        Map<String, Object> result = evaluator().eval(code, new LiveOutput());
        if (result != null && result.get("text/plain") instanceof String text) resultText = text;
        return result == null ? null : toDisplayData(result, null);
    }

    @Override
    public Object evalRaw(String code) { return eval(code); }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellError c) return c.traceback;
        return List.of(e.toString());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = evaluator().inspect(code, at);
        return doc == null ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        CodeAssist.Completion c = evaluator().complete(code, at);
        return new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        return switch (evaluator().isComplete(code)) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            default -> "    ";
        };
    }

    @Override
    public void interrupt() {
        if (evaluator.isDone()) evaluator.join().interrupt();
    }

    @Override
    public void onShutdown(boolean restart) {
        if (evaluator.isDone()) evaluator.join().close();
    }

    static DisplayData toDisplayData(Map<String, Object> bundle, String id) {
        DisplayData d = new DisplayData();
        bundle.forEach(d::putData);
        if (id != null) d.setDisplayId(id);
        return d;
    }

    private final class LiveOutput implements CellOutput {
        /** The help a {@code name?} cell asked for, sent with the execute_reply by {@link #executeHelp}. */
        volatile Map<String, Object> page;

        @Override
        public void page(Map<String, Object> bundle) { page = bundle; }

        @Override
        public void stream(String name, String text) {
            ShellReplyEnvironment e = env;
            if (e == null) return;
            if (name.equals("stderr")) e.writeToStdErr(text);
            else e.writeToStdOut(text);
        }

        @Override
        public void display(Map<String, Object> bundle, String displayId, boolean update) {
            DisplayData d = toDisplayData(bundle, displayId);
            if (update) getIO().display.updateDisplay(d);
            else getIO().display.display(d);
        }

        @Override
        public void clear(boolean wait) {
            ShellReplyEnvironment e = env;
            if (e != null) e.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
        }
    }

    static final class Builder extends BaseKernelBuilder<Builder, JGradKernel> {
        String name() { return "jgrad"; }
        org.dflib.jjava.jupyter.kernel.JupyterIO io() { return buildJupyterIO(buildJupyterIOEncoding()); }
        org.dflib.jjava.jupyter.kernel.comm.CommManager comms() { return buildCommManager(); }
        org.dflib.jjava.jupyter.kernel.display.Renderer renderer() { return buildRenderer(); }
        org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler transpiler() { return buildMagicTranspiler(); }
        org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() { return buildMagicsRegistry(); }
        org.dflib.jjava.jupyter.kernel.util.StringStyler styler() { return buildErrorStyler(); }

        CompletableFuture<Evaluator> evaluator;

        Builder evaluator(CompletableFuture<Evaluator> e) { evaluator = e; return this; }

        @Override
        public JGradKernel build() { return new JGradKernel(this, evaluator != null ? evaluator : startEvaluator()); }
    }

    /** jjava's private shell or control channel of a connection (its fixes below need them). */
    /** A private field of jjava's, opened for the workarounds below. */
    private static java.lang.reflect.Field field(Class<?> owner, String name) throws NoSuchFieldException {
        java.lang.reflect.Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static Object channel(JupyterConnection conn, String name) throws ReflectiveOperationException {
        return field(JupyterConnection.class, name).get(conn);
    }

    /**
     * jjava's shell and control loops sleep 50 ms between polls, which adds up to 50 ms to every
     * request. Shorten that sleep (a private field read when the loop starts, i.e. at connect());
     * {@link #wakeOnMessages} then replaces the sleeping altogether where it can.
     */
    private static void shortenPolling(JupyterConnection conn) {
        long sleepMs = Long.getLong("jgrad.pollMillis", 2);
        for (String channel : new String[] {"shell", "control"}) {
            try {
                Object ch = channel(conn, channel);
                field(ch.getClass(), "sleep").setLong(ch, sleepMs);
            } catch (ReflectiveOperationException | RuntimeException e) {
                KernelLog.log("could not shorten the " + channel + " poll interval: " + e);
            }
        }
    }

    /**
     * A message with a wrong HMAC signature makes jjava's channel loop throw SecurityException,
     * which would end that loop (and with it the kernel's shell). Log it, drop the message, keep going.
     */
    private static void survivePoisonMessages(JupyterConnection conn) {
        for (String channel : new String[] {"shell", "control"}) {
            try {
                Object ch = channel(conn, channel);
                org.dflib.jjava.jupyter.channels.Loop loop = (org.dflib.jjava.jupyter.channels.Loop) field(ch.getClass(), "ioloop").get(ch);
                loop.onError(t -> {
                    KernelLog.log("refused a message on the " + channel + " channel: " + t);
                    return Long.getLong("jgrad.pollMillis", 2);
                });
            } catch (ReflectiveOperationException | RuntimeException e) {
                KernelLog.log("could not guard the " + channel + " loop: " + e);
            }
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env,
            org.dflib.jjava.jupyter.messages.Message<org.dflib.jjava.jupyter.messages.request.KernelInfoRequest> request) {
        env.setBusyDeferIdle();
        env.reply(new InfoReply(getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    /** As jjava's own handler, with a reply the protocol accepts (see {@link HistoryReply}). */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env,
            org.dflib.jjava.jupyter.messages.Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        java.util.Set<HistoryManager.ResultFlag> flags = java.util.EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                var range = (HistoryRequest.Range) request;
                yield history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            }
            case SEARCH -> {
                var search = (HistoryRequest.Search) request;
                if (search.filterUnique()) flags.add(HistoryManager.ResultFlag.UNIQUE);
                yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
        };
        env.reply(new HistoryReply(entries));
    }

    /**
     * history_reply with "status", and entries as the protocol's arrays: jjava's reply class
     * has no status, and its socket's JSON writer turns the entries into objects.
     */
    static final class HistoryReply implements org.dflib.jjava.jupyter.messages.ContentType<HistoryReply> {
        @SuppressWarnings("unused")
        private final String status = "ok";
        /** [session, line, input] or, with output, [session, line, [input, output]]. */
        private final List<List<Object>> history = new java.util.ArrayList<>();

        HistoryReply(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object text = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), text));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public org.dflib.jjava.jupyter.messages.MessageType<HistoryReply> getType() {
            return (org.dflib.jjava.jupyter.messages.MessageType<HistoryReply>) (org.dflib.jjava.jupyter.messages.MessageType<?>)
                    org.dflib.jjava.jupyter.messages.reply.HistoryReply.MESSAGE_TYPE;
        }
    }

    /** jjava's kernel_info_reply lacks the "status" field the protocol requires. */
    static final class InfoReply extends org.dflib.jjava.jupyter.messages.reply.KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        InfoReply(LanguageInfo info, String banner, List<org.dflib.jjava.jupyter.kernel.HelpLink> links) {
            super("5.3", "jgrad", "0.1.0", info, banner, links);
        }
    }

    /**
     * After connect(): each loop's body polls its socket without waiting and the loop then
     * sleeps, so a request waited up to the sleep and an idle kernel woke 500 times a second
     * (≈3 % of a core). The body is wrapped to first wait on the socket for up to 100 ms: a
     * request is handled as soon as it arrives, and an idle kernel wakes 10 times a second per loop.
     * If jjava's internals are not as expected, the short sleep stays.
     */
    private static void wakeOnMessages(JupyterConnection conn) {
        for (String name : new String[] {"shell", "control"}) {
            try {
                org.dflib.jjava.jupyter.channels.ShellChannel channel =
                        (org.dflib.jjava.jupyter.channels.ShellChannel) channel(conn, name);
                Object loop = field(org.dflib.jjava.jupyter.channels.ShellChannel.class, "ioloop").get(channel);
                org.zeromq.ZMQ.Context ctx = (org.zeromq.ZMQ.Context)
                        field(org.dflib.jjava.jupyter.channels.JupyterSocket.class, "ctx").get(channel);
                java.lang.reflect.Field body = field(loop.getClass(), "loopBody");
                java.util.function.LongSupplier original = (java.util.function.LongSupplier) body.get(loop);
                org.zeromq.ZMQ.Poller waiter = ctx.poller(1);
                waiter.register(channel, org.zeromq.ZMQ.Poller.POLLIN);
                java.util.function.LongSupplier waiting = () -> {
                    try {
                        waiter.poll(100);
                    } catch (RuntimeException closing) {
                        // the connection is closing; jjava's own body below sees it
                    }
                    original.getAsLong();
                    return 0;   // no sleep: the next poll waits
                };
                body.set(loop, waiting);
            } catch (ReflectiveOperationException | RuntimeException e) {
                KernelLog.log("the " + name + " loop keeps polling every few milliseconds: " + e);
            }
        }
    }

    /** Runs the kernel on a connection file until Jupyter shuts it down. */
    public static void run(Path connectionFile) throws Exception {
        ParentWatch.start();
        CompletableFuture<Evaluator> evaluator = startEvaluator();
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection conn = new JupyterConnection(props);
        shortenPolling(conn);
        JGradKernel kernel = new Builder().evaluator(evaluator).build();
        kernel.becomeHandlerForConnection(conn);
        conn.connect();
        wakeOnMessages(conn);
        survivePoisonMessages(conn);
        conn.waitUntilClose();
        System.exit(0);
    }
}
