package io.hiveiot.deviceapi.payload;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static io.hiveiot.deviceapi.payload.BadPayloadException.Kind.WRONG_SHAPE;

/**
 * Parses a {@code v1/devices/me/telemetry} payload into batches, in ThingsBoard's four shapes
 * ({@code JsonConverter.convertToTelemetry}):
 * <pre>
 * {"k1":"v","k2":true}                                  one batch at the server time
 * [{"k1":1},{"k2":2}]                                   one batch per object, all at the server time
 * {"ts":1451649600512,"values":{"k1":1}}                one batch at the device's ts
 * [{"ts":1,"values":{"a":1}},{"ts":2,"values":{"a":2}}] one batch per object at its ts
 * </pre>
 * Arrays may mix both kinds of object. An object is in the ts form only when it has both {@code ts} and
 * {@code values} (other members are then ignored, as ThingsBoard does); otherwise {@code ts} is an ordinary key.
 * Objects that store nothing ({@code {}}, only nulls) produce no batch, so {@code {}} parses to an empty list and
 * is accepted, as in ThingsBoard.
 * <p>
 * One deliberate difference: a {@code ts} that is not a number of milliseconds ({@code "soon"}, {@code true}, out
 * of the long range) is a bad payload here, where ThingsBoard's uncaught NumberFormatException closes the
 * connection even under MQTT 5.
 */
public final class TelemetryParser {

    private final PayloadLimits limits;
    private final LenientJsonReader reader;

    public TelemetryParser(final PayloadLimits limits) {
        this.limits = limits;
        this.reader = new LenientJsonReader(limits);
    }

    /**
     * @param nowMillis the server time for entries without their own ts; passed in so one message gets one time
     *                  and tests need no clock
     */
    public List<TsKvBatch> parse(final byte[] payload, final long nowMillis) throws BadPayloadException {
        return parse(reader.read(payload), nowMillis);
    }

    /** One message's telemetry already read as JSON (a gateway's telemetry of one sub-device). */
    List<TsKvBatch> parse(final JsonNode root, final long nowMillis) throws BadPayloadException {
        final EntryReader entries = new EntryReader(limits);
        final List<TsKvBatch> batches = new ArrayList<>();
        if (root.isObject()) {
            addBatch(batches, root, nowMillis, entries);
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                final JsonNode element = root.get(i);
                if (!element.isObject()) {
                    throw new BadPayloadException(
                            WRONG_SHAPE, "telemetry array element " + i + " is not a JSON object");
                }
                addBatch(batches, element, nowMillis, entries);
            }
        } else {
            throw new BadPayloadException(WRONG_SHAPE, "telemetry must be a JSON object or array");
        }
        return List.copyOf(batches);
    }

    private static void addBatch(
            final List<TsKvBatch> batches, final JsonNode object, final long nowMillis, final EntryReader entries)
            throws BadPayloadException {
        final long ts;
        final List<KeyValue> values;
        if (object.has("ts") && object.has("values")) {
            ts = timestamp(object.get("ts"));
            final JsonNode valuesObject = object.get("values");
            if (!valuesObject.isObject()) {
                throw new BadPayloadException(WRONG_SHAPE, "values must be a JSON object");
            }
            values = entries.read(valuesObject);
        } else {
            ts = nowMillis;
            values = entries.read(object);
        }
        if (!values.isEmpty()) {
            batches.add(new TsKvBatch(ts, values));
        }
    }

    private static long timestamp(final JsonNode ts) throws BadPayloadException {
        final OptionalLong millis = GsonCoercion.asLong(ts);
        if (millis.isEmpty()) {
            throw new BadPayloadException(WRONG_SHAPE, "ts must be a number of milliseconds");
        }
        return millis.getAsLong();
    }
}
