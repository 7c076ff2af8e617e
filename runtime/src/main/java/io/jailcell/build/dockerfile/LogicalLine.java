package io.jailcell.build.dockerfile;

import java.util.List;

/**
 * One instruction's text after continuation lines are joined, with a map back to where each piece came from so that
 * an error can point at the physical line and column of any character.
 */
final class LogicalLine {
    /** A piece of the text: it starts at {@code offset} in the joined text and at line:column in the file. */
    record Piece(int offset, int line, int column) {
    }

    private final String text;
    private final List<Piece> pieces;
    private final String file;

    LogicalLine(String text, List<Piece> pieces, String file) {
        this.text = text;
        this.pieces = List.copyOf(pieces);
        this.file = file;
    }

    String text() {
        return text;
    }

    int startLine() {
        return pieces.get(0).line();
    }

    String file() {
        return file;
    }

    /** The text from {@code offset} on, as its own line (for the trigger of ONBUILD). */
    LogicalLine from(int offset) {
        java.util.ArrayList<Piece> shifted = new java.util.ArrayList<>();
        Location start = locate(offset);
        shifted.add(new Piece(0, start.line(), start.column()));
        for (Piece p : pieces) {
            if (p.offset() > offset) {
                shifted.add(new Piece(p.offset() - offset, p.line(), p.column()));
            }
        }
        return new LogicalLine(text.substring(offset), shifted, file);
    }

    /** The file location of the character at {@code offset} in {@link #text()} (or just past the end). */
    Location locate(int offset) {
        Piece at = pieces.get(0);
        for (Piece p : pieces) {
            if (p.offset() <= offset) {
                at = p;
            }
        }
        return new Location(file, at.line(), at.column() + Math.max(0, offset - at.offset()));
    }
}
