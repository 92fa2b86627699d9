package io.mosaic.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A bar per figure: how far it is from its target (1.0 = met exactly; right of the line is better). */
final class ReportChart {
    private static final int ROW = 34;
    private static final int LABEL = 430;
    private static final int BAR = 460;
    private static final double CAP = 2.0;

    private ReportChart() {}

    record Bar(String label, double score) {}

    static void write(List<Bar> bars, Path file) throws IOException {
        int width = LABEL + BAR + 90;
        int height = 60 + bars.size() * ROW + 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Mosaic on 2 cores: each figure against its target (bar end = measured / target)", 12, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 50 + i * ROW;
            g.setColor(Color.BLACK);
            g.drawString(bar.label(), 12, y + 18);
            double shown = Math.min(CAP, Math.max(0, bar.score()));
            g.setColor(bar.score() >= 1 ? new Color(46, 139, 87) : new Color(205, 92, 92));
            g.fillRect(LABEL, y + 4, (int) (BAR * shown / CAP), ROW - 10);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.2f", bar.score()), LABEL + (int) (BAR * shown / CAP) + 6, y + 18);
        }
        int target = LABEL + BAR / 2;
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
        g.drawLine(target, 44, target, height - 24);
        g.drawString("target", target - 18, height - 8);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
