package org.jgrad.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects a cell's outputs for assertions. */
public final class Recorder implements CellOutput {
    public final StringBuilder stdout = new StringBuilder();
    public final StringBuilder stderr = new StringBuilder();
    public final List<Object[]> displays = new ArrayList<>();
    public int clears;
    /** Help text a cell asked for with {@code name?}, as sent to the pager. */
    public final List<Map<String, Object>> pages = new ArrayList<>();

    @Override public synchronized void stream(String name, String text) {
        (name.equals("stderr") ? stderr : stdout).append(text);
    }

    @Override public synchronized void display(Map<String, Object> bundle, String id, boolean update) {
        displays.add(new Object[] {bundle, id, update});
    }

    @Override public synchronized void clear(boolean wait) { clears++; }

    @Override public synchronized void page(Map<String, Object> bundle) { pages.add(bundle); }
}
