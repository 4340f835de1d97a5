package io.hiveiot.kit.database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message as the notifications that carry it: {@code <node>:<message>:<piece>:<pieces>:<text>}. PostgreSQL takes at
 * most 8,000 bytes a notification, so a longer message is cut into pieces of at most {@value #PIECE_CHARS} characters
 * (at most four bytes each in UTF-8). The pieces of one message are sent in one transaction, and PostgreSQL delivers
 * a transaction's notifications together and in order, so a receiver only has to put together the pieces of the
 * message each node is sending now.
 */
final class NotificationPieces {

    static final int PIECE_CHARS = 1_900;

    /** One notification's header and text. */
    record Piece(int node, long message, int index, int count, String text) {}

    private record Partial(long message, StringBuilder text, int next) {}

    private final Map<Integer, Partial> partials = new HashMap<>();

    static List<String> split(final int node, final long message, final String payload) {
        final var texts = new ArrayList<String>();
        int from = 0;
        do {
            int to = Math.min(payload.length(), from + PIECE_CHARS);
            if (to < payload.length() && Character.isHighSurrogate(payload.charAt(to - 1))) {
                to--;
            }
            texts.add(payload.substring(from, to));
            from = to;
        } while (from < payload.length());
        final var pieces = new ArrayList<String>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            pieces.add(node + ":" + message + ":" + i + ":" + texts.size() + ":" + texts.get(i));
        }
        return pieces;
    }

    /** @throws IllegalArgumentException for a notification not in this form */
    static Piece parse(final String notification) {
        final String[] header = notification.split(":", 5);
        if (header.length != 5) {
            throw new IllegalArgumentException("not a hive-iot notification");
        }
        final var piece = new Piece(
                Integer.parseInt(header[0]),
                Long.parseLong(header[1]),
                Integer.parseInt(header[2]),
                Integer.parseInt(header[3]),
                header[4]);
        if (piece.count() < 1 || piece.index() < 0 || piece.index() >= piece.count()) {
            throw new IllegalArgumentException("piece " + piece.index() + " of " + piece.count());
        }
        return piece;
    }

    /** @return the whole message once its last piece arrived */
    Optional<String> add(final Piece piece) {
        if (piece.count() == 1) {
            partials.remove(piece.node());
            return Optional.of(piece.text());
        }
        final Partial partial = partials.get(piece.node());
        if (piece.index() == 0) {
            partials.put(piece.node(), new Partial(piece.message(), new StringBuilder(piece.text()), 1));
            return Optional.empty();
        }
        if (partial == null || partial.message() != piece.message() || partial.next() != piece.index()) {
            // a piece of a message whose beginning this connection did not see (it broke meanwhile)
            partials.remove(piece.node());
            return Optional.empty();
        }
        partial.text().append(piece.text());
        if (piece.index() == piece.count() - 1) {
            partials.remove(piece.node());
            return Optional.of(partial.text().toString());
        }
        partials.put(piece.node(), new Partial(partial.message(), partial.text(), partial.next() + 1));
        return Optional.empty();
    }

    /** Forgets partly received messages: the connection broke, their other pieces are gone. */
    void clear() {
        partials.clear();
    }
}
