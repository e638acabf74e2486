package org.parley.ui.parts;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.parley.ui.model.TranscriptLayout.Row;

/**
 * Colours, fonts and the lock glyph of the message list, derived from the list's background and
 * foreground (which the light or dark CSS theme sets), so the custom rows follow the theme.
 */
final class MessagePalette {

    private static final String RULE = "\u2500\u2500\u2500\u2500\u2500\u2500";

    final Color text;
    final Color muted;
    final Color accent;
    final Color warning;
    final boolean dark;
    private final RGB background;
    private final RGB foreground;
    private final Font bold;
    private final Font italic;
    private final Image lock;

    MessagePalette(Table table) {
        RGB bg = table.getBackground().getRGB();
        RGB fg = table.getForeground().getRGB();
        background = bg;
        foreground = fg;
        dark = luminance(bg) < 0.5;
        text = new Color(fg);
        muted = new Color(blend(fg, bg, 0.55));
        accent = new Color(dark ? new RGB(0x78, 0xae, 0xed) : new RGB(0x1a, 0x5f, 0xb4));
        warning = new Color(dark ? new RGB(0xff, 0x7b, 0x72) : new RGB(0xc0, 0x1c, 0x28));
        bold = derive(table, SWT.BOLD);
        italic = derive(table, SWT.ITALIC);
        lock = new Image(table.getDisplay(), lockImage(muted.getRGB()));
    }

    void apply(TableItem item, Row row) {
        switch (row.kind()) {
            case DAY:
                item.setText(0, RULE + "  " + row.text() + "  " + RULE);
                item.setForeground(muted);
                item.setFont(bold);
                break;
            case HEADER:
                item.setText(0, row.text());
                item.setForeground(row.outgoing() ? accent : text);
                item.setFont(bold);
                break;
            case NOTICE:
                item.setText(0, row.text());
                item.setForeground(muted);
                item.setFont(italic);
                break;
            case WARNING:
                item.setText(0, row.text());
                item.setForeground(warning);
                item.setFont(italic);
                break;
            default:
                item.setText(0, "    " + row.text());
                item.setForeground(text);
                item.setFont(null);
        }
        item.setText(1, row.meta());
        item.setForeground(1, row.kind() == org.parley.ui.model.TranscriptLayout.Kind.WARNING ? warning : muted);
        item.setImage(1, row.encrypted() ? lock : null);
    }

    /** Whether the table's colours changed since (a theme was applied after the list was created). */
    boolean outdated(Table table) {
        return !table.getBackground().getRGB().equals(background) || !table.getForeground().getRGB().equals(foreground);
    }

    void dispose() {
        bold.dispose();
        italic.dispose();
        lock.dispose();
    }

    private static Font derive(Table table, int style) {
        FontData[] data = table.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(style);
        }
        return new Font(table.getDisplay(), data);
    }

    static double luminance(RGB c) {
        return (0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue) / 255.0;
    }

    static RGB blend(RGB a, RGB b, double weightOfA) {
        return new RGB((int) Math.round(a.red * weightOfA + b.red * (1 - weightOfA)),
                (int) Math.round(a.green * weightOfA + b.green * (1 - weightOfA)),
                (int) Math.round(a.blue * weightOfA + b.blue * (1 - weightOfA)));
    }

    /** A 10x13 padlock in {@code colour} on a transparent background. */
    private static ImageData lockImage(RGB colour) {
        String[] shape = {
            "...####...",
            "..#....#..",
            ".#......#.",
            ".#......#.",
            ".#......#.",
            "##########",
            "##########",
            "####..####",
            "####..####",
            "#####.####",
            "##########",
            "##########",
            "..........",
        };
        PaletteData palette = new PaletteData(new RGB(255, 255, 255), colour);
        ImageData data = new ImageData(10, shape.length, 1, palette);
        data.transparentPixel = 0;
        for (int y = 0; y < shape.length; y++) {
            for (int x = 0; x < 10; x++) {
                data.setPixel(x, y, shape[y].charAt(x) == '#' ? 1 : 0);
            }
        }
        return data;
    }
}
