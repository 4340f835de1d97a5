package io.hiveiot.kit.publish;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;

import java.util.List;
import java.util.function.Predicate;

/**
 * Several inbound interceptors of one extension as one. HiveMQ runs every interceptor of a client as a task of its
 * own on the client's queue, so each one more costs every publish of the client a task, whatever its topic; these
 * run in one task instead, and a publish goes to the first interceptor whose topics it belongs to, or to none.
 */
public final class TopicRoutes implements PublishInboundInterceptor {

    /** An interceptor and the topics it handles; it is given no other publish. */
    public record Route(Predicate<String> topics, PublishInboundInterceptor interceptor) {}

    private final List<Route> routes;

    private TopicRoutes(final List<Route> routes) {
        this.routes = routes;
    }

    /** @param routes tried in this order */
    public static TopicRoutes of(final Route... routes) {
        return new TopicRoutes(List.of(routes));
    }

    public static Route route(final Predicate<String> topics, final PublishInboundInterceptor interceptor) {
        return new Route(topics, interceptor);
    }

    @Override
    public void onInboundPublish(final PublishInboundInput input, final PublishInboundOutput output) {
        final String topic = input.getPublishPacket().getTopic();
        for (final Route route : routes) {
            if (route.topics().test(topic)) {
                route.interceptor().onInboundPublish(input, output);
                return;
            }
        }
    }
}
