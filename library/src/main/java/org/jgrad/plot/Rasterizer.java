package org.jgrad.plot;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.geometry.size.FloatSize;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Our SVG pictures as PNG, drawn in Java with jsvg: the one picture every notebook front end
 * shows, trusted or not, sanitized or not (docs/plotting.md has the table of who shows what).
 *
 * <p>Drawn on white, antialiased, at {@link #SCALE} device pixels per SVG pixel, so the PNG shows at
 * the SVG's size without any size metadata. A picture over {@link #MAX_PIXELS} is drawn smaller.
 * Each font-family list is cut to the one family Java2D has (see {@link #javaFonts}).
 *
 * <p>Java2D needs no display: the first use sets {@code java.awt.headless=true} unless the JVM was
 * started with a value for it (so a kernel on macOS shows no Dock icon).
 */
public final class Rasterizer {

    /** Device pixels per SVG pixel. 1: a 700 × 450 figure is a 700 × 450 PNG (≈20–65 kB). */
    public static final double SCALE = 1.0;

    /** Larger pictures (a computational graph of a whole network) are scaled down to this many pixels. */
    public static final long MAX_PIXELS = 4_000_000L;

    private static final Pattern FONT_FAMILY = Pattern.compile("(font-family\\s*(?:=\\s*\"|:\\s*))([^\";>]*)");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Rasterizer() {
    }

    /**
     * A PNG picture.
     *
     * @param bytes  the PNG file
     * @param width  its width in CSS pixels (the SVG's width), to show it at
     * @param height its height in CSS pixels
     */
    public record Png(byte[] bytes, int width, int height) {

        /** The PNG in base64, as a Jupyter {@code image/png} output holds it. */
        public String base64() {
            return Base64.getEncoder().encodeToString(bytes);
        }

        /** An HTML {@code <img>} showing the PNG at its CSS size (a data URI: no file, no network). */
        public String imgTag(String alt) {
            return "<img src=\"data:image/png;base64," + base64() + "\" width=\"" + width + "\" height=\"" + height
                    + "\" alt=\"" + Svg.escape(alt) + "\" style=\"max-width:100%;height:auto\">";
        }
    }

    /** The SVG drawn at {@link #SCALE}. */
    public static Png png(String svg) {
        return png(svg, SCALE);
    }

    /**
     * The SVG drawn at {@code scale} device pixels per SVG pixel (less if over {@link #MAX_PIXELS}).
     *
     * @throws IllegalArgumentException if jsvg cannot read the SVG
     */
    public static synchronized Png png(String svg, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Rasterizer: scale must be > 0, got " + scale);
        }
        // jsvg's font resolver keeps shared caches: one picture at a time
        SVGDocument doc = new SVGLoader().load(new ByteArrayInputStream(javaFonts(svg).getBytes(StandardCharsets.UTF_8)),
                null, LoaderContext.createDefault());
        if (doc == null) {
            throw new IllegalArgumentException("Rasterizer: not a readable SVG");
        }
        FloatSize size = doc.size();
        double w = Math.max(1, size.width), h = Math.max(1, size.height);
        double s = Math.min(scale, Math.sqrt(MAX_PIXELS / (w * h)));
        int pw = Math.max(1, (int) Math.ceil(w * s)), ph = Math.max(1, (int) Math.ceil(h * s));
        // bytes in PNG's own order: ImageIO's PNG writer copies them row by row (an int per pixel
        // costs it a sixth more)
        BufferedImage image = new BufferedImage(pw, ph, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, pw, ph);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(s, s);
            doc.render((javax.swing.JComponent) null, g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        // in memory: ImageIO.write(image, "png", out) buffers through a temporary file
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return new Png(out.toByteArray(), (int) Math.ceil(w), (int) Math.ceil(h));
    }

    /**
     * Each font-family list → the one family Java2D will use: the first it has, else the list's
     * generic family as Java's logical font ({@code sans-serif} → {@code SansSerif}, {@code serif} →
     * {@code Serif}, {@code monospace} → {@code Monospaced}). jsvg 1.7.1 looks only at a list's first
     * family and otherwise falls back to a serif face, so "Helvetica, Arial, sans-serif" drew in serif.
     */
    static String javaFonts(String svg) {
        Matcher m = FONT_FAMILY.matcher(svg);
        StringBuilder b = new StringBuilder(svg.length() + 32);
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + javaFont(m.group(2))));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String javaFont(String families) {
        String fallback = "SansSerif";
        for (String f : families.split(",")) {
            String name = f.replace("'", "").replace("&quot;", "").trim();
            String generic = switch (name.toLowerCase(Locale.ROOT)) {
                case "sans-serif", "system-ui" -> "SansSerif";
                case "serif" -> "Serif";
                case "monospace" -> "Monospaced";
                default -> null;
            };
            if (generic != null) {
                return generic;
            }
            if (Families.AVAILABLE.contains(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
        return fallback;
    }

    /** Font families Java2D has on this machine, lower case (looked up once). */
    private static final class Families {
        static final java.util.Set<String> AVAILABLE = new java.util.HashSet<>();

        static {
            for (String f : java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)) {
                AVAILABLE.add(f.toLowerCase(Locale.ROOT));
            }
        }
    }
}
