package io.hiveiot.auth.claim;

import io.hiveiot.auth.credential.PasswordVerifier;
import io.hiveiot.kit.api.ApiException;
import io.hiveiot.kit.database.Database;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.hiveiot.auth.schema.Tables.CLAIM;
import static io.hiveiot.auth.schema.Tables.DEVICE;

/**
 * ThingsBoard's device claiming: a device opens a claim with a secret for a while; an application of
 * another account that knows the device's name and the secret completes it, and the device moves to
 * that account. A claim already open is not replaced by a second one (ThingsBoard's putIfAbsent).
 */
public final class Claims {

    /** ThingsBoard's {@code security.claim.duration}: one day. */
    public static final long DEFAULT_DURATION_MS = 86_400_000L;

    public record Claimed(String deviceId, String device, String fromAccount) {}

    private record Open(String deviceId, String account, String secretHash, long expiresAt) {}

    private final Database database;
    private final PasswordVerifier passwords;
    private final Clock clock;

    public Claims(final Database database, final PasswordVerifier passwords, final Clock clock) {
        this.database = database;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Opens a claim for the device unless an unexpired one is open. */
    CompletableFuture<Boolean> open(final String deviceId, final String secret, final long durationMs) {
        final long now = clock.millis();
        return passwords
                .hash(secret)
                .thenCompose(hash -> database.write(dsl -> {
                    dsl.deleteFrom(CLAIM)
                            .where(CLAIM.DEVICE_ID.eq(deviceId))
                            .and(CLAIM.EXPIRES_AT.le(now))
                            .execute();
                    return dsl.insertInto(CLAIM)
                                    .set(CLAIM.DEVICE_ID, deviceId)
                                    .set(CLAIM.SECRET_HASH, hash)
                                    .set(CLAIM.CREATED_AT, now)
                                    .set(CLAIM.EXPIRES_AT, now + durationMs)
                                    .onConflictDoNothing()
                                    .execute()
                            == 1;
                }));
    }

    /**
     * Completes the claim of the device named {@code name} (in whichever other account it is) for
     * {@code account}.
     */
    public CompletableFuture<Claimed> complete(final String account, final String name, final String secret) {
        final long now = clock.millis();
        return database.read(dsl -> dsl.select(DEVICE.ID, DEVICE.ACCOUNT_ID, CLAIM.SECRET_HASH, CLAIM.EXPIRES_AT)
                        .from(CLAIM)
                        .join(DEVICE)
                        .on(DEVICE.ID.eq(CLAIM.DEVICE_ID))
                        .where(DEVICE.NAME.eq(name))
                        .and(DEVICE.ACCOUNT_ID.ne(account))
                        .and(CLAIM.EXPIRES_AT.gt(now))
                        .fetch(row -> new Open(row.value1(), row.value2(), row.value3(), row.value4())))
                .thenCompose(open -> firstMatching(new ArrayList<>(open), secret))
                .thenCompose(match -> match.map(claim -> move(claim, account, name))
                        .orElseGet(() -> CompletableFuture.failedFuture(new ApiException(
                                "claim-failed",
                                "no device '" + name + "' offers a claim with this secret, or the claim expired"))));
    }

    private CompletableFuture<Optional<Open>> firstMatching(final List<Open> open, final String secret) {
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        final Open candidate = open.remove(0);
        return passwords
                .verify("claim:" + candidate.deviceId() + ":" + candidate.expiresAt(), secret, candidate.secretHash())
                .thenCompose(matches -> matches
                        ? CompletableFuture.completedFuture(Optional.of(candidate))
                        : firstMatching(open, secret));
    }

    private CompletableFuture<Claimed> move(final Open claim, final String account, final String name) {
        return database.write(dsl -> {
            if (dsl.fetchExists(DEVICE, DEVICE.ACCOUNT_ID.eq(account).and(DEVICE.NAME.eq(name)))) {
                throw new ApiException(
                        ApiException.CONFLICT,
                        "your account has a device named '" + name + "' already; rename or delete it first");
            }
            if (dsl.deleteFrom(CLAIM)
                            .where(CLAIM.DEVICE_ID.eq(claim.deviceId()))
                            .execute()
                    == 0) {
                throw new ApiException("claim-failed", "the claim was completed by someone else");
            }
            dsl.update(DEVICE)
                    .set(DEVICE.ACCOUNT_ID, account)
                    .where(DEVICE.ID.eq(claim.deviceId()))
                    .execute();
            return new Claimed(claim.deviceId(), name, claim.account());
        });
    }
}
