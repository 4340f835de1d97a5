package io.hiveiot.auth.firstrun;

import io.hiveiot.kit.database.Database;
import io.hiveiot.kit.secret.SaltedHash;
import io.hiveiot.kit.secret.SecretGenerator;
import io.hiveiot.kit.secret.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.hiveiot.auth.schema.Tables.ACCESS_TOKEN;
import static io.hiveiot.auth.schema.Tables.ACCOUNT;
import static io.hiveiot.auth.schema.Tables.DEVICE;
import static io.hiveiot.auth.schema.Tables.DEVICE_STATUS;

/**
 * On the first start with an empty registry: account {@code demo} (administrative; its AppID is its
 * account id), its application secret, device {@code demo-device} and its access token, so that a
 * fresh install can be tried at once. The secrets go to {@code first-run.txt} only; the log names
 * the file, never a secret.
 */
public final class DemoAccount {

    public static final String ACCOUNT_ID = "demo";
    public static final String DEVICE_NAME = "demo-device";

    private static final Logger log = LoggerFactory.getLogger(DemoAccount.class);

    private DemoAccount() {}

    /** @return whether the demo account was created now */
    public static boolean createIfRegistryEmpty(
            final Database database, final Path hiveIotDataFolder, final Clock clock, final int hashIterations) {
        final boolean empty = database.read(dsl -> dsl.fetchCount(ACCOUNT) == 0).join();
        if (!empty) {
            return false;
        }
        final String appSecret = SecretGenerator.generate(32);
        final String token = SecretGenerator.generate(20);
        final String deviceId = UUID.randomUUID().toString();
        final var values = new LinkedHashMap<String, String>();
        values.put("account", ACCOUNT_ID);
        values.put("app-id", ACCOUNT_ID);
        values.put("app-secret", appSecret);
        values.put("device", DEVICE_NAME);
        values.put("device-token", token);
        final Path file = hiveIotDataFolder.resolve(FirstRunFile.NAME);
        // The file first: if the commit then fails, the next start makes new secrets and a new file;
        // the other order could commit secrets that nobody can ever read.
        try {
            FirstRunFile.write(file, values);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        final String secretHash = SaltedHash.hash(appSecret, hashIterations);
        final long now = clock.millis();
        final CompletableFuture<Integer> created = database.write(dsl -> {
            dsl.insertInto(ACCOUNT)
                    .set(ACCOUNT.ID, ACCOUNT_ID)
                    .set(ACCOUNT.SECRET_HASH, secretHash)
                    .set(ACCOUNT.ADMIN, true)
                    .set(ACCOUNT.CREATED_AT, now)
                    .execute();
            dsl.insertInto(DEVICE)
                    .set(DEVICE.ID, deviceId)
                    .set(DEVICE.ACCOUNT_ID, ACCOUNT_ID)
                    .set(DEVICE.NAME, DEVICE_NAME)
                    .set(DEVICE.CREATED_AT, now)
                    .execute();
            dsl.insertInto(ACCESS_TOKEN)
                    .set(ACCESS_TOKEN.TOKEN_HASH, Sha256.hex(token))
                    .set(ACCESS_TOKEN.DEVICE_ID, deviceId)
                    .set(ACCESS_TOKEN.CREATED_AT, now)
                    .execute();
            return dsl.insertInto(DEVICE_STATUS)
                    .set(DEVICE_STATUS.DEVICE_ID, deviceId)
                    .execute();
        });
        try {
            created.join();
        } catch (final CompletionException e) {
            // Another broker node sharing the database created it first: its file holds the credentials.
            if (database.read(dsl -> dsl.fetchExists(ACCOUNT, ACCOUNT.ID.eq(ACCOUNT_ID)))
                    .join()) {
                deleteQuietly(file);
                log.info(
                        "hive-iot-auth: first start: another broker node created account '{}' at the same time",
                        ACCOUNT_ID);
                return false;
            }
            throw e;
        }
        log.info(
                "hive-iot-auth: first start: created account '{}' with device '{}'; their credentials are in {}",
                ACCOUNT_ID,
                DEVICE_NAME,
                file);
        return true;
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            log.warn("hive-iot-auth: {} holds secrets that were never stored; delete it: {}", file, e.toString());
        }
    }
}
