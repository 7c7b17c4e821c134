package org.jgrad.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells this kernel has run, for Jupyter's history requests (a console's up-arrow,
 * {@code %history}-like tools): tail, range and glob search, as IPython answers them. Kept in
 * memory for the kernel's life, which is one session, numbered 1.
 */
final class CellHistory implements HistoryManager {
    static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    /** output: the result's text/plain, or null when the cell had no result. */
    synchronized void add(int number, String input, String output) {
        cells.add(new Cell(number, input, output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int n, Set<ResultFlag> flags) {
        return entries(last(cells, n), flags);
    }

    /** Cells numbered start (inclusive) to stop (exclusive; 0 or less: to the end) of a session (0: this one). */
    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session != 0 && session != SESSION) return List.of();
        List<Cell> found = new ArrayList<>();
        for (Cell c : cells) {
            if (c.number() >= start && (stop <= 0 || c.number() < stop)) found.add(c);
        }
        return entries(found, flags);
    }

    /** Cells whose whole input matches a glob pattern ({@code *}, {@code ?}); the last n (0: all). */
    @Override
    public synchronized List<HistoryEntry> search(String glob, int n, Set<ResultFlag> flags) {
        Pattern pattern = Pattern.compile(globToRegex(glob == null ? "*" : glob), Pattern.DOTALL);
        List<Cell> found = new ArrayList<>();
        for (Cell c : cells) if (pattern.matcher(c.input()).matches()) found.add(c);
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell c : found) {
                latest.remove(c.input());   // re-insert: order by last occurrence
                latest.put(c.input(), c);
            }
            found = new ArrayList<>(latest.values());
        }
        return entries(last(found, n), flags);
    }

    private static List<Cell> last(List<Cell> list, int n) {
        return n <= 0 || n >= list.size() ? list : list.subList(list.size() - n, list.size());
    }

    private static List<HistoryEntry> entries(List<Cell> found, Set<ResultFlag> flags) {
        boolean output = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> out = new ArrayList<>(found.size());
        for (Cell c : found) {
            // with output asked for, every entry is an (input, output) pair, output "" when none
            out.add(new HistoryEntry(SESSION, c.number(), c.input(), output ? (c.output() == null ? "" : c.output()) : null));
        }
        return out;
    }

    static String globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return b.toString();
    }
}
