package io.hiveiot.deviceapi.session;

import io.hiveiot.deviceapi.mqtt.TopicFilter;
import io.hiveiot.kit.session.DeviceConnection;
import io.hiveiot.kit.thingsboard.DeviceProfile;
import io.hiveiot.kit.thingsboard.DeviceTopic;
import io.hiveiot.kit.thingsboard.TopicFamily;

import java.util.Optional;

/**
 * One connection of a device as this extension serves it: the connection, the device's profile and gateway flag as
 * hive-iot-auth annotated them at CONNECT, and the topic families its latest subscriptions chose for
 * shared-attribute pushes and RPC requests (ThingsBoard's {@code attrSubTopicType} and {@code rpcSubTopicType}).
 */
public final class DeviceSession {

    private final DeviceConnection connection;
    private final DeviceProfile profile;
    private final boolean gateway;
    private final Optional<TopicFilter> telemetry;
    private final Optional<TopicFilter> attributesTopic;
    private final Optional<TopicFilter> attributesSubscription;
    private volatile TopicFamily attributes = TopicFamily.V1;
    private volatile TopicFamily rpc = TopicFamily.V1;

    public DeviceSession(final DeviceConnection connection, final DeviceProfile profile, final boolean gateway) {
        this.connection = connection;
        this.profile = profile;
        this.gateway = gateway;
        this.telemetry = custom(profile.telemetryTopic(), DeviceTopic.TELEMETRY);
        this.attributesTopic = custom(profile.attributesTopic(), DeviceTopic.ATTRIBUTES);
        this.attributesSubscription = custom(profile.attributesSubscribeTopic(), DeviceTopic.ATTRIBUTES);
    }

    /** A filter of the profile other than ThingsBoard's default topic; a filter that is not valid never matches. */
    private static Optional<TopicFilter> custom(final String filter, final String defaultTopic) {
        return filter.equals(defaultTopic) || !TopicFilter.isValid(filter)
                ? Optional.empty()
                : Optional.of(new TopicFilter(filter));
    }

    /** Whether the device's telemetry arrives on {@code topic} (its profile's filter, by default the v1 topic). */
    public boolean isTelemetryTopic(final String topic) {
        return telemetry.map(filter -> filter.matches(topic)).orElseGet(() -> topic.equals(profile.telemetryTopic()));
    }

    /** Whether the device's client attributes arrive on {@code topic}. */
    public boolean isAttributesTopic(final String topic) {
        return attributesTopic
                .map(filter -> filter.matches(topic))
                .orElseGet(() -> topic.equals(profile.attributesTopic()));
    }

    /** Whether a publish on {@code topic} lies on a topic filter of its own the device's profile names. */
    public boolean matchesProfileTopic(final String topic) {
        return telemetry.map(filter -> filter.matches(topic)).orElse(false)
                || attributesTopic.map(filter -> filter.matches(topic)).orElse(false);
    }

    /**
     * Whether a subscription to {@code filter} asks for shared-attribute pushes through the profile's own
     * subscription filter (ThingsBoard matches the subscribed filter against it, and pushes on the v1 topic).
     */
    public boolean isProfileAttributesSubscription(final String filter) {
        return attributesSubscription
                .map(profileFilter -> profileFilter.matches(filter))
                .orElse(false);
    }

    public DeviceConnection connection() {
        return connection;
    }

    public DeviceProfile profile() {
        return profile;
    }

    public boolean gateway() {
        return gateway;
    }

    public String brokerClientId() {
        return connection.brokerClientId();
    }

    public String deviceId() {
        return connection.deviceId();
    }

    public DeviceRef ref() {
        final var device = connection.device();
        return new DeviceRef(device.account(), device.deviceName(), device.deviceId());
    }

    public TopicFamily attributeFamily() {
        return attributes;
    }

    public TopicFamily rpcFamily() {
        return rpc;
    }

    /** The device subscribed to shared-attribute pushes of a family. */
    public void subscribedToAttributes(final TopicFamily family) {
        this.attributes = family;
    }

    /** The device subscribed to RPC requests of a family. */
    public void subscribedToRpc(final TopicFamily family) {
        this.rpc = family;
    }
}
