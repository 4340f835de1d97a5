package io.hiveiot.benchmarks.authorizer;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * What hive-iot-tracking's family subscription interceptor does for a filter that names no family: a subscribe
 * interceptor on every connection that looks the filter's first level up and leaves the SUBSCRIBE to the default
 * permissions. Written into a benchmark's extensions folder only.
 */
public final class PassThroughSubscriptionsMain implements ExtensionMain {

    private static final Set<String> FAMILIES = Set.of("foxtrackr");
    private static final LongAdder FAMILY_FILTERS = new LongAdder();

    @Override
    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
        final SubscribeInboundInterceptor lookUp = (subscribeInput, subscribeOutput) -> {
            for (final Subscription subscription :
                    subscribeInput.getSubscribePacket().getSubscriptions()) {
                final String filter = subscription.getTopicFilter();
                final int slash = filter.indexOf('/');
                if (FAMILIES.contains(slash < 0 ? filter : filter.substring(0, slash))) {
                    FAMILY_FILTERS.increment();
                }
            }
        };
        Services.initializerRegistry()
                .setClientInitializer((initializerInput, context) -> context.addSubscribeInboundInterceptor(lookUp));
    }

    @Override
    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
        // nothing to release
    }
}
