package org.jgrad.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellHistoryTest {
    private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

    private static CellHistory history() {
        CellHistory h = new CellHistory();
        h.add(1, "int x = 6;", null);
        h.add(2, "x * 7", "42");
        h.add(3, "x * 7", "42");
        h.add(4, "System.out.println(x);", null);
        return h;
    }

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getInput).toList();
    }

    @Test void tailGivesTheLastCellsInOrder() {
        List<HistoryEntry> tail = history().lookupTail(2, NONE);
        assertEquals(List.of("x * 7", "System.out.println(x);"), inputs(tail));
        assertEquals(3, tail.get(0).getCellNumber());
        assertEquals(CellHistory.SESSION, tail.get(0).getSession());
        assertFalse(tail.get(0).hasOutput());
    }

    @Test void outputComesAsAPairWhenAskedFor() {
        List<HistoryEntry> tail = history().lookupTail(3, EnumSet.of(ResultFlag.INCLUDE_OUTPUT));
        assertEquals("42", tail.get(0).getOutput());
        assertTrue(tail.get(2).hasOutput(), "a cell without a result still gives a pair");
        assertEquals("", tail.get(2).getOutput());
    }

    @Test void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of("x * 7", "x * 7"), inputs(history().lookupRange(1, 2, 4, NONE)));
        assertEquals(4, history().lookupRange(0, 1, 0, NONE).size(), "session 0 is this one; stop 0 means to the end");
        assertEquals(0, history().lookupRange(2, 1, 0, NONE).size(), "no other session");
    }

    @Test void searchMatchesWholeInputsByGlob() {
        CellHistory h = history();
        assertEquals(2, h.search("x * 7", 0, NONE).size());
        assertEquals(1, h.search("x * 7", 0, EnumSet.of(ResultFlag.UNIQUE)).size());
        assertEquals(List.of("int x = 6;", "x * 7", "x * 7", "System.out.println(x);"), inputs(h.search("*", 0, NONE)));
        assertEquals(List.of("System.out.println(x);"), inputs(h.search("*", 1, NONE)));
        assertEquals(0, h.search("x", 0, NONE).size(), "a glob matches the whole input");
        assertEquals(1, h.search("int ?*", 0, NONE).size());
    }
}
