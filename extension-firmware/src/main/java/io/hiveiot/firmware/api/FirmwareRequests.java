package io.hiveiot.firmware.api;

import com.codahale.metrics.MetricRegistry;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import io.hiveiot.firmware.device.FirmwareMetrics;
import io.hiveiot.kit.api.ApiRequestInterceptor;

/** The interceptor every application connection shares: the {@code firmware} service's requests. */
public final class FirmwareRequests {

    private FirmwareRequests() {
    }

    public static PublishInboundInterceptor interceptor(final FirmwareService service, final MetricRegistry metrics) {
        return new ApiRequestInterceptor(service, metrics, FirmwareMetrics.PREFIX + "api." + service.name() + ".");
    }
}
