package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** nbgrader's {@code utils.compute_checksum}, byte for byte, so nbgrader accepts the checksums we write. */
public final class Checksum {
    private Checksum() {}

    public static String of(JsonNode cell) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            update(md5, Notebook.source(cell));
            update(md5, cell.path("cell_type").asText());
            update(md5, py(Notebook.isGrade(cell)));
            update(md5, py(Notebook.isSolution(cell)));
            update(md5, py(Notebook.isLocked(cell)));
            update(md5, Notebook.gradeId(cell));
            if (Notebook.isGrade(cell)) update(md5, pythonFloat(Notebook.points(cell)));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static void update(MessageDigest md, String s) { md.update(s.getBytes(StandardCharsets.UTF_8)); }

    private static String py(boolean b) { return b ? "True" : "False"; }

    /** Python's str(float): "2.0", "0.5", "1e-05", "1e+16". */
    static String pythonFloat(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        double a = Math.abs(x);
        BigDecimal d = new BigDecimal(Double.toString(x));   // Java's shortest digits, as Python's repr
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            String s = d.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        BigDecimal unscaled = d.stripTrailingZeros();
        String digits = unscaled.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - unscaled.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (x < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
