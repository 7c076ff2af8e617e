package io.jailcell.linux.helper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-side reader of the plan wire format ({@link PlanTag}): records of {@code u16 tag, u32 length, payload},
 * little-endian, strings as {@code u32 length + bytes}. It reads fields as {@code read_plan} in jailcell-helper.c
 * does, but strictly: every field must be present and every payload consumed exactly.
 */
final class PlanRecords {
    /** One record: its tag and payload. */
    record Rec(int tag, byte[] payload) {
        Reader reader() {
            return new Reader(payload);
        }

        @Override
        public String toString() {
            return "Rec[tag=" + tag + ", length=" + payload.length + "]";
        }
    }

    /** Reads the fields of one payload in order. */
    static final class Reader {
        private final ByteBuffer b;

        Reader(byte[] payload) {
            b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        }

        int u32() {
            need(4);
            return b.getInt();
        }

        long u64() {
            need(8);
            return b.getLong();
        }

        String str() {
            int len = u32();
            if (len < 0 || len > b.remaining()) {
                throw new AssertionError("string of " + len + " bytes with " + b.remaining() + " left");
            }
            byte[] s = new byte[len];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }

        /** Fails unless the payload was read to its end, as the helper's field layout expects. */
        void done() {
            if (b.hasRemaining()) {
                throw new AssertionError(b.remaining() + " bytes left unread in the record");
            }
        }

        private void need(int n) {
            if (b.remaining() < n) {
                throw new AssertionError("record too short: need " + n + " bytes, have " + b.remaining());
            }
        }
    }

    private PlanRecords() {
    }

    /** Splits an encoded plan into records; fails on a truncated record or bytes after one. */
    static List<Rec> split(byte[] wire) {
        ByteBuffer b = ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN);
        List<Rec> out = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 6) {
                throw new AssertionError("truncated record header at offset " + b.position());
            }
            int tag = Short.toUnsignedInt(b.getShort());
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new AssertionError("record " + tag + " claims " + len + " bytes, " + b.remaining() + " left");
            }
            byte[] payload = new byte[len];
            b.get(payload);
            out.add(new Rec(tag, payload));
        }
        return out;
    }

    static List<Rec> encode(LaunchPlan plan) {
        return split(PlanEncoder.encode(plan));
    }

    static List<Rec> withTag(List<Rec> records, int tag) {
        return records.stream().filter(r -> r.tag() == tag).toList();
    }

    /** The one string of each record with {@code tag}, in order. */
    static List<String> strings(List<Rec> records, int tag) {
        List<String> out = new ArrayList<>();
        for (Rec r : withTag(records, tag)) {
            Reader in = r.reader();
            out.add(in.str());
            in.done();
        }
        return out;
    }
}
