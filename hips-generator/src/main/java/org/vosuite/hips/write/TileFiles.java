package org.vosuite.hips.write;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import org.vosuite.hips.model.HipsTile;
import org.vosuite.hips.model.PixelCut;

/**
 * Tile files. A tile's pixels are a square float array in FITS order (row 0 at the bottom). FITS tiles keep the
 * values (BITPIX -32, blanks NaN); PNG tiles are grey with blanks transparent, JPEG tiles grey with blanks black,
 * both with the top row first (HiPS 1.0 §4.2.2).
 */
public final class TileFiles {
    private TileFiles() {
    }

    public static void writeFits(Path file, int width, float[] pixels, HipsTile tile) throws IOException {
        writeFits(file, width, width, pixels, tile);
    }

    /** A FITS image of any shape (Allsky); {@code tile} null for no ORDER/NPIX cards. */
    public static void writeFits(Path file, int width, int height, float[] pixels, HipsTile tile)
            throws IOException {
        float[][] rows = new float[height][width];
        for (int r = 0; r < height; r++) {
            System.arraycopy(pixels, r * width, rows[r], 0, width);
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (Fits f = new Fits()) {
            ImageHDU hdu = (ImageHDU) Fits.makeHDU(ImageData.from(rows));
            if (tile != null) {
                hdu.getHeader().addValue("ORDER", tile.order(), "HEALPix order of the tile");
                hdu.getHeader().addValue("NPIX", tile.npix(), "HEALPix nested index of the tile");
            }
            f.addHDU(hdu);
            f.write(tmp.toFile());
        } catch (FitsException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A FITS tile's pixels, or null when the file does not exist. */
    public static float[] readFits(Path file, int width) throws IOException {
        return readFits(file, width, width);
    }

    /** A FITS image's pixels (width × height, as written here), or null when the file does not exist. */
    public static float[] readFits(Path file, int width, int height) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (Fits f = new Fits(file.toFile())) {
            BasicHDU<?> hdu = f.readHDU();
            float[][] rows = (float[][]) hdu.getKernel();
            float[] out = new float[width * height];
            for (int r = 0; r < height; r++) {
                System.arraycopy(rows[r], 0, out, r * width, width);
            }
            return out;
        } catch (FitsException | ClassCastException e) {
            throw new IOException("cannot read the tile " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes PNG (grey and alpha: blanks transparent) or JPEG (grey: blanks black) by {@code format}: "png" or
     * "jpg". PNG is deflated at a low level: the default (level 9) took more than half of a build's time for files
     * a few percent smaller.
     */
    public static void writeImage(Path file, String format, int width, int height, float[] pixels, PixelCut cut)
            throws IOException {
        boolean png = format.equals("png");
        BufferedImage img;
        if (png) {
            java.awt.color.ColorSpace grey = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
            java.awt.image.ColorModel cm = new java.awt.image.ComponentColorModel(grey, true, false,
                    java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
            img = new BufferedImage(cm, cm.createCompatibleWritableRaster(width, height), false, null);
        } else {
            img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        }
        byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int bands = png ? 2 : 1;
        PixelCut.Lookup grey = cut.lookup();
        for (int r = 0; r < height; r++) {
            int src = (height - 1 - r) * width;
            int dst = r * width * bands;
            for (int c = 0; c < width; c++) {
                int g = grey.grey(pixels[src + c]);
                raster[dst + c * bands] = (byte) Math.max(g, 0);
                if (png) {
                    raster[dst + c * 2 + 1] = (byte) (g < 0 ? 0 : 255);
                }
            }
        }
        writeImage(file, format, img);
    }

    /** Writes an image as PNG or JPEG ("png", "jpg") under a temporary name, then moves it into place. */
    public static void writeImage(Path file, String format, BufferedImage img) throws IOException {
        boolean png = format.equals("png");
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName(png ? "png" : "jpg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(png ? 0.75f : 0.9f);
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
