package org.jgrad.grading;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screens a student's cell before it runs in the grading JVM. Graded code shares that JVM with
 * the grader, so what could reach the grader's own objects or the machine is refused: reflection
 * and method handles, class loaders, native access, processes, the raw standard streams,
 * /proc, JShell and kernel internals, and magics (%classpath, %load, %maven). Java's unicode
 * escapes are decoded first, as javac does, so {@code \u0067etDeclaredField} is caught too.
 * A refused cell does not run; it costs the student what depends on it, and the feedback names
 * what was refused.
 */
public final class ForbiddenCode {
    private ForbiddenCode() {}

    private record Rule(Pattern pattern, String why) {}

    private static final List<Rule> RULES = List.of(
            rule("\\bjava\\s*\\.\\s*lang\\s*\\.\\s*reflect\\b|\\bsetAccessible\\b|\\bgetDeclared\\w*|\\bget(Method|Field|Constructor)s?\\s*\\(|\\bnewInstance\\b|\\binvoke\\s*\\(|\\bforName\\b|\\bgetClassLoader\\b", "reflection"),
            rule("\\bjava\\s*\\.\\s*lang\\s*\\.\\s*invoke\\b|\\bMethodHandles?\\b|\\bVarHandle\\b|\\bLookup\\b", "method handles"),
            rule("\\bClassLoader\\b|\\bdefineClass\\b|\\bServiceLoader\\b|\\bModuleLayer\\b|\\baddOpens\\b|\\bInstrumentation\\b", "class loading"),
            rule("\\bUnsafe\\b|\\bsun\\s*\\.\\s*misc\\b|\\bjdk\\s*\\.\\s*internal\\b|\\bSystem\\s*\\.\\s*load(Library)?\\b|\\bForeign\\w*|\\bLinker\\b", "native or internal access"),
            rule("\\bProcessBuilder\\b|\\bexec\\s*\\(|\\bProcessHandle\\b|\\baddShutdownHook\\b", "processes"),
            rule("\\bFileDescriptor\\b|\\bSystem\\s*\\.\\s*(setOut|setErr|setIn|in)\\b|\\bsetSecurityManager\\b", "the raw standard streams"),
            rule("/\\s*proc\\b|\"\\s*proc\\b", "/proc"),
            rule("\\bjdk\\s*\\.\\s*jshell\\b|\\borg\\s*\\.\\s*jgrad\\s*\\.\\s*kernel\\s*\\.\\s*(?!Display\\b)\\w+|\\bGuard\\b|\\bEvaluator\\b|\\borg\\s*\\.\\s*jgrad\\s*\\.\\s*grading\\s*\\.\\s*(SubmissionMain|ResultChannel|IsolatedRun)\\b", "the kernel's or grader's internals"),
            rule("(?m)^\\s*%", "magics (%classpath, %load, %maven ...)"));

    private static Rule rule(String regex, String why) {
        return new Rule(Pattern.compile(regex), why);
    }

    /** The reason this code may not run in a graded notebook, or empty when it may. */
    public static Optional<String> check(String source) {
        String code = decodeUnicodeEscapes(source);
        for (Rule r : RULES) {
            Matcher m = r.pattern.matcher(code);
            if (m.find()) {
                return Optional.of("not allowed in graded code: " + r.why + " ('" + m.group().strip() + "' at line "
                        + (code.substring(0, m.start()).chars().filter(ch -> ch == '\n').count() + 1) + ")");
            }
        }
        return Optional.empty();
    }

    /** javac turns \\uXXXX (any number of u's) into the character before it reads anything else. */
    static String decodeUnicodeEscapes(String s) {
        Matcher m = Pattern.compile("\\\\+u+([0-9a-fA-F]{4})").matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String whole = m.group();
            int slashes = 0;
            while (whole.charAt(slashes) == '\\') slashes++;
            // an even number of backslashes is an escaped backslash followed by plain text
            String rep = slashes % 2 == 1 ? "\\".repeat(slashes - 1) + (char) Integer.parseInt(m.group(1), 16) : whole;
            m.appendReplacement(b, Matcher.quoteReplacement(rep));
        }
        m.appendTail(b);
        return b.toString();
    }
}
