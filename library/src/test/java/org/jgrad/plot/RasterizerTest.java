package org.jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jgrad.autodiff.Value;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

class RasterizerTest {

    private static Figure sine() {
        double[] xs = new double[100];
        double[] ys = new double[100];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i / 10.0;
            ys[i] = Math.sin(xs[i]);
        }
        return LinePlot.create("sin", Table.create(DoubleColumn.create("x", xs), DoubleColumn.create("y", ys)), "x", "y");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image != null, "ImageIO reads it as an image");
        return image;
    }

    private static double size(String svg, String attr) {
        Matcher m = Pattern.compile("^<svg[^>]*? " + attr + "=\"([0-9.]+)\"").matcher(svg);
        assertTrue(m.find(), "the SVG has a " + attr);
        return Double.parseDouble(m.group(1));
    }

    /** Fraction of pixels in the rectangle that are not near white. */
    private static double drawn(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        int dark = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = img.getRGB(x, y);
                int lum = ((p >> 16 & 255) + (p >> 8 & 255) + (p & 255)) / 3;
                n++;
                if (lum < 235) {
                    dark++;
                }
            }
        }
        return dark / (double) n;
    }

    @Test
    void aFigureIsAPngOfItsSizeWithItsCurveDrawnInThePlotArea() throws IOException {
        String svg = StaticFigure.svg(sine());
        Rasterizer.Png png = Rasterizer.png(svg);
        BufferedImage img = decode(png.bytes());
        assertEquals((int) Math.ceil(size(svg, "width")), img.getWidth());
        assertEquals((int) Math.ceil(size(svg, "height")), img.getHeight());
        assertEquals(img.getWidth(), png.width());
        assertEquals(img.getHeight(), png.height());
        // the middle of the plot: the curve (plotly's first colour, #1f77b4: blue above red) crosses it
        int w = img.getWidth();
        int h = img.getHeight();
        double inside = drawn(img, w / 5, h / 5, 4 * w / 5, 4 * h / 5);
        assertTrue(inside > 0.005 && inside < 0.5, "plot area drawn, not filled: " + inside);
        int blue = 0;
        for (int y = h / 5; y < 4 * h / 5; y++) {
            for (int x = w / 5; x < 4 * w / 5; x++) {
                int p = img.getRGB(x, y);
                if ((p & 255) - (p >> 16 & 255) > 80) {
                    blue++;
                }
            }
        }
        assertTrue(blue > 200, "the trace is drawn in its colour: " + blue + " blue pixels");
        assertTrue(drawn(img, 0, 0, w, h / 8) > 0.001, "the title is drawn");
        assertTrue(GraphicsEnvironment.isHeadless(), "drawn without a display");
    }

    @Test
    void theBase64AndTheImgTagCarryTheSamePng() throws IOException {
        Rasterizer.Png png = Rasterizer.png(StaticFigure.svg(sine()));
        assertEquals(png.bytes().length, Base64.getDecoder().decode(png.base64()).length);
        String img = png.imgTag("a \"figure\"");
        assertTrue(img.startsWith("<img src=\"data:image/png;base64," + png.base64() + "\""), img.substring(0, 60));
        assertTrue(img.contains("width=\"" + png.width() + "\" height=\"" + png.height() + "\""));
        assertTrue(img.contains("alt=\"a &quot;figure&quot;\""));
    }

    @Test
    void aGraphsLabelsAreDrawn() throws IOException {
        Value a = new Value(1, "a");
        Value b = new Value(2, "b");
        Value y = a.mul(b).label("y");
        y.backward();
        String svg = GraphView.svg(y);
        BufferedImage img = decode(Rasterizer.png(svg).bytes());
        assertEquals((int) Math.ceil(size(svg, "width")), img.getWidth());
        double inked = drawn(img, 0, 0, img.getWidth(), img.getHeight());
        assertTrue(inked > 0.02, "boxes, arrows and text: " + inked);
    }

    @Test
    void aScaleOfTwoDoublesThePixelsNotTheCssSize() throws IOException {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"40\"><rect x=\"10\" y=\"10\" width=\"20\" height=\"20\" fill=\"black\"/></svg>";
        Rasterizer.Png png = Rasterizer.png(svg, 2);
        BufferedImage img = decode(png.bytes());
        assertEquals(200, img.getWidth());
        assertEquals(80, img.getHeight());
        assertEquals(100, png.width());
        assertEquals(0xff000000, img.getRGB(40, 40), "the square, scaled");
        assertEquals(0xffffffff, img.getRGB(100, 40), "white around it");
    }

    @Test
    void aHugePictureIsDrawnSmaller() throws IOException {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20000\" height=\"10000\"><rect width=\"20000\" height=\"10000\" fill=\"red\"/></svg>";
        BufferedImage img = decode(Rasterizer.png(svg).bytes());
        assertTrue((long) img.getWidth() * img.getHeight() <= Rasterizer.MAX_PIXELS * 1.01, img.getWidth() + "x" + img.getHeight());
        assertEquals(2.0, img.getWidth() / (double) img.getHeight(), 0.01);
    }

    @Test
    void eachFontListBecomesOneFamilyJavaHas() {
        // "NoSuchFont 1" stands for Helvetica and Arial, missing on most Linux machines
        assertEquals("<text font-family=\"SansSerif\">",
                Rasterizer.javaFonts("<text font-family=\"NoSuchFont 1, 'NoSuchFont 2', sans-serif\">"));
        assertEquals("<text style=\"font-family: Monospaced; fill: red\">",
                Rasterizer.javaFonts("<text style=\"font-family: monospace; fill: red\">"));
        assertEquals("<text font-family=\"Serif\">", Rasterizer.javaFonts("<text font-family=\"NoSuchFont, serif\">"));
        assertEquals("<text font-family=\"Dialog\">", Rasterizer.javaFonts("<text font-family=\"NoSuchFont, Dialog, serif\">"),
                "a family Java has is kept");
        assertEquals("<text font-family=\"SansSerif\">", Rasterizer.javaFonts("<text font-family=\"NoSuchFont\">"));
    }

    @Test
    void labelsAreDrawnInASansSerifFace() throws IOException {
        // a list like ours ("Helvetica, Arial, sans-serif") on a machine without its first fonts, and
        // Java's SansSerif: the same pixels
        String list = "NoSuchFont 1, NoSuchFont 2, sans-serif";
        String asked = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"30\"><text x=\"2\" y=\"20\" "
                + "font-family=\"" + list + "\" font-size=\"16\">grad 7.0</text></svg>";
        BufferedImage a = decode(Rasterizer.png(asked).bytes());
        BufferedImage b = decode(Rasterizer.png(asked.replace(list, "SansSerif")).bytes());
        BufferedImage c = decode(Rasterizer.png(asked.replace(list, "Serif")).bytes());
        assertEquals(0, differing(a, b), "sans-serif");
        assertTrue(differing(a, c) > 20, "not the serif face jsvg falls back to");
    }

    private static int differing(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }
}
