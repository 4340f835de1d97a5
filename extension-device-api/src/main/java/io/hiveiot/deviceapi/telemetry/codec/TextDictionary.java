package io.hiveiot.deviceapi.telemetry.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct texts (STRING and JSON values) of one chunk, in order of first appearance; each text point stores
 * only its index, in as few bits as the dictionary's size needs (none for a series that repeats one text).
 */
final class TextDictionary {

    private final List<String> texts;
    private final Map<String, Integer> indexes;
    private final int width;

    private TextDictionary(final List<String> texts, final Map<String, Integer> indexes) {
        this.texts = texts;
        this.indexes = indexes;
        this.width = texts.size() <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(texts.size() - 1);
    }

    static TextDictionary of(final Points points) {
        final var texts = new ArrayList<String>();
        final var indexes = new HashMap<String, Integer>();
        for (int i = 0; i < points.size(); i++) {
            final String text = points.text(i);
            if (text != null && indexes.putIfAbsent(text, texts.size()) == null) {
                texts.add(text);
            }
        }
        return new TextDictionary(texts, indexes);
    }

    void write(final BitWriter out) {
        out.writeVarLong(texts.size());
        for (final String text : texts) {
            final byte[] bytes = TextBytes.encode(text);
            out.writeVarLong(bytes.length);
            out.writeAlignedBytes(bytes);
        }
    }

    static TextDictionary read(final BitReader in) {
        final long size = in.readVarLong();
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new CorruptChunkException("a text dictionary of " + size + " entries");
        }
        final var texts = new ArrayList<String>((int) Math.min(size, 1024));
        for (long i = 0; i < size; i++) {
            final long length = in.readVarLong();
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw new CorruptChunkException("a text of " + length + " bytes");
            }
            final byte[] bytes = in.readAlignedBytes((int) length);
            texts.add(TextBytes.decode(bytes, 0, bytes.length));
        }
        return new TextDictionary(texts, Map.of());
    }

    void writeIndex(final BitWriter out, final String text) {
        out.writeBits(indexes.get(text), width);
    }

    String readText(final BitReader in) {
        final long index = in.readBits(width);
        if (index >= texts.size()) {
            throw new CorruptChunkException("a text index beyond the dictionary");
        }
        return texts.get((int) index);
    }
}
