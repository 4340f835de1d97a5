package io.hiveiot.firmware.rollout;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.identity.ClientIdentity;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.firmware.schema.Tables.ROLLOUT;

/**
 * Records what devices report about their updates. A report updates only the keys it carries; a state other than
 * FAILED clears an old error (ThingsBoard devices send {@code fw_error} only with FAILED).
 */
public final class RolloutStore {

    private static final String FAILED = "FAILED";

    private final Database database;
    private final Clock clock;

    public RolloutStore(final Database database, final Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Commits the report; the future completes with the time it was recorded at. */
    public CompletableFuture<Long> record(final ClientIdentity device, final RolloutReport report) {
        final long now = clock.millis();
        return database.write(dsl -> {
            final String type = report.type().name();
            final boolean clearsError = report.error().isEmpty()
                    && report.state().filter(state -> !state.equals(FAILED)).isPresent();
            var insert = dsl.insertInto(ROLLOUT)
                    .set(ROLLOUT.DEVICE_ID, device.deviceId())
                    .set(ROLLOUT.TYPE, type)
                    .set(ROLLOUT.ACCOUNT, device.account())
                    .set(ROLLOUT.DEVICE, device.deviceName())
                    .set(ROLLOUT.STATE, report.state().orElse(null))
                    .set(ROLLOUT.ERROR, report.error().orElse(null))
                    .set(ROLLOUT.CURRENT_TITLE, report.currentTitle().orElse(null))
                    .set(ROLLOUT.CURRENT_VERSION, report.currentVersion().orElse(null))
                    .set(ROLLOUT.UPDATED_AT, now)
                    .onConflict(ROLLOUT.DEVICE_ID, ROLLOUT.TYPE)
                    .doUpdate()
                    .set(ROLLOUT.DEVICE, device.deviceName())
                    .set(ROLLOUT.UPDATED_AT, now);
            if (report.state().isPresent()) {
                insert = insert.set(ROLLOUT.STATE, report.state().get());
            }
            if (report.error().isPresent()) {
                insert = insert.set(ROLLOUT.ERROR, report.error().get());
            } else if (clearsError) {
                insert = insert.setNull(ROLLOUT.ERROR);
            }
            if (report.currentTitle().isPresent()) {
                insert = insert.set(ROLLOUT.CURRENT_TITLE, report.currentTitle().get());
            }
            if (report.currentVersion().isPresent()) {
                insert = insert.set(
                        ROLLOUT.CURRENT_VERSION, report.currentVersion().get());
            }
            insert.execute();
            return now;
        });
    }
}
