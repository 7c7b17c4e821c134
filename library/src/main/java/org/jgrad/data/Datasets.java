package org.jgrad.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The real data sets shipped with the library (UCI, CC BY 4.0; see the resources' README). */
public final class Datasets {

    private Datasets() {
    }

    /**
     * 1797 handwritten digits as 8×8 images: columns p0 … p63 (pixel intensities 0..16, row by
     * row) and label (0..9).
     */
    public static Table digits() {
        List<String[]> rows = read("digits.csv.gz", 0);
        Table table = Table.create("digits");
        for (int p = 0; p < 64; p++) {
            int col = p;
            table.addColumns(IntColumn.create("p" + p, rows.stream().mapToInt(r -> Integer.parseInt(r[col])).toArray()));
        }
        table.addColumns(IntColumn.create("label", rows.stream().mapToInt(r -> Integer.parseInt(r[64])).toArray()));
        return table;
    }

    /**
     * Fisher's 150 irises: sepal_length, sepal_width, petal_length, petal_width (cm), label
     * (0..2) and species (setosa, versicolor, virginica).
     */
    public static Table iris() {
        List<String[]> rows = read("iris.csv", 1);
        String[] names = {"setosa", "versicolor", "virginica"};
        String[] features = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
        Table table = Table.create("iris");
        for (int f = 0; f < features.length; f++) {
            int col = f;
            table.addColumns(DoubleColumn.create(features[f], rows.stream().mapToDouble(r -> Double.parseDouble(r[col]))));
        }
        int[] labels = rows.stream().mapToInt(r -> Integer.parseInt(r[4])).toArray();
        table.addColumns(IntColumn.create("label", labels));
        List<String> species = new ArrayList<>();
        for (int l : labels) {
            species.add(names[l]);
        }
        table.addColumns(StringColumn.create("species", species));
        return table;
    }

    private static List<String[]> read(String resource, int skipLines) {
        try (InputStream raw = Datasets.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("data set resource org/jgrad/data/" + resource + " is missing from the classpath");
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                if (n++ >= skipLines && !line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
