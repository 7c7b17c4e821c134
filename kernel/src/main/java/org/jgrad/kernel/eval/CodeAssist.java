package org.jgrad.kernel.eval;

import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * What the notebook asks about code that has not run: is the cell complete, completions at
 * the cursor, the signature and Javadoc of a name. Read-only over JShell's source analysis.
 */
public final class CodeAssist {
    private final SourceCodeAnalysis analysis;
    /** Jars and directories added to the cells' class path by magics, for their sources. */
    private final List<String> addedClassPath = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean sourcesSet;

    CodeAssist(SourceCodeAnalysis analysis) { this.analysis = analysis; }

    void addedToClasspath(String entry) {
        addedClassPath.add(entry);
        sourcesSet = false;
    }

    /** "complete", "incomplete", or "invalid". */
    public String isComplete(String code) {
        String remaining = stripMagics(code);
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE: return "incomplete";
                case UNKNOWN: return "invalid";
                case EMPTY: return "complete";
                default: remaining = info.remaining();
            }
        }
        return "complete";
    }

    static String stripMagics(String code) {
        if (code.startsWith("%%")) {
            int nl = code.indexOf('\n');
            return nl < 0 ? "" : code.substring(nl + 1);
        }
        StringBuilder b = new StringBuilder();
        for (String line : code.split("\n", -1)) b.append(line.strip().startsWith("%") ? "" : line).append('\n');
        return b.toString();
    }

    /** Start of the snippet that contains cursor. */
    private int snippetStart(String code, int cursor) {
        int offset = 0;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
                    && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) break;
            int consumed = remaining.length() - info.remaining().length();
            if (offset + consumed >= cursor || consumed == 0) break;
            offset += consumed;
            remaining = info.remaining();
        }
        return offset;
    }

    /** Completion: [start, end) of the text to replace, and the replacements. */
    public record Completion(int start, int end, List<String> options) {}

    public Completion complete(String code, int cursor) {
        int base = snippetStart(code, cursor);
        String part = code.substring(base, cursor);
        // the cell has not run: the variables and classes it declares before the cursor are unknown
        // to JShell. Members: complete the snippet inside a block after those declarations, where
        // they are locals of known types. Names: JShell offers no locals, so add the declared ones.
        List<String> declared = new ArrayList<>();
        String declarations = declarationsBefore(code, base, declared);
        Completion c = declared.isEmpty() ? null : suggestions("{" + declarations + part, cursor);
        if (c == null || c.options().isEmpty()) c = suggestions(part, cursor);
        int start = cursor;
        while (start > base && Character.isJavaIdentifierPart(code.charAt(start - 1))) start--;
        String prefix = code.substring(start, cursor);
        boolean member = start > 0 && code.charAt(start - 1) == '.';
        if (!prefix.isEmpty() && !member && Character.isJavaIdentifierStart(prefix.charAt(0))) {
            List<String> options = new ArrayList<>(c.options());
            for (String name : declared) if (name.startsWith(prefix) && !options.contains(name)) options.add(name);
            if (options.size() > c.options().size()) c = new Completion(start, cursor, options);
        }
        return c;
    }

    /** Completes text, which ends at the cell's cursor. */
    private Completion suggestions(String text, int cursor) {
        int[] anchor = new int[1];
        List<String> options = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s : analysis.completionSuggestions(text, text.length(), anchor)) {
            if (!options.contains(s.continuation())) options.add(s.continuation());
        }
        return new Completion(cursor - (text.length() - anchor[0]), cursor, options);
    }

    /** A class, interface, enum or record declaration; group 1 is its name. */
    private static final java.util.regex.Pattern TYPE_DECLARATION = java.util.regex.Pattern.compile(
            "(?:(?:@[\\w.]+(?:\\([^)]*\\))?|public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)");

    /**
     * The variable and class declarations among the complete snippets of code[0, end), as
     * statements of a block (methods and imports cannot stand in one); their names go to
     * declared. Nothing is run.
     */
    private String declarationsBefore(String code, int end, List<String> declared) {
        StringBuilder b = new StringBuilder();
        String remaining = stripMagics(code.substring(0, end));
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
                    && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) break;
            String source = info.source();
            // types are recognised by their text: on JDK 25, sourceToSnippets of a type declaration
            // leaves JShell's documentation() answering nothing from then on
            java.util.regex.Matcher type = TYPE_DECLARATION.matcher(source.strip());
            if (type.lookingAt()) {
                b.append(source).append('\n');
                declared.add(type.group(1));
            } else {
                for (Snippet s : analysis.sourceToSnippets(source)) {
                    if (s instanceof VarSnippet v) {
                        b.append(source).append('\n');
                        declared.add(v.name());
                    }
                }
            }
            remaining = info.remaining();
        }
        return b.toString();
    }

    /** Signature and Javadoc of what is at cursor, or null. */
    public String inspect(String code, int cursor) { return describe(code, cursor, false); }

    /**
     * The pager's text for {@code name?}: what inspection finds for name, with the whole Javadoc
     * (the pager has room for it) instead of its first sentence; null if nothing is found.
     */
    public String help(String name) { return describe(name, name.length(), true); }

    private String describe(String code, int cursor, boolean wholeJavadoc) {
        useLibrarySources();
        int base = snippetStart(code, cursor);
        // extend to the end of the identifier under the cursor
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        String part = code.substring(base, end);
        List<SourceCodeAnalysis.Documentation> docs = documentation(part);
        if (docs.isEmpty()) {
            // a variable declared earlier in the same, unrun cell: as for completion, in a block after the declarations
            String declarations = declarationsBefore(code, base, new ArrayList<>());
            if (!declarations.isEmpty()) docs = documentation("{" + declarations + part);
        }
        if (docs.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            b.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                b.append(wholeJavadoc ? "\n" + plainText(d.javadoc()) : summary(d.javadoc())).append("\n\n");
            }
        }
        return b.toString().strip();
    }

    /** JShell's documentation of the name that ends text, tried as written, as a call, and as a type's instance method. */
    private List<SourceCodeAnalysis.Documentation> documentation(String text) {
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text, text.length(), true);
        if (docs.isEmpty()) docs = analysis.documentation(text + "(", text.length() + 1, true);
        // `Tensor.matmul`: JShell looks for a static method only; `((Tensor) null).matmul(` finds the instance one
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\.([A-Za-z_$][\\w$]*)$").matcher(text);
        if (docs.isEmpty() && m.find()) {
            String call = text.substring(0, m.start()) + "((" + m.group(1) + ") null)." + m.group(2) + "(";
            docs = analysis.documentation(call, call.length(), true);
        }
        return docs;
    }


    /**
     * JShell reads Javadoc only from the JDK's lib/src.zip: a private list of its source code
     * analysis, filled on first use. The cells' class path's sources are added to that list: for
     * each jar NAME.jar, NAME-sources.jar beside it or in a sources/ directory beside its
     * directory (kernel/target/sources), and the entries of -Djgrad.sources.
     * The list is reached with sun.misc.Unsafe, not reflection: reflection would need
     * --add-opens jdk.jshell/jdk.jshell, which turns off the JVM's archived module graph and
     * costs every kernel start ≈40 ms. If that fails, inspection shows signatures only.
     */
    private void useLibrarySources() {
        if (sourcesSet) return;
        sourcesSet = true;
        List<Path> extra = new ArrayList<>();
        String configured = System.getProperty("jgrad.sources", "");
        for (String e : configured.split(File.pathSeparator)) if (!e.isBlank()) extra.add(Paths.get(e));
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        entries.addAll(addedClassPath);
        for (String entry : entries) {
            if (entry.isBlank() || !entry.endsWith(".jar")) continue;
            Path jar = Paths.get(entry).toAbsolutePath();
            if (Evaluator.KERNEL_PLUMBING.matcher(jar.getFileName().toString()).matches() || jar.getParent() == null) continue;
            String name = jar.getFileName().toString().replaceFirst("\\.jar$", "-sources.jar");
            for (Path candidate : new Path[] {jar.resolveSibling(name), jar.getParent().resolveSibling("sources").resolve(name)}) {
                if (Files.isReadable(candidate)) {
                    extra.add(candidate);
                    break;
                }
            }
        }
        if (extra.isEmpty()) return;
        try {
            // sun.misc.Unsafe through reflection: named in source it draws a compiler warning
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            long offset = (long) unsafeClass.getMethod("objectFieldOffset", java.lang.reflect.Field.class)
                    .invoke(unsafe, analysis.getClass().getDeclaredField("availableSources"));
            java.lang.reflect.Method get = unsafeClass.getMethod("getObject", Object.class, long.class);
            if (get.invoke(unsafe, analysis, offset) == null) analysis.documentation("Object", 6, true);   // JShell fills it
            List<Path> all = new ArrayList<>();
            if (get.invoke(unsafe, analysis, offset) instanceof List<?> current) for (Object p : current) all.add((Path) p);
            for (Path p : extra) if (!all.contains(p)) all.add(p);
            unsafeClass.getMethod("putObject", Object.class, long.class, Object.class).invoke(unsafe, analysis, offset, all);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            KernelLog.log("inspection shows no Javadoc from " + extra + ": JShell's list of sources could not be extended (" + e + ")");
        }
    }

    /** A whole Javadoc comment as plain text: markup out, paragraphs, list items and code blocks kept. */
    static String plainText(String javadoc) {
        String text = inlineTags(javadoc)
                .replaceAll("(?m)^ ", "")   // the space after each line's leading * in the source
                .replaceAll("@param(\\s+)<(\\w+)>", "@param$1&lt;$2&gt;")   // a type parameter, not a tag
                .replaceAll("(?i)\\s*<p>\\s*", "\n\n")
                .replaceAll("(?i)\\s*<li>\\s*", "\n- ")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        text = text.replaceFirst("\n@", "\n\n@");   // the tags (@param, @return) apart from the text
        return text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    /**
     * {@code {@code x}} and {@code {@literal x}} as x, a link as its label or its target as Java
     * reads it (Tensor#matmul(Tensor) as Tensor.matmul(Tensor)); braces inside are counted, so a
     * code example with blocks stays whole.
     */
    private static String inlineTags(String javadoc) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < javadoc.length()) {
            int open = javadoc.indexOf("{@", i);
            if (open < 0) break;
            int end = open + 1, depth = 0;
            for (; end < javadoc.length(); end++) {
                char c = javadoc.charAt(end);
                if (c == '{') depth++;
                else if (c == '}' && depth-- == 0) break;
            }
            if (end >= javadoc.length()) break;   // unbalanced: left as it is
            String tag = javadoc.substring(open + 2, end);
            int space = 0;
            while (space < tag.length() && !Character.isWhitespace(tag.charAt(space))) space++;
            String name = tag.substring(0, space), body = tag.substring(space).replaceFirst("^[ \\t]", "");
            b.append(javadoc, i, open);
            switch (name) {
                case "code", "literal", "value" -> b.append(body.replaceFirst("^\\s*\n", "\n").stripTrailing());
                case "link", "linkplain" -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([^\\s(]+(?:\\([^)]*\\))?)\\s*(.*)", java.util.regex.Pattern.DOTALL).matcher(body);
                    if (m.matches()) b.append(!m.group(2).isBlank() ? m.group(2).strip() : m.group(1).replaceFirst("^#", "").replace('#', '.'));
                }
                case "inheritDoc" -> { }
                default -> b.append(body);
            }
            i = end + 1;
        }
        return b.append(javadoc.substring(i)).toString();
    }

    private static String summary(String javadoc) {
        String text = javadoc.replaceAll("<[^>]+>", "").replaceAll("\\{@(?:code|literal|link|linkplain) ([^}]*)}", "$1").strip();
        java.util.regex.Matcher sentenceEnd = java.util.regex.Pattern.compile("\\.\\s").matcher(text);
        int dot = sentenceEnd.find() ? sentenceEnd.start() : -1;
        int tags = text.indexOf("\n@");
        int end = text.length();
        if (dot > 0) end = Math.min(end, dot + 1);
        if (tags > 0) end = Math.min(end, tags);
        return text.substring(0, end).strip();
    }
}
