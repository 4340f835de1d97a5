package io.hiveiot.kit.thingsboard;

import io.hiveiot.kit.thingsboard.ShortTopic.Format;

import java.util.Arrays;
import java.util.Optional;

/**
 * The topics a device is answered and pushed to, chosen as ThingsBoard chooses them: shared-attribute pushes and
 * server-side RPC requests go to the family of the device's latest subscription to them, attribute responses and
 * answers to its own RPC requests to the family of its request. {@code v1/devices/me/...} and the plain
 * {@code v2/...} topics carry the payload type of the device's profile; {@code /j} is JSON, {@code /p} Protocol
 * Buffers.
 */
public enum TopicFamily {
    V1(
            Format.PROFILE,
            DeviceTopic.ATTRIBUTES,
            DeviceTopic.ATTRIBUTE_RESPONSE_PREFIX,
            DeviceTopic.RPC_REQUEST_PREFIX,
            DeviceTopic.RPC_RESPONSE_PREFIX),
    V2(Format.PROFILE),
    V2_JSON(Format.JSON),
    V2_PROTOBUF(Format.PROTOBUF);

    private final Format format;
    private final String attributes;
    private final String attributeResponsePrefix;
    private final String rpcRequestPrefix;
    private final String rpcResponsePrefix;

    TopicFamily(final Format format) {
        this(
                format,
                ShortTopic.ATTRIBUTES.topic(format),
                ShortTopic.ATTRIBUTE_RESPONSE.topic(format),
                ShortTopic.RPC_REQUEST.topic(format),
                ShortTopic.RPC_RESPONSE.topic(format));
    }

    TopicFamily(
            final Format format,
            final String attributes,
            final String attributeResponsePrefix,
            final String rpcRequestPrefix,
            final String rpcResponsePrefix) {
        this.format = format;
        this.attributes = attributes;
        this.attributeResponsePrefix = attributeResponsePrefix;
        this.rpcRequestPrefix = rpcRequestPrefix;
        this.rpcResponsePrefix = rpcResponsePrefix;
    }

    /** The family of a short topic's format. */
    public static TopicFamily of(final Format format) {
        return switch (format) {
            case PROFILE -> V2;
            case JSON -> V2_JSON;
            case PROTOBUF -> V2_PROTOBUF;
        };
    }

    /** The family whose RPC requests a subscription to {@code filter} asks for (ThingsBoard compares the filter). */
    public static Optional<TopicFamily> ofRpcRequestFilter(final String filter) {
        return Arrays.stream(values())
                .filter(family -> family.rpcRequestFilter().equals(filter))
                .findFirst();
    }

    /** The payload type of this family for a device of {@code profile}. */
    public DeviceProfile.PayloadType payloadType(final DeviceProfile profile) {
        return switch (format) {
            case PROFILE -> profile.payloadType();
            case JSON -> DeviceProfile.PayloadType.JSON;
            case PROTOBUF -> DeviceProfile.PayloadType.PROTOBUF;
        };
    }

    /** Where shared-attribute pushes go. */
    public String attributes() {
        return attributes;
    }

    public String attributeResponse(final int requestId) {
        return attributeResponsePrefix + requestId;
    }

    public String attributeResponseFilter() {
        return attributeResponsePrefix + "+";
    }

    public String rpcRequest(final int requestId) {
        return rpcRequestPrefix + requestId;
    }

    /** A filter matching every RPC request topic of this family. */
    public String rpcRequestFilter() {
        return rpcRequestPrefix + "+";
    }

    public String rpcResponse(final int requestId) {
        return rpcResponsePrefix + requestId;
    }

    public String rpcResponseFilter() {
        return rpcResponsePrefix + "+";
    }
}
