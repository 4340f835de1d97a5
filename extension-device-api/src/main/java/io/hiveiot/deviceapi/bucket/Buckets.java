package io.hiveiot.deviceapi.bucket;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured buckets, by account and by name, and where their records are kept. */
public final class Buckets {

    private final Map<String, List<Bucket>> byAccount;
    private final Map<String, Bucket> byName;
    private final BucketStore store;

    public Buckets(final List<Bucket> buckets, final BucketStore store) {
        this.byAccount = buckets.stream().collect(Collectors.groupingBy(Bucket::account,
                Collectors.toUnmodifiableList()));
        this.byName = buckets.stream().collect(Collectors.toUnmodifiableMap(Bucket::name, Function.identity()));
        this.store = store;
    }

    public List<Bucket> ofAccount(final String account) {
        return byAccount.getOrDefault(account, List.of());
    }

    /** The account's bucket of that name; another account's bucket is not found either. */
    public Optional<Bucket> find(final String account, final String name) {
        return Optional.ofNullable(byName.get(name)).filter(bucket -> bucket.account().equals(account));
    }

    public List<Bucket> all() {
        return List.copyOf(byName.values());
    }

    public BucketStore store() {
        return store;
    }
}
